"""What a search needs to know of every document to filter and facet all its matches:
kept in memory, one copy a process, until the content changes.

A common word matches most of the archive. Asking the database for the show, year,
tags and speakers of 10,000 matches took longer than the match itself; the whole
catalogue of 30,000 write-ups is a few megabytes, read once per content version.
"""

from __future__ import annotations

import functools
import time
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import Tag, TaggedItem

from .. import cache
from ..models import Appearance, Article, Quote, SearchDocument, Show, Speaker
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
    shown_speakers: frozenset[int] = frozenset()  # speakers a published write-up shows
    by_article: dict[int, int] = field(default_factory=dict)  # write-up id: document id
    by_speaker: dict[int, int] = field(default_factory=dict)

    def documents(self, ids: set[int], articles: set[int], speakers: set[int]) -> set[int]:
        """Document ids, from themselves or from the write-ups and speakers they are."""
        by_article, by_speaker = self.by_article, self.by_speaker
        return (ids | {by_article[a] for a in articles if a in by_article}
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
                if entry.speaker in self.shown_speakers:
                    found.append(doc)
            elif entry.published is None or entry.published <= now:
                found.append(doc)
        return found


def _fingerprint() -> tuple:
    """What changes with every document written, even inside one transaction (where the
    content version moves only on commit)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*), max(id) FROM {DOCUMENT_TABLE}")
        return tuple(cursor.fetchone())


def current() -> Catalog:
    bucket = int(time.monotonic() // cache.PAGE_SECONDS)
    return _remembered(cache.content_version(), bucket, _fingerprint())


@functools.lru_cache(maxsize=1)
def _remembered(version: str, bucket: int, fingerprint: tuple) -> Catalog:
    return build()


cache.remember_cleared(_remembered)


def build() -> Catalog:
    articles = {}
    for pk, published, language, show in Article.objects.values_list(
        "pk", "published", "language", "episode__show_id"
    ):
        articles[pk] = (published, language, show)
    tags = defaultdict(list)
    tagged = TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article))
    for object_id, tag_id in tagged.values_list("object_id", "tag_id"):
        tags[object_id].append(tag_id)
    people = defaultdict(set)
    for article, speaker in Appearance.objects.values_list("episode__articles", "speaker_id"):
        if article is not None:
            people[article].add(speaker)
    quoted = Quote.objects.exclude(speaker=None).values_list("article_id", "speaker_id")
    for article, speaker in quoted.distinct():
        people[article].add(speaker)

    now = time.time()
    catalog = Catalog()
    shown = set()
    documents = SearchDocument.objects.values_list("pk", "kind", "article_id", "speaker_id")
    for pk, kind, article, speaker in documents.order_by():
        if kind == SearchDocument.Kind.SPEAKER:
            catalog.entries[pk] = Entry(kind, None, speaker=speaker)
            catalog.by_speaker[speaker] = pk
            continue
        if article not in articles:
            continue
        published, language, show = articles[article]
        stamp = published.timestamp() if published else None
        speakers = tuple(sorted(people.get(article, ())))
        if stamp is None or stamp <= now:
            shown.update(speakers)
        catalog.by_article[article] = pk
        catalog.entries[pk] = Entry(
            kind, stamp, published.year if published else None, language, show,
            tuple(tags.get(article, ())), speakers, article=article,
        )  # fmt: skip
    catalog.shown_speakers = frozenset(shown)
    catalog.shows = dict(_labels(Show.objects.all()))
    catalog.speakers = dict(_labels(Speaker.objects.all()))
    catalog.tags = dict(_labels(Tag.objects.all()))
    return catalog


def _labels(objects):
    for pk, slug, name in objects.order_by().values_list("pk", "slug", "name"):
        yield pk, (slug, name)
