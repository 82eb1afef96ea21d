"""Two server processes on one PostgreSQL (and one Redis): an edit made through one is
seen at once through the other, and with Redis they share one page cache."""

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from articles.importer import import_paths
from articles.models import Article

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
ARTICLE = "---\ntitle: 兩個行程\ndate: 2025-01-02\n---\n\n## 一\n\n內容。\n"


def _redis_up() -> bool:
    try:
        import redis

        return redis.Redis.from_url(REDIS_URL, socket_timeout=1).ping()
    except Exception:
        return False


pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs a shared PostgreSQL"),
    pytest.mark.django_db(transaction=True),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def servers(request):
    env = {**os.environ, "DEBUG": "1", "DATABASE_URL": _database_url(), "CONN_MAX_AGE": "0"}
    env.pop("REDIS_URL", None)
    env.pop("CACHE_URL", None)
    if request.param == "redis":
        if not _redis_up():
            pytest.skip("no Redis at " + REDIS_URL)
        import redis

        redis.Redis.from_url(REDIS_URL).flushdb()
        env["REDIS_URL"] = REDIS_URL
    processes, urls = [], []
    for _ in range(2):
        port = _free_port()
        processes.append(subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "kbsite.wsgi", "--bind", f"127.0.0.1:{port}",
             "--workers", "1"], cwd=ROOT, env=env, stderr=subprocess.DEVNULL,
        ))  # fmt: skip
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for url in urls:
            _wait_for(url)
        yield urls
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)


def _wait_for(url: str) -> None:
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/robots.txt", timeout=5)
            return
        except OSError:  # not listening yet, or still starting
            time.sleep(0.2)
    raise AssertionError(f"{url} never answered")


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


def _editor(base: str, username: str, password: str):
    """A logged-in opener for `base`'s admin, and a function posting its forms."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))

    def post(path: str, fields: dict) -> str:
        page = opener.open(base + path).read().decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": token}).encode()
        request = urllib.request.Request(base + path, data, headers={"Referer": base + path})
        return opener.open(request).read().decode()

    post("/admin/login/?next=/admin/", {"username": username, "password": password})
    return post


@pytest.mark.parametrize("servers", ["redis", "memory"], indirect=True)
def test_an_edit_through_one_process_shows_at_once_through_the_other(
    servers, write, django_user_model, request
):
    one, other = servers
    assert import_paths([write("two.md", ARTICLE)]).ok
    article = Article.objects.get()
    # The servers know the default hashers only (tests use MD5): iterations are in the hash.
    password = PBKDF2PasswordHasher().encode("a-long-password", "salt1234", iterations=1000)
    django_user_model.objects.create_superuser("editor", "e@example.com", password=None)
    django_user_model.objects.filter(username="editor").update(password=password)
    path = article.get_absolute_url()
    assert "兩個行程" in _get(other + path)[1] and "兩個行程" in _get(one + path)[1]

    Article.objects.filter(pk=article.pk).update(title="背著快取改的")  # no version bump
    if request.node.callspec.params["servers"] == "redis":
        # One cache for both: `one` serves the page `other` rendered, not the new title.
        assert "兩個行程" in _get(one + path)[1]

    post = _editor(one, "editor", "a-long-password")
    changelist = "/admin/articles/article/"
    post(changelist, {"action": "unpublish", "_selected_action": article.pk, "index": 0})
    assert Article.objects.get().draft
    assert _get(other + path)[0] == 404  # at once: no wait, no expiry
    post(changelist, {"action": "publish", "_selected_action": article.pk, "index": 0})
    status, page = _get(other + path)
    assert status == 200 and "背著快取改的" in page
