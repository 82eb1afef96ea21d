"""A search's whole list of matches as Paginator pages it: the length of all of them,
and for one page the entries a reader sees (one query for the entries, one for the
passages that show where each write-up matched)."""

from __future__ import annotations

from ..models import SearchDocument, SearchEntry
from .catalog import Catalog
from .query import Term

PASSAGES = (SearchEntry.Kind.ARTICLE, SearchEntry.Kind.SECTION)
_DEFERRED = ("search_text", *(f"article__{n}" for n in ("source", "body", "front_matter")))


def patterns(terms: list[Term]) -> list[str]:
    """Each term as a substring of tokens between spaces (" 人工 工智 智能 "): whole
    tokens in order, the last one a prefix when the term's is."""
    return [" " + " ".join(t.encoded) + ("" if t.prefix else " ") for t in terms]


def best_passage(passages: list[tuple[int, str]], terms: list[Term]) -> int:
    """The id of the passage (id, tokens) that holds the most terms, most often; the
    first of equals."""
    wanted = patterns(terms)

    def score(passage: tuple[int, str]) -> tuple[int, int]:
        text = f" {passage[1]} "
        counts = [text.count(pattern) for pattern in wanted]
        return sum(1 for n in counts if n), sum(counts)

    return max(passages, key=score)[0]


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
    """The first quotes holding every term in these write-ups, taken in their order
    (a tested substring of a few write-ups' quotes beats asking an index of all)."""
    wanted = patterns(terms)
    found: dict[int, list[int]] = {}
    for pk, article, text in _of(articles, (SearchEntry.Kind.QUOTE,)):
        if all(pattern in text for pattern in wanted):
            found.setdefault(article, []).append(pk)
    ids = [pk for article in articles for pk in found.get(article, [])][:limit]
    return _quote_entries(ids)


def _of(articles: list[int], kinds) -> list[tuple[int, int, str]]:
    """(id, write-up, tokens) of these write-ups' entries of these kinds, in order."""
    rows = SearchEntry.objects.filter(article__in=articles, kind__in=kinds).order_by("id")
    return list(rows.values_list("id", "article_id", "search_text"))


def _entries():
    return SearchEntry.objects.select_related("article", "speaker", "show").defer(*_DEFERRED)


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
    passages: dict[int, list[tuple[int, str]]] = {}
    for pk, article, text in _of(articles, PASSAGES):
        passages.setdefault(article, []).append((pk, text))
    chosen = {article: best_passage(found, terms) for article, found in passages.items()}
    wanted = _entries().filter(
        id__in=list(chosen.values()) + list(
            SearchEntry.objects.filter(kind=SearchEntry.Kind.SPEAKER, speaker__in=speakers)
            .values_list("id", flat=True)
        )
    )  # fmt: skip
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
