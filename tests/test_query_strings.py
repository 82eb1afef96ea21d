"""Any query string or slug, however odd, gets a page, a 400 or a 404: never a 500."""

import pytest
from django.urls import reverse

from articles.models import Article, Quote

ARTICLE = """---
title: 查詢字串
date: 2025-01-02
podcast: 節目
guests: 來賓
tags: [標籤]
categories: [分類]
---

## 一

來賓說：「一句話。」
"""

ODD = ["²", "①", "a\x00b", "x" * 5000, "9" * 400, "%"]
FILTERS = ("tag", "category", "show", "speaker", "year", "page", "q", "sort", "type", "language")


@pytest.fixture
def site(db, write):
    from articles.importer import import_paths

    assert import_paths([write("q.md", ARTICLE)]).ok
    return Article.objects.get()


SLUGGED = ["article-detail", "speaker-detail", "speaker-feed", "show-detail", "tag-detail",
           "tag-feed", "category-detail", "api-article-detail"]  # fmt: skip
LISTS = ["home", "article-list", "quote-list", "archive", "feed", "search", "api-search",
         "api-article-list", "sitemap"]  # fmt: skip


def _pages(site):
    """Every kind of page, each with a real object."""
    slugs = {"article": site.slug, "speaker": "來賓", "show": "節目", "tag": "標籤",
             "category": "分類"}  # fmt: skip
    yield from (reverse(f"articles:{name}") for name in LISTS)
    yield reverse("articles:archive-year", kwargs={"year": 2025})
    yield Quote.objects.first().get_absolute_url()
    for name in SLUGGED:
        kind = name.removeprefix("api-").split("-")[0]
        yield reverse(f"articles:{name}", kwargs={"slug": slugs[kind]})


@pytest.mark.parametrize("value", ODD)
def test_odd_values_in_every_filter_of_every_page(client, site, value):
    pages = list(_pages(site))
    assert {client.get(url).status_code for url in pages} == {200}
    failures = {}
    for url in pages:
        for name in FILTERS:
            status = client.get(url, {name: value}).status_code
            if status not in (200, 400, 404):
                failures[(url, name)] = status
    assert not failures


def test_odd_slugs_answer_404_or_400(client, site):
    urls = [reverse(f"articles:{name}", kwargs={"slug": v}) for name in SLUGGED for v in ODD]
    failures = {url: status for url in urls if (status := client.get(url).status_code) >= 500}
    assert not failures


def test_unicode_digits_are_not_years(client, site):
    for value in ("²", "①", "٣", "２０２５"):
        page = client.get(reverse("articles:article-list"), {"year": value})
        assert page.status_code == 200 and not page.context["articles"]
        data = client.get(reverse("articles:api-search"), {"q": "一句話", "year": value}).json()
        assert data["count"] == 0
    page = client.get(reverse("articles:article-list"), {"year": "2025"})
    assert [a.slug for a in page.context["articles"]] == [site.slug]


def test_a_nul_is_a_bad_request(client, site):
    assert client.get(reverse("articles:article-list"), {"tag": "a\x00"}).status_code == 400
    nul_slug = reverse("articles:speaker-detail", kwargs={"slug": "a\x00"})
    assert client.get(nul_slug).status_code == 400
    assert client.get(reverse("articles:search"), {"q": "x" * 1001}).status_code == 400
