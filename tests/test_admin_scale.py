"""The admin at real size: a transcript's change page, and its quotes' list, cost the same
queries and stay small whether it has 10 quotes or 1,000."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.importer import Source, import_sources
from articles.models import Article
from tests.conftest import transcript

MAX_PAGE_BYTES = 300_000


@pytest.fixture
def transcripts(db):
    for quotes in (10, 1000):
        slug = f"t{quotes}"
        report = import_sources([Source(f"{slug}.md", transcript(quotes, slug=slug).encode())])
        assert report.ok
    return {n: Article.objects.get(slug=f"t{n}") for n in (10, 1000)}


def measure(client, url) -> tuple[int, int]:
    client.get(url)  # warm: content types, the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(response.content), len(queries.captured_queries)


def test_change_page_size_and_queries_do_not_grow_with_quotes(staff_client, transcripts):
    pages = {
        n: measure(staff_client, reverse("admin:articles_article_change", args=[a.pk]))
        for n, a in transcripts.items()
    }
    (small_size, small_queries), (big_size, big_queries) = pages[10], pages[1000]
    assert transcripts[1000].quotes.count() == 1000
    assert big_queries == small_queries <= 12
    assert big_size < MAX_PAGE_BYTES and big_size - small_size < 1000  # a longer count only


def test_quote_list_of_an_article_pages_through_its_quotes(staff_client, transcripts):
    url = reverse("admin:articles_quote_changelist")
    pages = {n: measure(staff_client, f"{url}?article={a.pk}") for n, a in transcripts.items()}
    assert pages[1000][1] == pages[10][1] <= 20
    assert pages[1000][0] < MAX_PAGE_BYTES
    page = staff_client.get(f"{url}?article={transcripts[1000].pk}&q=第 999 句")
    assert page.context["cl"].result_count == 1
    assert "第 999 句話，講的是記憶與信任的第 999 個面向" in page.content.decode()


def test_the_articles_page_links_to_its_sections_and_quotes(staff_client, transcripts):
    article = transcripts[1000]
    html = staff_client.get(reverse("admin:articles_article_change", args=[article.pk]))
    html = html.content.decode()
    assert f"{reverse('admin:articles_quote_changelist')}?article={article.pk}" in html
    assert "1000 quotes" in html or "1000 則" in html or "1000" in html


def test_quote_list_filters_by_speaker_kind_and_status(staff_client, transcripts):
    from articles.models import Speaker

    guest = Speaker.objects.get(name="來賓乙")
    url = reverse("admin:articles_quote_changelist")
    params = {"article": transcripts[10].pk, "speaker": guest.pk, "kind__exact": "quote",
              "status__exact": "auto"}  # fmt: skip
    page = staff_client.get(url, params)
    assert page.context["cl"].result_count == 5
    assert staff_client.get(url, {"article": "x", "speaker": "-1"}).status_code == 200
