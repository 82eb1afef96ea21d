"""search(): what the search page and the search API both call."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Appearance, Article, SearchEntry
from .backends import match
from .query import Term, parse
from .snippet import highlight

PAGE_SIZE = 20
FILTERS = ("type", "show", "speaker", "tag", "year", "language")
SORTS = {"relevance": ("rank", "-published", "id"), "date": ("-published", "rank", "id")}


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
    now = timezone.now()
    return SearchEntry.objects.filter(public=True).filter(
        Q(published__lte=now) | Q(published__isnull=True)
    )


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


def facets(entries) -> dict[str, list[dict]]:
    def count(value, label=None):
        rows = entries.values(value, *([label] if label else [])).annotate(n=Count("id"))
        rows = [r for r in rows.order_by("-n")[:12] if r[value] not in (None, "")]
        return [{"value": r[value], "label": r[label] if label else r[value], "count": r["n"]}
                for r in rows]  # fmt: skip

    return {
        "type": count("kind"),
        "show": count("show__slug", "show__name"),
        "speaker": count("speaker__slug", "speaker__name"),
        "tag": count("article__tags__slug", "article__tags__name"),
        "year": count("year"),
        "language": count("language"),
    }


def matching(terms: list[Term], filters: dict[str, str]):
    """Every public entry that matches, filtered: a QuerySet with a `rank`."""
    return apply_filters(match(searchable(), terms), filters)


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
    matched = matching(results.terms, filters)
    ordered = matched.order_by(*SORTS[sort]).select_related("article", "speaker", "show")
    results.page = Paginator(ordered, PAGE_SIZE).get_page(page)
    for entry in results.page.object_list:
        entry.snippet = highlight(entry.text, results.terms)
    results.facets = facets(matched)
    if not results.count:
        results.message = _("Nothing found. Fewer or shorter words find more.")
    return results
