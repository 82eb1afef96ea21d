"""Whole-page caching for readers, invalidated by a content version.

Every committed change to what pages show (an import, an admin edit, a delete) moves the
version on, so a cached page is never stale: new keys simply stop matching old entries,
which then expire. Signed-in users (editors previewing drafts) always get fresh pages.
"""

import functools
import hashlib
import time
import uuid

from django.core.cache import cache, caches
from django.core.cache.backends.dummy import DummyCache
from django.db import connection, transaction
from django.http import HttpResponse
from django.utils.translation import get_language

from .models import ContentVersion
from .params import number

VERSION_ROW = 1
# Bounds how late a write-up scheduled for a future time appears (no edit moves the version).
PAGE_SECONDS = 600
MAX_PARAM_CHARS = 100
_VERSION_SQL = f"SELECT token FROM {ContentVersion._meta.db_table} WHERE id = %s"


def content_version() -> str:
    """The token in the database (one indexed read): every process sees every edit at
    once, whether pages are cached per process or in a shared Redis. Written in SQL: it
    runs on every cached page, and building the ORM query cost more than serving the page
    from the cache (a cached page took 2.4× as long as before the token moved here)."""
    with connection.cursor() as cursor:
        cursor.execute(_VERSION_SQL, [VERSION_ROW])
        row = cursor.fetchone()
    token = row[0] if row else None
    if token is None:
        row, _ = ContentVersion.objects.get_or_create(
            pk=VERSION_ROW, defaults={"token": uuid.uuid4().hex}
        )
        token = row.token
    return token


def bump_content_version() -> None:
    """A random token, not a counter: a page cached under an old token can never match
    again, even after the table is emptied and counting would start over."""
    token = uuid.uuid4().hex
    if not ContentVersion.objects.filter(pk=VERSION_ROW).update(token=token):
        ContentVersion.objects.update_or_create(pk=VERSION_ROW, defaults={"token": token})


def bump_after_commit(*args, **kwargs) -> None:
    """A signal receiver: the version moves only once the change is visible to others,
    and once per transaction however many rows it saved."""
    connection = transaction.get_connection()
    if not any(entry[1] is bump_content_version for entry in connection.run_on_commit):
        transaction.on_commit(bump_content_version)


def per_content_version(function):
    """Keep a function's answer in this process until the content changes (or
    PAGE_SECONDS pass, for write-ups scheduled to appear). For small answers every page
    needs, such as a form's choices: nearer than any shared cache, and still never stale,
    since the version is read from the database."""

    @functools.lru_cache(maxsize=2)
    def remembered(version: str, period: int):
        return function()

    @functools.wraps(function)
    def current():
        return remembered(content_version(), int(time.monotonic() // PAGE_SECONDS))

    _REMEMBERED.append(remembered)
    return current


_REMEMBERED: list = []


def remember_cleared(remembered):
    """Have forget_remembered() clear this lru_cache too."""
    _REMEMBERED.append(remembered)
    return remembered


def forget_remembered() -> None:
    """Drop every per_content_version answer (tests: a rolled-back test leaves the version
    token as it was, so the next test's different content would find the old answer)."""
    for remembered in _REMEMBERED:
        remembered.cache_clear()


class CachedPageMixin:
    """For class-based views: serve anonymous GETs from the cache when the content is
    unchanged since the page was rendered."""

    # The query parameters a cached page may carry. Pages that take more (a list's
    # filters) render live for anything but ?page=. Searches are cached too, since
    # readers repeat the popular ones and each costs tens of milliseconds; made-up ones
    # can at worst churn a cache bounded by MAX_ENTRIES and PAGE_SECONDS.
    cached_params: frozenset[str] = frozenset({"page"})

    def _cacheable(self, request) -> bool:
        params = request.GET
        return (
            request.method == "GET"
            and not request.user.is_authenticated
            and set(params) <= self.cached_params
            and number(params.get("page", "1")) is not None
            and all(len(params.getlist(name)) == 1 for name in params)
            and all(len(value) <= MAX_PARAM_CHARS for value in params.values())
        )

    def dispatch(self, request, *args, **kwargs):
        if isinstance(caches["default"], DummyCache) or not self._cacheable(request):
            return super().dispatch(request, *args, **kwargs)
        path = hashlib.sha1(request.get_full_path().encode()).hexdigest()
        key = f"kb:page:{content_version()}:{get_language()}:{path}"
        if (cached := cache.get(key)) is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code == 200:
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
            cache.set(key, (response.content, response["Content-Type"]), PAGE_SECONDS)
        return response
