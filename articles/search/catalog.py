"""What a search needs to know of every document to filter and facet all its matches:
kept in memory, one copy a process, until the content changes.

A common word matches most of the archive. Asking the database for the show, year,
tags and speakers of 10,000 matches took longer than the match itself; the whole
catalogue of 30,000 write-ups is a few megabytes, read once per content version from
the documents' own short columns (SQLite: from one covering index).
"""

from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
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
    by_article: dict[int, int] = field(default_factory=dict)  # write-up id: document id
    by_speaker: dict[int, int] = field(default_factory=dict)
    # Write-ups and speakers indexed without all their words (before SearchWords held
    # the rest, or before the words held pairs of Latin words).
    unworded: list[int] = field(default_factory=list)
    unworded_speakers: list[int] = field(default_factory=list)
    columns: Columns | None = None

    @property
    def size(self) -> int:
        """One more than the largest document id: the length of every column."""
        return len(self.columns.visible_from)

    def documents(self, articles: set[int], speakers: set[int]) -> np.ndarray:
        """A mask of the documents these write-ups and speakers are."""
        mask = np.zeros(self.size, bool)
        mask[[self.by_article[a] for a in articles if a in self.by_article]] = True
        mask[[self.by_speaker[s] for s in speakers if s in self.by_speaker]] = True
        return mask

    def public(self, now: float) -> np.ndarray:
        """A mask of the documents a reader may find now (scheduled write-ups wait; a
        speaker whom only drafts or scheduled write-ups name is nobody yet)."""
        return self.columns.visible_from <= now

    def newest_first(self, docs: np.ndarray) -> np.ndarray:
        return docs[np.argsort(-self.columns.published[docs], kind="stable")]


@dataclass
class Columns:
    """The catalogue as arrays indexed by document id, so a filter or facet over 10,000
    matches is a few array operations (as Python objects, they took 50 ms)."""

    speaker: np.ndarray  # the speaker a speaker's document is, else 0
    published: np.ndarray  # POSIX time; an undated write-up or a speaker: -1e18
    visible_from: np.ndarray  # when a reader may find it (inf: no document)
    show: np.ndarray  # 0: none
    year: np.ndarray  # 0: none
    language: np.ndarray  # a number for each of `languages`
    languages: list[str]
    people: tuple[np.ndarray, np.ndarray]  # (document, speaker) pairs
    tagged: tuple[np.ndarray, np.ndarray]  # (document, tag) pairs

    def having(self, pairs: tuple[np.ndarray, np.ndarray], values) -> np.ndarray:
        """A mask of the documents paired with any of these values."""
        mask = np.zeros(len(self.visible_from), bool)
        docs, found = pairs
        mask[docs[np.isin(found, list(values))]] = True
        return mask

    def counts(self, pairs: tuple[np.ndarray, np.ndarray], docs: np.ndarray) -> Counter:
        """How many of these documents each value is paired with."""
        member = np.zeros(len(self.visible_from), bool)
        member[docs] = True
        mine, found = pairs
        return counter(found[member[mine]])


def counter(values: np.ndarray) -> Counter:
    """How often each value (a small non-negative integer) occurs."""
    if not len(values):
        return Counter()
    counts = np.bincount(values)
    present = np.flatnonzero(counts)
    return Counter(dict(zip(present.tolist(), counts[present].tolist(), strict=True)))


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
    columns = ("pk", "kind", "article_id", "speaker_id", "published", "show_id", "language",
               "year", "people", "tags", "words_indexed")  # fmt: skip
    rows = list(SearchDocument.objects.order_by().values_list(*columns).iterator(2000))
    size = max((row[0] for row in rows), default=0) + 1
    speaker, show, year, language = (np.zeros(size, np.int64) for _ in range(4))
    published = np.full(size, -1e18)
    visible_from = np.full(size, np.inf)
    languages: dict[str, int] = {"": 0}
    people, tagged = ([], []), ([], [])
    first_shown: dict[int, float] = {}  # a speaker is shown from their first write-up on
    for pk, kind, article, person, when, show_id, lang, year_, who, tags, whole in rows:
        if kind == SearchDocument.Kind.SPEAKER:
            catalog.entries[pk] = Entry(kind, None, speaker=person)
            catalog.by_speaker[person] = pk
            speaker[pk] = person
            if not whole:
                catalog.unworded_speakers.append(person)
            continue
        if not whole:
            catalog.unworded.append(article)
        stamp = when.timestamp() if when else None
        ids = tuple(map(int, who.split()))
        for person in ids:
            first_shown[person] = min(
                first_shown.get(person, np.inf), -np.inf if stamp is None else stamp
            )
        tag_ids = tuple(map(int, tags.split()))
        catalog.entries[pk] = Entry(kind, stamp, year_, lang, show_id, tag_ids, ids, article)
        catalog.by_article[article] = pk
        published[pk] = visible_from[pk] = stamp if stamp is not None else -1e18
        show[pk], year[pk] = show_id or 0, year_ or 0
        language[pk] = languages.setdefault(lang, len(languages))
        for pairs, values in ((people, ids), (tagged, tag_ids)):
            pairs[0].extend([pk] * len(values))
            pairs[1].extend(values)
    for person, pk in catalog.by_speaker.items():
        visible_from[pk] = first_shown.get(person, np.inf)
    catalog.columns = Columns(
        speaker, published, visible_from, show, year, language, list(languages),
        *((np.array(docs, np.int64), np.array(values, np.int64))
          for docs, values in (people, tagged)),
    )  # fmt: skip
    catalog.shows = dict(_labels(Show.objects.all()))
    catalog.speakers = dict(_labels(Speaker.objects.all()))
    catalog.tags = dict(_labels(Tag.objects.all()))
    return catalog


def _labels(objects):
    for pk, slug, name in objects.order_by().values_list("pk", "slug", "name"):
        yield pk, (slug, name)
