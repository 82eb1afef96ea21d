"""What a search needs to know of every document to filter and facet all its matches:
kept in memory, one copy a process, until the content changes.

A common word matches most of the archive. Asking the database for the show, year,
tags and speakers of 10,000 matches took longer than the match itself; the whole
catalogue of 30,000 write-ups is a few megabytes, read once per content version from
the documents' own short columns (SQLite: from one covering index).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

from django.db import connection
from taggit.models import Tag

from .. import cache
from ..models import SearchDocument, Show, Speaker
from .schema import DOCUMENT_TABLE


@dataclass(frozen=True)
class Entry:
    """One document's facets. `published` is a POSIX time (None: undated)."""

    kind: str
    published: float | None
    year: int | None = None
    language: str = ""
    show: int | None = None
    tags: tuple[int, ...] = ()
    speakers: tuple[int, ...] = ()  # who appeared in the episode or is quoted in it
    article: int | None = None
    speaker: int | None = None  # the speaker a speaker's document is


@dataclass
class Catalog:
    entries: dict[int, Entry] = field(default_factory=dict)
    shows: dict[int, tuple[str, str]] = field(default_factory=dict)  # id: (slug, name)
    tags: dict[int, tuple[str, str]] = field(default_factory=dict)
    speakers: dict[int, tuple[str, str]] = field(default_factory=dict)
    # When each speaker's first write-up is published: before it, they are nobody.
    first_shown: dict[int, float] = field(default_factory=dict)
    by_article: dict[int, int] = field(default_factory=dict)  # write-up id: document id
    by_speaker: dict[int, int] = field(default_factory=dict)
    unworded: list[int] = field(default_factory=list)  # write-ups whose words are not whole

    def documents(self, articles: set[int], speakers: set[int]) -> set[int]:
        """The ids of the documents these write-ups and speakers are."""
        by_article, by_speaker = self.by_article, self.by_speaker
        return ({by_article[a] for a in articles if a in by_article}
                | {by_speaker[s] for s in speakers if s in by_speaker})  # fmt: skip

    def public(self, ids: list[int], now: float) -> list[int]:
        """Those of `ids` a reader may find now (scheduled write-ups wait; a speaker only
        drafts or scheduled write-ups name is nobody yet)."""
        found = []
        for doc in ids:
            entry = self.entries.get(doc)
            if entry is None:
                continue
            if entry.kind == SearchDocument.Kind.SPEAKER:
                if self.first_shown.get(entry.speaker, float("inf")) <= now:
                    found.append(doc)
            elif entry.published is None or entry.published <= now:
                found.append(doc)
        return found


def _fingerprint() -> int:
    """What changes with every document written, even inside one transaction (where the
    content version moves only on commit): a document is written anew on every change."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT max(id) FROM {DOCUMENT_TABLE}")
        return cursor.fetchone()[0] or 0


def current() -> Catalog:
    return _remembered(cache.content_version(), _fingerprint())


@functools.lru_cache(maxsize=1)
def _remembered(version: str, fingerprint: int) -> Catalog:
    return build()


cache.remember_cleared(_remembered)


def build() -> Catalog:
    """One read of the documents' short columns, and the names of what they point to."""
    catalog = Catalog()
    first_shown: dict[int, float] = {}
    columns = ("pk", "kind", "article_id", "speaker_id", "published", "show_id", "language",
               "year", "people", "tags", "words_indexed")  # fmt: skip
    unworded = []
    for row in SearchDocument.objects.order_by().values_list(*columns).iterator(2000):
        pk, kind, article, speaker, published, show, language, year, people, tags, whole = row
        if not whole:
            unworded.append(article)
        if kind == SearchDocument.Kind.SPEAKER:
            catalog.entries[pk] = Entry(kind, None, speaker=speaker)
            catalog.by_speaker[speaker] = pk
            continue
        stamp = published.timestamp() if published else None
        people = tuple(map(int, people.split()))
        for person in people:  # a speaker is shown from their first write-up on
            since = first_shown.get(person)
            if since is None or (stamp or float("-inf")) < since:
                first_shown[person] = stamp if stamp is not None else float("-inf")
        catalog.by_article[article] = pk
        tagged = tuple(map(int, tags.split()))
        catalog.entries[pk] = Entry(kind, stamp, year, language, show, tagged, people, article)
    catalog.first_shown = first_shown
    catalog.unworded = unworded
    catalog.shows = dict(_labels(Show.objects.all()))
    catalog.speakers = dict(_labels(Speaker.objects.all()))
    catalog.tags = dict(_labels(Tag.objects.all()))
    return catalog


def _labels(objects):
    for pk, slug, name in objects.order_by().values_list("pk", "slug", "name"):
        yield pk, (slug, name)
