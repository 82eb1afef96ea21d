"""A search's whole list of matches as Paginator pages it: the length of all of them,
and for one page the entries a reader sees (one query for the passages that show where
each write-up matches best, one for the entries)."""

from __future__ import annotations

from django.db.models import Q

from ..models import SearchDocument, SearchEntry
from . import backends
from .catalog import Catalog
from .query import Term

# What a result shows: model instances of whole write-ups (their import records
# decoded from JSON) took longer than the query.
_SHOWN = (
    *(f.name for f in SearchEntry._meta.concrete_fields if f.name != "search_text"),
    *(f"article__{name}" for name in ("slug", "title", "language")),
    *(f"{model}__{name}" for model in ("speaker", "show") for name in ("name", "slug")),
)


class Hits:
    def __init__(self, items: list[int], page):
        self.items = items
        self._page = page

    @classmethod
    def of_documents(cls, docs: list[int], known: Catalog, terms: list[Term]) -> Hits:
        return cls(docs, lambda ids: _document_entries(ids, known, terms))

    @classmethod
    def of_quotes(cls, ids: list[int]) -> Hits:
        return cls(ids, _quote_entries)

    def __len__(self) -> int:
        return len(self.items)

    def count(self) -> int:
        return len(self.items)

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        return self._page(self.items[window])


def quotes_in(articles: list[int], terms: list[Term], limit: int) -> list[SearchEntry]:
    """The first quotes holding every term in these write-ups, taken in their order."""
    found: dict[int, list[int]] = {}
    for article, pk in backends.quotes_within(articles, terms):
        found.setdefault(article, []).append(pk)
    ids = [pk for article in articles for pk in found.get(article, [])][:limit]
    return _quote_entries(ids)


def _entries():
    return SearchEntry.objects.select_related("article", "speaker", "show").only(*_SHOWN)


def _quote_entries(ids: list[int]) -> list[SearchEntry]:
    by_id = {entry.id: entry for entry in _entries().filter(id__in=ids)}
    for entry in by_id.values():
        entry.result_type = SearchEntry.Kind.QUOTE
    return [by_id[i] for i in ids if i in by_id]


def _document_entries(docs: list[int], known: Catalog, terms: list[Term]) -> list[SearchEntry]:
    """For a write-up, its passage that matches best (linking to its section); for a
    speaker, their entry."""
    entries = [known.entries[doc] for doc in docs]
    articles = [e.article for e in entries if e.kind == SearchDocument.Kind.ARTICLE]
    speakers = [e.speaker for e in entries if e.kind == SearchDocument.Kind.SPEAKER]
    chosen = backends.best_passages(articles, terms)
    # A write-up with no passage holding the terms (they meet across two) shows its first.
    wanted = _entries().filter(
        Q(id__in=chosen.values())
        | Q(kind=SearchEntry.Kind.ARTICLE, article__in=set(articles) - chosen.keys())
        | Q(kind=SearchEntry.Kind.SPEAKER, speaker__in=speakers)
    )
    by_article, by_speaker = {}, {}
    for entry in wanted:
        if entry.kind == SearchEntry.Kind.SPEAKER:
            by_speaker[entry.speaker_id] = entry
        else:
            by_article[entry.article_id] = entry
    shown = []
    for entry in entries:
        found = by_speaker.get(entry.speaker) if entry.speaker else by_article.get(entry.article)
        if found is not None:
            found.result_type = entry.kind  # a write-up, shown by its best passage
            shown.append(found)
    return shown
