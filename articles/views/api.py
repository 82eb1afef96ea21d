"""The read-only JSON API, all of it: published articles a page of 50 at a time, one
article, and search (the same search as the `/search/` page, in another shape)."""

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.views import View

from ..cache import CachedPageMixin
from ..models import Article, Episode, Quote
from ..serializers import article_detail, article_summary
from .search import SEARCH_PARAMS, run_search

API_PAGE_SIZE = 50


def _page_url(request, number):
    if number is None:
        return None
    query = urlencode({**request.GET.dict(), "page": number})
    return request.build_absolute_uri(f"{reverse('articles:api-article-list')}?{query}")


class ArticleListAPI(View):
    def get(self, request):
        paginator = Paginator(
            Article.objects.published().order_by("-published", "slug"), API_PAGE_SIZE
        )
        page = paginator.get_page(request.GET.get("page"))
        return JsonResponse(
            {
                "count": paginator.count,
                "next": _page_url(request, page.next_page_number() if page.has_next() else None),
                "previous": _page_url(
                    request, page.previous_page_number() if page.has_previous() else None
                ),
                "results": [article_summary(a, request) for a in page.object_list],
            },
            json_dumps_params={"ensure_ascii": False},
        )


class ArticleDetailAPI(View):
    def get(self, request, slug):
        articles = Article.objects.published().prefetch_related(
            "tags",
            "categories",
            "sections",
            Prefetch("quotes", Quote.objects.select_related("speaker")),
            Prefetch("episode", Episode.objects.with_people()),
        )
        article = get_object_or_404(articles, slug=slug)
        return JsonResponse(
            article_detail(article, request), json_dumps_params={"ensure_ascii": False}
        )


def result(request, entry) -> dict:
    """A search result as the API gives it: a write-up (by its best passage), a
    speaker or a quote."""
    return {
        "type": entry.result_type,
        "title": entry.title,
        "url": request.build_absolute_uri(entry.url),
        "snippet": str(entry.snippet),
        "article": entry.article.slug if entry.article_id else None,
        "speaker": entry.speaker.name if entry.speaker_id else None,
    }


class SearchAPI(CachedPageMixin, View):
    cached_params = SEARCH_PARAMS

    def get(self, request):
        results = run_search(request)
        entries = results.page.object_list if results.page else []
        return JsonResponse(
            {
                "query": results.query,
                "count": results.count,
                "message": results.message,
                "results": [result(request, entry) for entry in entries],
                # A few quotes from the best write-ups (page 1, no type filter).
                "quotes": [result(request, entry) for entry in results.quotes],
                "facets": results.facets,
                "page": results.page.number if results.page else 1,
                "pages": results.page.paginator.num_pages if results.page else 0,
            },
            json_dumps_params={"ensure_ascii": False},
        )
