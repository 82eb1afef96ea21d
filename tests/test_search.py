"""Search behaviour: parsing, snippets, facets, filters, drafts, freshness, hostile input."""

import pytest
from django.urls import reverse

from articles.models import Article, Quote, SearchEntry, Section
from articles.search.query import fts5_query, parse, tsquery
from articles.search.snippet import highlight
from articles.search.text import normalise, search_text
from tests.conftest import change_form_data
from tests.factories import search_article


def api(client, **params):
    response = client.get(reverse("articles:api-search"), params)
    assert response.status_code == 200
    return response.json()


def test_normalisation_keeps_a_map_to_the_original():
    n = normalise("記住 ＧＰＴ ﬁne Söderström")
    assert n.text == "记住 gpt fine soderstrom"
    assert len(n.origin) == len(n.text) and n.origin[-1] == len("記住 ＧＰＴ ﬁne Söderström") - 1


def test_tokens_and_index_text():
    assert search_text("記住他們 GPT-5.2模型") == "记住 住他 他们 gptzh5zd2 模型 zzzsep 们 型"


def test_query_parsing():
    terms = parse('記憶  "code red" 記 GPT-5.2 % * ( AND')
    assert [t.text for t in terms] == ["code red", "记忆", "记", "gpt-5.2", "and"]
    assert fts5_query(terms) == '"code red"* "记忆" "记"* "gptzh5zd2"* "and"*'
    assert tsquery(parse("記住 ai")) == "('记住') & ('ai':*)"
    assert parse("% * (") == [] and parse("") == []
    assert len(parse("字 " * 500)) == 1  # repeated terms collapse; length is capped


def test_snippet_marks_the_original_and_escapes():
    text = "前言<script>。我們要記住他們的偏好，這是最重要的事情。"
    html = str(highlight(text, parse("记住 偏好")))
    assert "<mark>記住</mark>" in html and "<mark>偏好</mark>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html


@pytest.fixture
def site(db, write):
    search_article(write, "a", date="2025-03-01", tags="記憶, AI", show="燈塔電台")
    search_article(write, "b", title="另一集", date="2024-05-01", tags="產品", show="渡口夜談")
    search_article(write, "secret", title="秘密草稿 記憶", draft="true")


def test_api_shape_snippets_and_deep_links(client, site):
    data = api(client, q="记住")  # Simplified finds Traditional
    assert set(data) >= {"query", "count", "results", "quotes", "facets"}
    assert data["count"] == 2  # the two published write-ups, each once
    assert {r["type"] for r in data["results"]} == {"article"}
    first = data["results"][0]
    assert first["url"].startswith("http://testserver/articles/")
    # Each links to the section it matched best, with the words marked there.
    assert "#" in first["url"] and "<mark>記住</mark>" in first["snippet"]
    quote = data["quotes"][0]
    assert quote["type"] == "quote" and quote["speaker"] == "陳小華"
    assert all(r["article"] != "secret" for r in data["results"] + data["quotes"])


def test_facets_and_filters(client, site):
    data = api(client, q="記住")
    facets = {
        name: {f["value"]: f["count"] for f in values} for name, values in data["facets"].items()
    }
    assert set(facets["year"]) == {2025, 2024}
    assert set(facets["show"]) == {"燈塔電台", "渡口夜談"}
    assert "ai" in facets["tag"] and facets["language"] == {"zh-Hant": data["count"]}
    assert facets["type"] == {"article": 2, "quote": 2}
    only = api(client, q="記住", show="渡口夜談")
    assert only["count"] == facets["show"]["渡口夜談"]
    assert api(client, q="記住", year="2024")["count"] == facets["year"][2024]
    assert api(client, q="記住", type="quote")["count"] == facets["type"]["quote"]
    assert api(client, q="記住", tag="ai", speaker="陳小華")["count"] > 0
    assert api(client, q="記住", year="abc")["count"] == 0
    by_date = api(client, q="記住", sort="date")["results"]
    assert by_date[0]["article"] == "a"


def test_drafts_are_never_searchable(client, site):
    assert api(client, q="秘密")["count"] == 0
    assert b"secret" not in client.get("/search/", {"q": "記憶"}).content


@pytest.mark.parametrize(
    "query",
    ["", " ", "x" * 1000, '"', "「", "%", "*", "(", ")", "AND OR NOT", "NEAR(a b)", "a:b",
     "'; DROP TABLE articles_article; --", "<script>alert(1)</script>", "\x00", "\\", "^",
     "記憶*", '"unclosed', "-記憶", "col:記憶", "{a b}",
     # eight terms of many tokens: more index lookups than one SQLite statement takes
     "人工智能大型語言模型的訓練成本與推論效率 比特幣挖礦 護城河 商品化 記憶產品 基礎設施 "
     "科學發現 gpt-5"],
)  # fmt: skip
def test_hostile_queries_answer(client, site, query):
    page = client.get("/search/", {"q": query})
    if "\x00" in query:  # refused before any view (kbsite.middleware, articles.params)
        assert page.status_code == client.get("/api/search/", {"q": query}).status_code == 400
        return
    assert page.status_code == 200
    assert b"<script>alert" not in page.content
    assert api(client, q=query)["query"] == query
    if query:  # as a filter value it matches nothing, and breaks nothing
        assert api(client, q="記住", show=query, speaker=query, tag=query, year=query)["count"] == 0


def test_index_is_fresh_after_an_admin_edit_and_a_delete(client, site, django_user_model):
    editor = django_user_model.objects.create_superuser("ed", "e@example.com", "pw")
    client.force_login(editor)
    section = Section.objects.filter(article__slug="b").first()
    url = reverse("admin:articles_section_change", args=[section.pk])
    form = {"article": section.article_id, "position": section.position, "heading": "新標題",
            "anchor": section.anchor, "kind": section.kind, "body": section.body,
            "seen_revision": section.article.revision}  # fmt: skip
    assert client.post(url, form).status_code == 302
    assert api(client, q="新標題")["count"] == 1
    article = Article.objects.get(slug="a")
    client.post(reverse("admin:articles_article_delete", args=[article.pk]), {"post": "yes"})
    assert not SearchEntry.objects.filter(article_id=article.pk).exists()
    assert all(r["article"] != "a" for r in api(client, q="記住")["results"])
    unpublish = {"action": "unpublish", "_selected_action": [Article.objects.get(slug="b").pk]}
    client.post(reverse("admin:articles_article_changelist"), unpublish)
    assert api(client, q="記住")["count"] == 0


def test_speakers_are_found_by_any_name(staff_client, site):
    from articles.models import Speaker

    speaker = Speaker.objects.get(name="陳小華")
    url = reverse("admin:articles_speaker_change", args=[speaker.pk])
    data = change_form_data(staff_client.get(url))
    data["aliases"] = "Chen Xiaohua"  # an editor adds a spelling in the admin
    assert staff_client.post(url, data).status_code == 302
    result = api(staff_client, q="xiaohua", type="speaker")["results"]
    assert [r["title"] for r in result] == ["陳小華"]


def test_rebuild_command(db, site):
    from django.core.management import call_command

    before = SearchEntry.objects.count()
    SearchEntry.objects.all().delete()
    call_command("rebuild_search_index", verbosity=0)
    assert SearchEntry.objects.count() == before
    assert Quote.objects.filter(article__slug="a").exists()


def test_every_match_is_counted_ranked_and_reachable(client, db, write):
    """No cap: the count is exact, the pages hold every match once, and sorted by
    date the newest comes first."""
    from articles.search.service import PAGE_SIZE, search

    total = PAGE_SIZE * 2 + 3
    for n in range(total):
        search_article(write, f"w{n:02d}", title=f"記憶 第{n}集", date=f"2025-01-{n % 28 + 1:02d}")
    results = search("記憶")
    assert results.count == total and results.page.paginator.num_pages == 3
    shown = [e.article.slug for p in results.page.paginator.page_range
             for e in results.page.paginator.page(p).object_list]  # fmt: skip
    assert sorted(shown) == [f"w{n:02d}" for n in range(total)]
    newest = search("記憶", sort="date").page.object_list[0]
    assert newest.article.slug == "w27"  # dated the 28th
    assert api(client, q="記憶")["count"] == total


def test_quotes_are_matched_and_counted_in_their_own_index(db, write):
    from articles.search.service import search

    search_article(write, "q1")
    quotes = search("記住 偏好", {"type": "quote"})
    assert [e.kind for e in quotes.page.object_list] == ["quote"]
    assert quotes.page.object_list[0].quote.text.startswith("我們要記住")
    assert search("gpt-5", {"type": "quote"}).count == 1  # a Latin prefix, as in full text
    assert search("gpt-5.3", {"type": "quote"}).count == 0
    assert search("結語", {"type": "quote"}).count == 0  # in the write-up, not in a quote
    assert search("記", {"type": "quote"}).count == 1  # one character: a bigram's start
    everything = search("記住")
    assert [e.result_type for e in everything.page.object_list] == ["article"]
    assert [q.kind for q in everything.quotes] == ["quote"]
    counted = {f["value"]: f["count"] for f in everything.facets["type"]}
    assert counted == {"article": 1, "quote": 1}


def test_a_scheduled_write_ups_quotes_are_not_counted(db, write):
    from articles.search.service import search

    search_article(write, "now")
    search_article(write, "later", date="2999-01-01")
    counted = {f["value"]: f["count"] for f in search("偏好").facets["type"]}
    assert counted == {"article": 1, "quote": 1}


def test_search_page_links_narrow_and_widen(client, site):
    import re
    from html import unescape

    page = client.get("/search/", {"q": "記住"}).content.decode()
    assert "<mark>記住</mark>" in page
    link = unescape(re.search(r'href="(\?[^"]*show=[^"]*)"', page)[1])
    narrowed = client.get("/search/" + link).content.decode()
    assert 'aria-current="true"' in narrowed and "page=" not in link
    widen = unescape(re.search(r'href="(\?[^"]*)" aria-current="true"', narrowed)[1])
    assert "show=" not in widen
    assert "sort=date" in unescape(re.search(r'href="(\?[^"]*sort=date[^"]*)"', page)[1])


def test_a_quote_count_past_the_exact_limit_is_marked_approximate(client, db, write, monkeypatch):
    """PostgreSQL counts a term's quotes exactly up to EXACT_UP_TO and estimates past
    it; the facet and the link to all quotes say so. SQLite's count is always exact."""
    from django.db import connection

    from articles.search import backends

    monkeypatch.setattr(backends, "EXACT_UP_TO", 1)
    for n in range(3):
        search_article(write, f"e{n}")
    quotes = next(f for f in api(client, q="偏好")["facets"]["type"] if f["value"] == "quote")
    page = client.get(reverse("articles:search"), {"q": "偏好"}, HTTP_ACCEPT_LANGUAGE="en")
    page, marked = page.content.decode(), '<span title="an estimate">≈</span>'
    if connection.vendor == "postgresql":
        assert quotes["approximate"] and quotes["count"] >= 2
        assert marked in page and f"All quotes (about {quotes['count']})" in page
    else:
        assert quotes == {"value": "quote", "label": "quote", "count": 3, "approximate": False}
        assert marked not in page and "All 3 quotes" in page
