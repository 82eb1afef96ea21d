"""search(): what the search page and the search API both call.

Every match counts: the engine ranks all matching documents (write-ups and speakers),
and the filters, facets, counts, date sort and pages are worked out over that whole
list from the catalogue (catalog.py). Quotes are matched and counted in their own index.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import params
from ..models import Article, SearchDocument, SearchEntry
from . import backends, catalog, ranking
from .backends import Count
from .catalog import Catalog
from .hits import Hits, quotes_in
from .query import Term, parse, ranked_tokens
from .snippet import highlight

PAGE_SIZE = 20
FILTERS = ("type", "show", "speaker", "tag", "year", "language")
SORTS = ("relevance", "date")
FACET_SIZE = 12
# Above the write-ups, a search shows this many quotes from its best few write-ups.
QUOTES_SHOWN, QUOTES_FROM = 3, 5
QUOTE = SearchEntry.Kind.QUOTE


@dataclass
class Results:
    query: str
    terms: list[Term] = field(default_factory=list)
    page: Page | None = None
    facets: dict[str, list[dict]] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    message: str = ""
    quotes: list = field(default_factory=list)  # a few, from the best write-ups

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


def searchable():
    """Entries of what is published now (drafts have none; scheduled write-ups wait)."""
    return SearchEntry.objects.filter(Q(published__lte=timezone.now()) | Q(published=None))


def apply_filters(entries, filters: dict[str, str]):
    """Quote entries narrowed as the filters say (documents are narrowed in narrowed())."""
    if show := filters.get("show"):
        entries = entries.filter(show__slug=show)
    if speaker := filters.get("speaker"):
        entries = entries.filter(speaker__slug=speaker)
    if tag := filters.get("tag"):
        entries = entries.filter(article__in=Article.objects.filter(tags__slug=tag))
    if year := filters.get("year"):
        number = params.year(year)
        entries = entries.filter(year=number) if number is not None else entries.none()
    if language := filters.get("language"):
        entries = entries.filter(language=language)
    return entries


def narrowed(found: list[int], known: Catalog, filters: dict[str, str]) -> list[int]:
    """The documents of `found` (in order) that pass every filter."""
    docs, c = np.asarray(found, np.int64), known.columns
    keep = np.ones(len(docs), bool)
    if kind := filters.get("type"):
        keep &= (c.speaker[docs] > 0) == (kind == SearchDocument.Kind.SPEAKER)
    if show := filters.get("show"):
        keep &= np.isin(c.show[docs], list(_ids(known.shows, show)))
    if speaker := filters.get("speaker"):
        speakers = _ids(known.speakers, speaker)
        named = np.isin(c.speaker[docs], list(speakers)) & (c.speaker[docs] > 0)
        keep &= named | c.having(c.people, speakers)[docs]
    if tag := filters.get("tag"):
        keep &= c.having(c.tagged, _ids(known.tags, tag))[docs]
    if year := filters.get("year"):
        number = params.year(year)
        keep &= c.year[docs] == (number if number is not None else -1)
    if language := filters.get("language"):
        code = c.languages.index(language) if language in c.languages else -1
        keep &= c.language[docs] == code
    return docs[keep].tolist()


def _ids(labels: dict[int, tuple[str, str]], slug: str) -> set[int]:
    return {pk for pk, (own, _name) in labels.items() if own == slug}


def quotes(terms: list[Term], filters: dict[str, str], sort: str, ranked: list[int],
           known: Catalog) -> list[int]:  # fmt: skip
    """Ids of the matching quotes, by their write-up's rank (then in the write-up's
    order), or newest first."""
    entries = apply_filters(searchable().filter(kind=QUOTE), filters)
    rows = backends.matching_quotes(entries, terms).order_by()
    rows = rows.values_list("id", "article_id", "published")
    if sort == "date":
        by_date = sorted(rows, key=lambda row: row[0])
        by_date.sort(key=lambda row: row[2] is not None and row[2].timestamp(), reverse=True)
        return [row[0] for row in by_date]
    place = {known.entries[doc].article: n for n, doc in enumerate(ranked)}
    last = len(place)
    return [pk for pk, article, _published in sorted(
        rows, key=lambda row: (place.get(row[1], last), row[0]))]  # fmt: skip


def quote_count(terms: list[Term], filters: dict[str, str]) -> Count:
    """Matching quotes: counted in the index alone when nothing narrows them."""
    if any(filters.get(name) for name in FILTERS if name != "type"):
        entries = apply_filters(searchable().filter(kind=QUOTE), filters)
        return Count(backends.matching_quotes(entries, terms).count())
    # By date alone: SQLite's sampled statistics would walk every quote by kind.
    waiting = SearchEntry.objects.filter(published__gt=timezone.now()).values_list("id", "kind")
    return backends.quote_count(terms, [pk for pk, kind in waiting if kind == QUOTE])


def facets(found: list[int], known: Catalog, quotes: Count | None) -> dict[str, list[dict]]:
    """Counts for each filter over every matching document (and the quotes' count, which
    may be an estimate: marked `approximate`)."""
    docs, c = np.asarray(found, np.int64), known.columns
    articles = docs[c.speaker[docs] == 0]
    kinds = Counter({SearchDocument.Kind.ARTICLE: len(articles),
                     SearchDocument.Kind.SPEAKER: len(docs) - len(articles)})  # fmt: skip
    if quotes and quotes.number:
        kinds[QUOTE] = quotes.number
    types = _top(+kinds)
    for facet in types:
        if facet["value"] == QUOTE:
            facet["approximate"] = not quotes.exact
    languages = Counter({c.languages[code]: n for code, n in _counts(c.language[articles]).items()})
    return {
        "type": types,
        "show": _top(_counts(c.show[articles]), known.shows),
        "speaker": _top(c.counts(c.people, articles), known.speakers),
        "tag": _top(c.counts(c.tagged, articles), known.tags),
        "year": _top(_counts(c.year[articles])),
        "language": _top(languages),
    }


def _counts(values: np.ndarray) -> Counter:
    """How often each value occurs, 0 (none) left out."""
    return catalog.counter(values[values > 0])


def _top(counter: Counter, labels: dict | None = None) -> list[dict]:
    """The most frequent values as {value, label, count}; `labels` maps a key to both."""
    found = []
    for key, n in counter.most_common():
        if key in (None, "") or (labels is not None and key not in labels):
            continue
        value, label = labels[key] if labels is not None else (key, key)
        found.append({"value": value, "label": label, "count": n})
        if len(found) == FACET_SIZE:
            break
    return found


def ranked(terms: list[Term], known: Catalog) -> list[int]:
    """Every document a reader may find that holds every term, most relevant first
    (then newest). A term of one token is found in the impacts index with the weights,
    one that is an index word (a CJK word, two Latin words) in the words; another
    phrase is checked in the passages."""
    tokens = ranked_tokens(terms)
    words = [(term.word, term.prefix) for term in terms if term.word]
    index = backends.impacts(tokens, words, known.size)
    found = known.public(time.time())
    for term in terms:
        if term.word:
            holding = index.holding[words.index((term.word, term.prefix))]
            if known.unworded or known.unworded_speakers:  # without words: as a phrase
                unworded = backends.phrase_documents(term, known.unworded, known.unworded_speakers)
                holding = holding | known.documents(*unworded)
        elif len(term.tokens) == 1:
            holding = index.levels[tokens.index((term.encoded[0], term.prefix))] >= 0
        else:
            holding = known.documents(*backends.phrase_documents(term))
        found &= holding
    scores = ranking.scores(index.levels, index.titled, len(known.entries))
    docs = np.flatnonzero(found)
    newest = -known.columns.published[docs]
    return docs[np.lexsort((docs, newest, -scores[docs]))].tolist()


def hits(terms: list[Term], filters: dict[str, str], sort: str) -> tuple[Hits, dict]:
    """Every match in the order shown, and the facets over all of them."""
    known = catalog.current()
    ranked_ids = ranked(terms, known)
    kind = filters.get("type")
    documents = narrowed(ranked_ids, known, {**filters, "type": "" if kind == QUOTE else kind})
    if kind == QUOTE:
        found = quotes(terms, filters, sort, documents, known)
        return Hits.of_quotes(found), facets(documents, known, Count(len(found)))
    if sort == "date":
        order = known.newest_first(np.asarray(documents, np.int64)).tolist()
    else:
        order = documents
    total = quote_count(terms, filters) if kind in ("", None) else None
    return Hits.of_documents(order, known, terms), facets(documents, known, total)


def search(query: str, filters: dict | None = None, sort: str = "relevance", page=1) -> Results:
    filters = {k: str(v) for k, v in (filters or {}).items() if k in FILTERS and v}
    sort = sort if sort in SORTS else "relevance"
    results = Results(query=query or "", filters=filters, sort=sort)
    results.terms = parse(query)
    if not results.terms:
        results.message = (
            _("Type a word to search: 記憶, 商品化, GPT-5.2 …")
            if not (query or "").strip()
            else _("Nothing to search for in that: try words rather than symbols.")
        )
        return results
    found, results.facets = hits(results.terms, filters, sort)
    results.page = Paginator(found, PAGE_SIZE).get_page(page)
    if not filters.get("type") and results.page.number == 1:
        shown = [e.article_id for e in results.page.object_list if e.article_id]
        results.quotes = quotes_in(shown[:QUOTES_FROM], results.terms, QUOTES_SHOWN)
    for entry in [*results.page.object_list, *results.quotes]:
        entry.snippet = highlight(entry.text, results.terms)
    if not results.count:
        results.message = _("Nothing found. Fewer or shorter words find more.")
    return results
