"""search(): what the search page and the search API both call."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from taggit.models import TaggedItem

from ..models import Appearance, Article, SearchEntry, Show, Speaker
from . import backends
from .query import Term, parse
from .snippet import highlight

PAGE_SIZE = 20
FILTERS = ("type", "show", "speaker", "tag", "year", "language")
SORTS = {"relevance": ("rank", "-published", "id"), "date": ("-published", "rank", "id")}
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


def matching(terms: list[Term], filters: dict[str, str]):
    """Every searchable entry that matches, filtered: a QuerySet with a `rank`."""
    return backends.with_rank(apply_filters(searchable(), filters), terms)


class RankedHits:
    """What Paginator needs, answered by the full-text engine alone: the count, and one
    page of ids in rank order. Used when nothing narrows the search (no filter, and no
    write-up scheduled for later whose entries would have to be left out)."""

    def __init__(self, terms: list[Term]):
        self.terms = terms

    @cached_property
    def _count(self) -> int:
        return backends.count(self.terms)

    def count(self) -> int:
        return self._count

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        ids = backends.ranked_ids(self.terms, window.stop - window.start, window.start)
        entries = SearchEntry.objects.filter(id__in=ids).select_related(
            "article", "speaker", "show"
        )
        by_id = {entry.id: entry for entry in entries}
        return [by_id[i] for i in ids if i in by_id]


def facets(terms: list[Term], filters: dict[str, str]) -> dict[str, list[dict]]:
    """Counts for each filter over all matching entries: one pass over their columns."""
    entries = apply_filters(searchable(), filters).filter(id__in=backends.matching_ids(terms))
    columns = ("kind", "show_id", "speaker_id", "year", "language", "article_id")
    counters = {name: Counter() for name in columns}
    for row in entries.values_list(*columns):
        for name, value in zip(columns, row, strict=True):
            counters[name][value] += 1
    articles = counters["article_id"]
    tags: Counter = Counter()
    tagged = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Article), object_id__in=list(articles)
    )
    for object_id, slug, name in tagged.values_list("object_id", "tag__slug", "tag__name"):
        tags[(slug, name)] += articles[object_id]
    shows = {pk: (slug, name) for pk, slug, name in Show.objects.filter(
        pk__in=list(counters["show_id"])).values_list("pk", "slug", "name")}  # fmt: skip
    speakers = {pk: (slug, name) for pk, slug, name in Speaker.objects.filter(
        pk__in=list(counters["speaker_id"])).values_list("pk", "slug", "name")}  # fmt: skip
    return {
        "type": _top(counters["kind"]),
        "show": _top(counters["show_id"], shows),
        "speaker": _top(counters["speaker_id"], speakers),
        "tag": _top(Counter({key: n for key, n in tags.items()}), {k: k for k in tags}),
        "year": _top(counters["year"]),
        "language": _top(counters["language"]),
    }


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
    scheduled = SearchEntry.objects.filter(published__gt=timezone.now()).exists()
    if filters or sort != "relevance" or scheduled:
        hits = matching(results.terms, filters).order_by(*SORTS[sort])
        hits = hits.select_related("article", "speaker", "show")
    else:
        hits = RankedHits(results.terms)
    results.page = Paginator(hits, PAGE_SIZE).get_page(page)
    for entry in results.page.object_list:
        entry.snippet = highlight(entry.text, results.terms)
    results.facets = facets(results.terms, filters)
    if not results.count:
        results.message = _("Nothing found. Fewer or shorter words find more.")
    return results
