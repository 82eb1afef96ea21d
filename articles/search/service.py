"""search(): what the search page and the search API both call."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from taggit.models import TaggedItem

from .. import params
from ..models import Appearance, Article, SearchEntry, Show, Speaker
from ..visibility import without_hidden_speakers
from . import backends
from .backends import Match
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
    more: bool = False  # there were more matches than the count says (MATCH_LIMIT)

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
        number = params.year(year)
        entries = entries.filter(year=number) if number is not None else entries.none()
    if language := filters.get("language"):
        entries = entries.filter(language=language)
    return entries


# Quotes are looked for in at most this many of the best-matching sections (each holds
# a dozen or more in a transcript; a transcript now has a section per `###` topic); past
# it the count is marked partial, as past
# backends.MATCH_LIMIT.
QUOTE_SECTIONS = 100

_KINDS = {kind: n for n, kind in enumerate(["quote", "section", "article", "speaker"])}


def hits(terms: list[Term], filters: dict[str, str], sort: str) -> tuple[list[Match], bool]:
    """Matching entries in the order shown, and whether there were more than were read
    (backends.MATCH_LIMIT, QUOTE_SECTIONS). Quotes come from the sections that match."""
    kind = filters.get("type")
    passages = apply_filters(searchable(), {**filters, "type": ""})
    if kind == SearchEntry.Kind.QUOTE:
        passages = passages.filter(kind=SearchEntry.Kind.SECTION)
    elif kind:
        passages = passages.filter(kind=kind)
    found = backends.candidates(passages, terms, newest_first=sort == "date")
    more = len(found) == backends.MATCH_LIMIT
    found = without_hidden_speakers(found)
    if kind in ("", None, SearchEntry.Kind.QUOTE):
        quotes, partial = _quotes(found, terms, filters)
        found = quotes if kind else found + quotes
        more = more or partial
    # Stable sorts, last key first: relevance (quotes before passages on a tie), then
    # newest, then id; sorted by date, the date comes before all of that.
    found.sort(key=lambda match: match.id)
    found.sort(key=_published, reverse=True)
    found.sort(key=lambda match: (match.rank, _KINDS[match.kind]))
    if sort == "date":
        found.sort(key=_published, reverse=True)
    return found, more


def _quotes(found: list[Match], terms, filters) -> tuple[list[Match], bool]:
    """The quotes in the matching sections, each ranked with its section's best passage;
    and whether some were left out (past QUOTE_SECTIONS, or MATCH_LIMIT quotes)."""
    best = {}
    for match in sorted(found, key=lambda match: match.rank):
        if match.kind == SearchEntry.Kind.SECTION and match.section_id not in best:
            best[match.section_id] = match.rank
    sections = set(list(best)[:QUOTE_SECTIONS])
    # The sections already passed the published, show, tag, year and language filters;
    # a speaker filter, for quotes, means quotes by that speaker.
    quotes = SearchEntry.objects.filter(kind=SearchEntry.Kind.QUOTE)
    if speaker := filters.get("speaker"):
        quotes = quotes.filter(speaker__slug=speaker)
    quotes = backends.quote_hits(quotes, terms, sections)
    partial = len(best) > QUOTE_SECTIONS or len(quotes) == backends.MATCH_LIMIT
    return [quote._replace(rank=best[quote.section_id]) for quote in quotes], partial


def _published(match: Match) -> float:
    return match.published if match.published is not None else float("-inf")


class Hits:
    """What Paginator needs from a list of ranked rows: its length, and a page of
    entries in that order (one query a page)."""

    def __init__(self, matches: list[Match]):
        self.ids = [match.id for match in matches]

    def __len__(self) -> int:
        return len(self.ids)

    def count(self) -> int:
        return len(self.ids)

    def __getitem__(self, window: slice) -> list[SearchEntry]:
        ids = self.ids[window]
        entries = (
            SearchEntry.objects.filter(id__in=ids)
            .select_related("article", "speaker", "show")
            .defer("search_text", *(f"article__{n}" for n in ("source", "body", "front_matter")))
        )
        by_id = {entry.id: entry for entry in entries}
        return [by_id[i] for i in ids if i in by_id]


def facets(matches: list[Match]) -> dict[str, list[dict]]:
    """Counts for each filter over the matching entries, from the rows already read."""
    columns = ("kind", "show_id", "speaker_id", "year", "language", "article_id")
    counters = {name: Counter(getattr(match, name) for match in matches) for name in columns}
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
    matches, results.more = hits(results.terms, filters, sort)
    results.page = Paginator(Hits(matches), PAGE_SIZE).get_page(page)
    for entry in results.page.object_list:
        entry.snippet = highlight(entry.text, results.terms)
    results.facets = facets(matches)
    if not results.count:
        results.message = _("Nothing found. Fewer or shorter words find more.")
    return results
