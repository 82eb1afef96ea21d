"""Readers get cached pages; any committed change shows at once."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Article
from tests.factories import article_text


@pytest.fixture
def cached(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def article(transactional_db, write, cached):
    import_paths([write("a.md", article_text(title="第一版"))])
    return Article.objects.get(slug="a")


def test_second_request_is_served_from_the_cache(client, article, django_assert_num_queries):
    url = article.get_absolute_url()
    assert "第一版" in client.get(url).content.decode()
    with django_assert_num_queries(1):  # the content version, which all processes share
        assert "第一版" in client.get(url).content.decode()


def test_an_import_shows_at_once(client, article, write):
    url = article.get_absolute_url()
    client.get(url)
    import_paths([write("a.md", article_text(title="第二版"))])
    assert "第二版" in client.get(url).content.decode()
    assert "第二版" in client.get("/").content.decode()


def test_an_admin_edit_and_bulk_unpublish_show_at_once(client, article, django_user_model):
    url = article.get_absolute_url()
    client.get(url)
    Article.objects.filter(pk=article.pk).first().save()  # any save moves the version
    editor = django_user_model.objects.create_superuser("ed", "e@example.com", "pw")
    staff = type(client)()
    staff.force_login(editor)
    changelist = reverse("admin:articles_article_changelist")
    staff.post(changelist, {"action": "unpublish", "_selected_action": [article.pk]})
    assert client.get(url).status_code == 404
    assert "第一版" not in client.get("/").content.decode()


def test_editors_never_get_cached_pages(client, article, django_user_model):
    url = article.get_absolute_url()
    client.get(url)  # cached for readers
    Article.objects.filter(pk=article.pk).update(title="編輯中")  # no signal, no new version
    assert "編輯中" not in client.get(url).content.decode()  # readers get the cached page
    editor = django_user_model.objects.create_user("ed", password="pw", is_staff=True)
    client.force_login(editor)
    assert "編輯中" in client.get(url).content.decode()


def test_made_up_query_strings_are_not_cached(client, article, django_assert_num_queries):
    client.get("/articles/?tag=anything")
    with CaptureQueriesContext(connection) as queries:
        client.get("/articles/?tag=anything")
    assert not _only_the_version(queries)
    client.get("/articles/?page=1")
    with django_assert_num_queries(1):
        client.get("/articles/?page=1")


def test_searches_are_cached_and_fresh_after_an_import(client, article, write):
    url = reverse("articles:search") + "?q=記憶&sort=date"
    assert "第一版" in client.get(url).content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "第一版" in client.get(url).content.decode()
    assert _only_the_version(queries)
    import_paths([write("a.md", article_text(title="第二版"))])
    assert "第二版" in client.get(url).content.decode()


def test_odd_searches_render_live(client, article):
    for url in ("/search/?q=記憶&utm=x", "/search/?q=記憶&q=一", f"/search/?q={'記' * 101}"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert not _only_the_version(queries), url


def _only_the_version(queries) -> bool:
    """Whether a request read nothing but the content version (a cache hit)."""
    return all("contentversion" in q["sql"] for q in queries.captured_queries)


def test_the_list_filter_choices_follow_an_import(client, article, write):
    """The filter form's choices are remembered per process, but only for one content
    version: a new show is offered as soon as its write-up is imported."""
    html = client.get("/articles/?tag=x").content.decode()  # a filtered list renders live
    assert "新節目" not in html
    import_paths([write("b.md", article_text(title="乙", show="新節目"))])
    assert (
        '<option value="新節目">新節目</option>' in client.get("/articles/?tag=x").content.decode()
    )
