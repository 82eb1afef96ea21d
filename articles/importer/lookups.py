"""What one import run has already looked up: shows, speakers, tags and categories.

Thousands of write-ups share a few hundred names; asking the database once per name
instead of once per file is most of the importer's speed. Entries made inside a file's
transaction are only trusted after it commits (`commit`), so a rolled-back file never
leaves a cached row that no longer exists.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from taggit.models import Tag

from ..models import Category, Show, Speaker
from .values import as_slug

_ABBREVIATION = re.compile(r"^[A-Z]{1,4}$")


def get_or_create(model, lookup: dict, defaults: dict | None = None):
    """get_or_create that survives a concurrent insert of the same natural key."""
    return get_or_create_flagged(model, lookup, defaults)[0]


def get_or_create_flagged(model, lookup: dict, defaults: dict | None = None):
    """The same, and whether this call created the row."""
    try:
        return model.objects.get_or_create(**lookup, defaults=defaults or {})
    except IntegrityError:
        return model.objects.get(**lookup), False


class Lookups:
    def __init__(self):
        self._committed: dict[tuple, object] = {}
        self._pending: dict[tuple, object] = {}
        self._aliases: dict[str, int] | None = None

    # The two-level cache -------------------------------------------------------------
    def _cached(self, key: tuple):
        return self._pending.get(key) or self._committed.get(key)

    def _remember(self, key: tuple, value) -> None:
        self._pending[key] = value

    def commit(self) -> None:
        self._committed.update(self._pending)
        self._pending.clear()

    def rollback(self) -> None:
        self._pending.clear()
        self._aliases = None

    # Shows ---------------------------------------------------------------------------
    def show(self, name: str) -> Show | None:
        slug = as_slug(name)
        if not slug:
            return None
        if (show := self._cached(("show", slug))) is None:
            show = get_or_create(Show, {"slug": slug}, {"name": name})
            self._remember(("show", slug), show)
        return show

    # Speakers ------------------------------------------------------------------------
    def _alias_index(self) -> dict[str, int]:
        if self._aliases is None:
            rows = Speaker.objects.exclude(aliases=[]).values_list("pk", "aliases")
            self._aliases = {a.lower(): pk for pk, aliases in rows for a in aliases}
        return self._aliases

    def speaker(self, name: str, aliases: list[str]) -> Speaker | None:
        """The one person behind a name: by slug, else by an alias an editor or import gave."""
        slug = as_slug(name)
        if not slug:
            return None
        speaker = self._cached(("speaker", slug))
        if speaker is None:
            speaker = Speaker.objects.filter(slug=slug).first()
            if speaker is None and (pk := self._alias_index().get(name.lower())):
                speaker = Speaker.objects.filter(pk=pk).first()
            if speaker is None:
                # Its search entry is made by articles.content_changes.
                speaker = get_or_create(Speaker, {"slug": slug}, {"name": name[:200]})
            self._remember(("speaker", slug), speaker)
        # Abbreviations ("PM") name someone only within one transcript: not kept.
        new = [
            a for a in aliases
            if a not in speaker.aliases and a != speaker.name and not _ABBREVIATION.match(a)
        ]  # fmt: skip
        if new:
            speaker.aliases = [*speaker.aliases, *new]
            speaker.save(update_fields=["aliases"])
            self._alias_index().update({a.lower(): speaker.pk for a in new})
        return speaker

    # Tags and categories -------------------------------------------------------------
    def labels(self, model: type[Tag] | type[Category], names: list[str]) -> list:
        """Tag (or Category) rows for names, matched case-insensitively as taggit does."""
        kind = model.__name__
        found, missing = [], []
        for name in dict.fromkeys(names):
            if (row := self._cached((kind, name.lower()))) is not None:
                found.append(row)
            else:
                missing.append(name)
        for name in missing:
            row = model.objects.filter(name__iexact=name).first()
            if row is None:
                try:
                    with transaction.atomic():
                        row = model.objects.create(name=name)
                except IntegrityError:  # created a moment ago by another import
                    row = model.objects.get(name__iexact=name)
            self._remember((kind, name.lower()), row)
            found.append(row)
        return list({row.pk: row for row in found}.values())
