"""search(): what the search page and the search API both call."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import TaggedItem

from ..models import Appearance, Article, SearchDocument, SearchEntry, Show, Speaker
from . import backends, documents
from .query import Term, parse
from .snippet import highlight

PAGE_SIZE = 20
FILTERS = ("type", "show", "speaker", "tag", "year", "language")
SORTS = ("relevance", "date")
FACET_SIZE = 12


@dataclass
class Results:
    query: str
    terms: list[Term] = field(default_factory=list)
    page: Page | None = None
    facets: dict[str, list[dict]] = field(default_factory=dict)
    filters: dict[str, str] = field(default_factory=dict)
    sort: str = "relevance"
    message: str = ""
    more: bool = False  # kept for the templates: every count is exact now
    approximate: bool = False  # the facets counted a sample (past FACET_LIMIT matches)

    @property
    def count(self) -> int:
        return self.page.paginator.count if self.page else 0


def searchable():
    """Entries of what is published now (drafts have none; scheduled write-ups wait)."""
    return SearchEntry.objects.filter(Q(published__lte=timezone.now()) | Q(published=None))


def apply_filters(entries, filters: dict[str, str]):
    if kind := filters.get("type"):
        entries = entries.filter(kind=kind)
    if show := filters.get("show"):
        entries = entries.filter(show__slug=show)
    if speaker := filters.get("speaker"):
        appeared = Appearance.objects.filter(speaker__slug=speaker).values("episode__articles")
        entries = entries.filter(Q(speaker__slug=speaker) | Q(article__in=appeared))
    if tag := filters.get("tag"):
        entries = entries.filter(article__in=Article.objects.filter(tags__slug=tag))
    if year := filters.get("year"):
        entries = entries.filter(year=int(year)) if year.isdigit() else entries.none()
    if language := filters.get("language"):
        entries = entries.filter(language=language)
    return entries


def searchable_documents():
    """Documents of what is published now, and speakers (drafts have none)."""
    return SearchDocument.objects.filter(Q(published__lte=timezone.now()) | Q(published=None))


def document_filters(documents, filters: dict[str, str]):
    kind = filters.get("type")
    if kind in (SearchEntry.Kind.ARTICLE, SearchEntry.Kind.SECTION):
        documents = documents.filter(kind=SearchEntry.Kind.ARTICLE)
    elif kind == SearchEntry.Kind.SPEAKER:
        documents = documents.filter(kind=kind)
    elif kind:
        documents = documents.none()
    if show := filters.get("show"):
        documents = documents.filter(show__slug=show)
    if speaker := filters.get("speaker"):
        appeared = Appearance.objects.filter(speaker__slug=speaker).values("episode__articles")
        documents = documents.filter(Q(speaker__slug=speaker) | Q(article__in=appeared))
    if tag := filters.get("tag"):
        documents = documents.filter(article__in=Article.objects.filter(tags__slug=tag))
    if year := filters.get("year"):
        documents = documents.filter(year=int(year)) if year.isdigit() else documents.none()
    if language := filters.get("language"):
        documents = documents.filter(language=language)
    return documents


def matching_quotes(terms: list[Term], filters: dict[str, str]):
    """Every quote holding the terms, in the write-ups that match, newest first."""
    quotes = searchable().filter(kind=SearchEntry.Kind.QUOTE)
    quotes = apply_filters(quotes, {**filters, "type": "", "speaker": ""})
    if speaker := filters.get("speaker"):  # for quotes: said by that speaker
        quotes = quotes.filter(speaker__slug=speaker)
    sql, params = documents.matching_articles(terms)
    quotes = quotes.extra(where=[f"{SearchEntry._meta.db_table}.article_id IN ({sql})"],
                          params=params)  # fmt: skip
    found = backends.quote_matches(quotes, terms)
    return found.order_by("-published", "id")


# Facets count at most this many matches exactly; past it they count a sample of this
# size, scaled, and say so (≈).
FACET_LIMIT = 10_000
_FACET_COLUMNS = ("kind", "show_id", "speaker_id", "year", "language", "article_id")


class Listing:
    """What Paginator needs from every match, ranked: how many there are, and one page at a
    time, each page ranked in the engine (ORDER BY rank LIMIT k) over all of them."""

    def __init__(self, terms: list[Term], filters: dict[str, str], sort: str):
        self.terms = terms
        found = documents.matching(document_filters(searchable_documents(), filters), terms)
        order = ["-published", "id"] if sort == "date" else ["rank", "id"]
        self.matches = found.extra(order_by=order)
        self.reranked = sort != "date" and connection.vendor == "postgresql"
        self.quotes = matching_quotes(terms, filters) if not filters.get("type") else None
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.matches.order_by().count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        rows = self._rows(window)
        articles = [article for kind, article, _ in rows if kind == SearchEntry.Kind.ARTICLE]
        best = documents.best_passages(self.terms, articles)
        speakers = [speaker for kind, _, speaker in rows if kind == SearchEntry.Kind.SPEAKER]
        for pk, speaker in SearchEntry.objects.filter(
            kind=SearchEntry.Kind.SPEAKER, speaker_id__in=speakers
        ).values_list("pk", "speaker_id"):
            best[("speaker", speaker)] = pk
        ids = [best.get(a) if k == SearchEntry.Kind.ARTICLE else best.get(("speaker", s))
               for k, a, s in rows]  # fmt: skip
        return _entries([i for i in ids if i is not None])

    def _rows(self, window: slice) -> list[tuple]:
        """(kind, article, speaker) of the matches in this window, best first. PostgreSQL
        orders its index's best documents.RERANK again by BM25 (see documents.py)."""
        columns = ("kind", "article_id", "speaker_id")
        if not self.reranked or window.start >= documents.RERANK:
            return list(self.matches.values_list(*columns)[window])
        best = {
            row[0]: row[1:] for row in self.matches.values_list("id", *columns)[: documents.RERANK]
        }
        ordered = [best[pk] for pk in documents.bm25_order(self.terms, list(best))]
        rest = []
        if window.stop > documents.RERANK:
            rest = list(self.matches.values_list(*columns)[documents.RERANK : window.stop])
        return (ordered + rest)[window]

    def facet_rows(self) -> tuple[list[tuple], float]:
        """Rows of _FACET_COLUMNS for the facets, and what each one stands for (1: exact)."""
        rows = list(self.matches.order_by().values_list(*_FACET_COLUMNS)[:FACET_LIMIT])
        return rows, max(1.0, self.count() / max(1, len(rows)))

    def quote_count(self) -> int:
        return self.quotes.count() if self.quotes is not None else 0


class QuoteListing:
    """type=quote: every matching quote, newest first, paged by the database."""

    def __init__(self, terms: list[Term], filters: dict[str, str], sort: str):
        self.matches = matching_quotes(terms, filters)
        self._count = None

    def count(self) -> int:
        if self._count is None:
            self._count = self.matches.count()
        return self._count

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        return _entries(list(self.matches.values_list("id", flat=True)[window]))

    def facet_rows(self) -> tuple[list[tuple], float]:
        rows = list(self.matches.order_by().values_list(*_FACET_COLUMNS)[:FACET_LIMIT])
        return rows, max(1.0, self.count() / max(1, len(rows)))

    def quote_count(self) -> int:
        return 0  # already the rows themselves


def _entries(ids: list[int]) -> list[SearchEntry]:
    """These entries, in this order, ready for a results page (one query)."""
    entries = (
        SearchEntry.objects.filter(id__in=ids)
        .select_related("article", "speaker", "show")
        .defer("search_text", *(f"article__{n}" for n in ("source", "body", "front_matter")))
    )
    by_id = {entry.id: entry for entry in entries}
    return [by_id[i] for i in ids if i in by_id]


def facets(listing) -> dict[str, list[dict]]:
    """Counts for each filter over every match (a scaled sample past FACET_LIMIT)."""
    rows, scale = listing.facet_rows()
    counters = {name: Counter(row[i] for row in rows) for i, name in enumerate(_FACET_COLUMNS)}
    if quotes := listing.quote_count():
        counters["kind"][SearchEntry.Kind.QUOTE] = quotes / scale  # exact, not sampled
    articles = counters["article_id"]
    tags: Counter = Counter()
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=list(articles)
    )
    for object_id, slug, name in tagged.values_list("object_id", "tag__slug", "tag__name"):
        tags[(slug, name)] += articles[object_id]
    # A write-up counts for the people in its episode, as the speaker filter finds it.
    appearances = Appearance.objects.filter(episode__articles__in=list(articles))
    for article_id, speaker_id in appearances.values_list("episode__articles", "speaker_id"):
        counters["speaker_id"][speaker_id] += articles[article_id]
    shows = {pk: (slug, name) for pk, slug, name in Show.objects.filter(
        pk__in=list(counters["show_id"])).values_list("pk", "slug", "name")}  # fmt: skip
    speakers = {pk: (slug, name) for pk, slug, name in Speaker.objects.filter(
        pk__in=list(counters["speaker_id"])).values_list("pk", "slug", "name")}  # fmt: skip
    found = {
        "type": _top(counters["kind"]),
        "show": _top(counters["show_id"], shows),
        "speaker": _top(counters["speaker_id"], speakers),
        "tag": _top(Counter({key: n for key, n in tags.items()}), {k: k for k in tags}),
        "year": _top(counters["year"]),
        "language": _top(counters["language"]),
    }
    for values in found.values():
        for facet in values:
            facet["count"] = round(facet["count"] * scale)
            facet["approximate"] = scale > 1
    return found


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
    kind = filters.get("type")
    listing = (QuoteListing if kind == SearchEntry.Kind.QUOTE else Listing)(
        results.terms, filters, sort
    )
    results.page = Paginator(listing, PAGE_SIZE).get_page(page)
    for entry in results.page.object_list:
        entry.snippet = highlight(entry.text, results.terms)
    results.facets = facets(listing)
    results.approximate = any(f["approximate"] for v in results.facets.values() for f in v)
    if not results.count:
        results.message = _("Nothing found. Fewer or shorter words find more.")
    return results
