"""`/search/` (HTML) and `/api/search/` (JSON): one search, two shapes."""

from django.http import JsonResponse
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from ..cache import CachedPageMixin
from ..models import SearchEntry
from ..search.service import FILTERS, search

FACET_TITLES = {
    "type": _("Type"),
    "show": _("Show"),
    "speaker": _("Speaker"),
    "tag": _("Topic"),
    "year": _("Year"),
    "language": _("Language"),
}


def _run(request):
    query = request.GET
    filters = {name: query.get(name, "") for name in FILTERS}
    return search(query.get("q", ""), filters, query.get("sort", "relevance"), query.get("page"))


def facet_label(name: str, facet: dict) -> str:
    """What a reader sees for a facet value: a kind in the interface language ("write-up"),
    a content language by its own name (繁體中文, 简体中文, English)."""
    value = str(facet["value"])
    if name == "type" and value in SearchEntry.Kind.values:
        return SearchEntry.Kind(value).label
    if name == "language" and value != "und":
        try:
            return get_language_info(value.lower())["name_local"]
        except KeyError:
            return value
    if name == "language":
        return _("Other")
    return facet["label"]


SEARCH_PARAMS = frozenset({"q", "page", "sort", *FILTERS})


class SearchView(CachedPageMixin, TemplateView):
    cached_params = SEARCH_PARAMS
    template_name = "articles/search.html"

    def get_context_data(self, **kwargs):
        results = _run(self.request)
        for name, values in results.facets.items():
            for facet in values:  # a link that narrows by this value (or, if on, widens)
                facet["active"] = results.filters.get(name) == str(facet["value"])
                facet["url"] = self._url(**{name: None if facet["active"] else facet["value"]})
                facet["label"] = facet_label(name, facet)
        clear = self._url(**dict.fromkeys(FILTERS)) if results.filters else None
        groups = [(FACET_TITLES[name], values) for name, values in results.facets.items()]
        return super().get_context_data(
            results=results, facet_groups=groups, clear_url=clear, **kwargs
        )

    def _url(self, **changes) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        for name, value in changes.items():
            if value is None:
                query.pop(name, None)
            else:
                query[name] = str(value)
        return f"?{query.urlencode()}"


class SearchAPI(CachedPageMixin, View):
    cached_params = SEARCH_PARAMS

    def get(self, request):
        results = _run(request)
        entries = results.page.object_list if results.page else []
        return JsonResponse(
            {
                "query": results.query,
                "count": results.count,
                # True when there were more matches than `count` (a search reads at most
                # backends.MATCH_LIMIT passages); the facets then count what was read.
                "count_is_partial": results.more,
                "message": results.message,
                "results": [
                    {
                        "type": entry.kind,
                        "title": entry.title,
                        "url": request.build_absolute_uri(entry.url),
                        "snippet": str(entry.snippet),
                        "article": entry.article.slug if entry.article_id else None,
                        "speaker": entry.speaker.name if entry.speaker_id else None,
                    }
                    for entry in entries
                ],
                "facets": results.facets,
                "page": results.page.number if results.page else 1,
                "pages": results.page.paginator.num_pages if results.page else 0,
            },
            json_dumps_params={"ensure_ascii": False},
        )
