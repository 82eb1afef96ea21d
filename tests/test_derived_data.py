"""Every row of articles.content_changes.STALENESS, through the admin's own forms: what an
editor changes shows at once in search, on cached pages and in the write-up's revision."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Appearance, Article, Episode, Quote, Speaker
from tests.conftest import change_form_data

ARTICLE = """---
title: 記憶的設計
date: 2025-03-01
podcast: 燈塔電台
episode: "EP1"
hosts: 主持人甲
guests: ["陳小華（執行長）"]
audio: https://example.org/ep1.mp3
---

## 策略一：記住偏好

陳小華說：「我們要記住他們的偏好，這是最重要的事情。」

## 結語

主持人甲說：「謝謝收聽，下次再見。」
"""


@pytest.fixture
def article(db, write):
    assert import_paths([write("a.md", ARTICLE)]).ok
    assert import_paths([write("b.md", ARTICLE.replace("燈塔電台", "渡口夜談"))]).ok
    return Article.objects.get(slug="a")


def search(client, **params):
    response = client.get(reverse("articles:api-search"), params)
    assert response.status_code == 200
    return response.json()


def found(client, **params) -> set[str]:
    return {r["article"] for r in search(client, **params)["results"]}


def edit(client, obj, **changes):
    """Open obj's admin change page, change fields as an editor would, save."""
    url = reverse(f"admin:articles_{obj._meta.model_name}_change", args=[obj.pk])
    data = change_form_data(client.get(url))
    data.update(changes)
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def inline_prefix(data: dict, obj, inline: str = "") -> str:
    """The form prefix of obj's row in an inline ("quotes-3")."""
    inline = inline or obj._meta.model_name + "s"
    rows = (k for k, v in data.items() if k.startswith(inline) and k.endswith("-id"))
    return next(k for k in rows if str(data[k]) == str(obj.pk))[:-3]


def test_article_edit_reindexes_its_article(staff_client, article):
    edit(staff_client, article, title="新的標題詞")
    assert found(staff_client, q="新的標題詞") == {"a"}


def test_section_edit_on_its_own_page_reindexes_its_article(staff_client, article):
    edit(staff_client, article.sections.get(kind="conclusion"), body="編輯補上的段落：潮汐。")
    assert found(staff_client, q="潮汐") == {"a"}
    assert "潮汐" in staff_client.get(article.get_absolute_url()).content.decode()


def test_quote_edit_on_its_own_page_reindexes_its_article(staff_client, article):
    quote = article.quotes.get(text__startswith="我們要記住")
    host = Speaker.objects.get(name="主持人甲")
    edit(staff_client, quote, speaker=host.pk)
    results = search(staff_client, q="記住", type="quote", speaker=host.slug)["results"]
    assert [(r["article"], r["speaker"]) for r in results] == [("a", "主持人甲")]


def test_speaker_rename_shows_in_its_quotes_and_its_own_entry(staff_client, article):
    speaker = Speaker.objects.get(name="陳小華")
    edit(staff_client, speaker, name="陳曉華", aliases="Chen Xiaohua")
    page = staff_client.get(reverse("articles:search"), {"q": "記住", "type": "quote"})
    results = page.content.decode().split('class="result result-quote"')[1:]
    assert len(results) == 2 and all("陳曉華" in r and "陳小華" not in r for r in results)
    assert [r["title"] for r in search(staff_client, q="xiaohua", type="speaker")["results"]] == [
        "陳曉華"
    ]


def test_deleting_a_speaker_keeps_its_quotes_findable(staff_client, article):
    speaker = Speaker.objects.get(name="陳小華")
    url = reverse("admin:articles_speaker_delete", args=[speaker.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert Quote.objects.filter(text__startswith="我們要記住", speaker=None).count() == 2
    assert found(staff_client, q="記住", type="quote") == {"a", "b"}


def test_episode_show_change_moves_its_articles_in_search(staff_client, article):
    other = Episode.objects.get(articles__slug="b").show
    edit(staff_client, article.episode, show=other.pk, number="EP2")
    assert found(staff_client, q="記住", show=other.slug) == {"a", "b"}
    assert found(staff_client, q="記住", show="燈塔電台") == set()


@pytest.fixture
def page_cache(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.mark.django_db(transaction=True)  # the version moves on commit
def test_show_appearance_and_link_edits_show_on_cached_pages(staff_client, article, page_cache):
    client = Client()  # a reader: served from the cache
    url = article.get_absolute_url()
    assert "燈塔電台" in client.get(url).content.decode()
    edit(staff_client, article.episode.show, name="新燈塔電台")
    assert "新燈塔電台" in client.get(url).content.decode()

    episode = article.episode
    page = reverse("admin:articles_episode_change", args=[episode.pk])
    data = change_form_data(staff_client.get(page))
    guest = Appearance.objects.get(episode=episode, role="guest")
    data[f"{inline_prefix(data, guest)}-title"] = "首席記憶官"
    data["links-0-label"] = "新的收聽連結"
    assert staff_client.post(page, data).status_code == 302
    html = client.get(url).content.decode()
    assert "首席記憶官" in html and "新的收聽連結" in html


def test_edits_on_a_sections_or_quotes_own_page_move_the_articles_revision(staff_client, article):
    before = Article.objects.get(pk=article.pk)
    edit(staff_client, article.sections.first(), heading="改過的標題")
    edit(staff_client, article.quotes.first(), status="disputed")
    after = Article.objects.get(pk=article.pk)
    assert after.revision == before.revision + 2 and after.edited_at is not None


def test_a_status_edit_in_the_quote_list_moves_the_revision(staff_client, article):
    changelist = reverse("admin:articles_quote_changelist")
    query = f"?article__id__exact={article.pk}"
    formset = staff_client.get(changelist + query).context["cl"].formset
    data = {f.html_name: f.value() for form in formset.forms for f in form if f.value() is not None}
    data.update({f.html_name: f.value() for f in formset.management_form})
    data[formset.forms[0]["status"].html_name] = "disputed"
    data["_save"] = "Save"
    before = Article.objects.get(pk=article.pk).revision
    assert staff_client.post(changelist + query, data).status_code == 302
    assert Article.objects.get(pk=article.pk).revision == before + 1
