from urllib.parse import unquote

import pytest
from django.urls import reverse

from articles.models import Article
from tests.factories import AIRED, CLOSING_QUOTE, GUEST, GUEST_TITLE, HOST, LISTEN, SHOW


@pytest.fixture
def articles(db):
    Article.objects.create(title="Public", slug="public")
    Article.objects.create(title="Hidden", slug="hidden", draft=True)


def test_list_shape_hides_drafts(client, articles):
    data = client.get(reverse("articles:api-article-list")).json()
    assert set(data) == {"count", "next", "previous", "results"}
    assert data["count"] == 1
    assert data["next"] is None and data["previous"] is None
    (result,) = data["results"]
    assert set(result) == {"title", "slug", "url", "date"}
    assert result["slug"] == "public"
    assert result["url"] == "http://testserver/articles/public/"


def test_list_pages_by_fifty(client, db):
    Article.objects.bulk_create(Article(title=f"A{i}", slug=f"a{i}") for i in range(51))
    first = client.get(reverse("articles:api-article-list")).json()
    assert len(first["results"]) == 50
    assert first["next"].endswith("page=2")
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["previous"].endswith("page=1")


def test_bad_page_numbers_do_not_error(client, articles):
    for page in ("abc", "999", "-1", "1%27"):
        assert client.get(reverse("articles:api-article-list"), {"page": page}).status_code == 200


def test_draft_detail_is_404(client, articles):
    assert client.get(reverse("articles:api-article-detail", args=["hidden"])).status_code == 404
    assert client.get(reverse("articles:api-article-detail", args=["nope"])).status_code == 404


def test_detail_shape(client, sample_article, django_assert_num_queries):
    url = reverse("articles:api-article-detail", args=[sample_article.slug])
    with django_assert_num_queries(8):
        data = client.get(url).json()
    assert set(data) == {
        "title", "slug", "url", "date", "description", "language", "draft", "tags",
        "categories", "episode", "sections", "quotes",
    }  # fmt: skip
    assert data["language"] == "zh-Hant" and sorted(data["tags"]) == ["AI", "記憶"]
    assert data["categories"] == ["訪談"]
    episode = data["episode"]
    assert episode["show"] == SHOW
    assert episode["air_date"] == AIRED
    [host] = episode["hosts"]
    assert (host["name"], host["title"]) == (HOST, "")
    assert unquote(host["url"]) == f"http://testserver/speakers/{HOST}/"
    assert episode["guests"][0]["name"] == GUEST
    assert episode["guests"][0]["title"] == GUEST_TITLE
    assert episode["links"][0]["label"] == LISTEN[0]
    assert [s["kind"] for s in data["sections"]] == [
        "other", "strategy", "strategy", "strategy", "conclusion",
    ]  # fmt: skip
    assert unquote(data["sections"][1]["url"]).endswith("#策略一記住偏好")
    quote = next(q for q in data["quotes"] if q["text"] == CLOSING_QUOTE)
    assert quote["speaker"] == GUEST and quote["kind"] == "quote"
    assert quote["status"] == "auto" and quote["section_anchor"] == data["sections"][4]["anchor"]
