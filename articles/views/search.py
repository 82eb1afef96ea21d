"""`/search/`: the HTML page of a search (its JSON shape, `/api/search/`, is in views/api.py)."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
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


def run_search(request):
    """The search a request's query string asks for (the page's and the API's)."""
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
        results = run_search(self.request)
        for name, values in results.facets.items():
            for facet in values:  # a link that narrows by this value (or, if on, widens)
                facet["active"] = results.filters.get(name) == str(facet["value"])
                facet["url"] = self._url(**{name: None if facet["active"] else facet["value"]})
                facet["label"] = facet_label(name, facet)
        clear = self._url(**dict.fromkeys(FILTERS)) if results.filters else None
        groups = [(FACET_TITLES[name], values) for name, values in results.facets.items()]
        quotes = next((f for f in results.facets.get("type", []) if f["value"] == "quote"), {})
        return super().get_context_data(
            results=results,
            facet_groups=groups,
            clear_url=clear,
            quote_count=quotes.get("count", 0),
            quote_approximate=quotes.get("approximate", False),
            **kwargs,
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
