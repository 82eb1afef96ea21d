"""Editors see each change (who, when, which fields, old and new) and can restore an
earlier version, through the admin's history pages."""

import pytest
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Article, Quote
from tests.conftest import change_form_data
from tests.test_derived_data import ARTICLE, edit


@pytest.fixture
def article(db, write):
    assert import_paths([write("a.md", ARTICLE)]).ok
    return Article.objects.get(slug="a")


def test_imports_write_no_history(article):
    assert not Article.history.exists() and not Quote.history.exists()


def test_history_shows_who_changed_which_field_from_what_to_what(staff_client, article):
    edit(staff_client, article, title="第二版標題")
    page = staff_client.get(reverse("admin:articles_article_history", args=[article.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "editor" in html and "第二版標題" in html and "記憶的設計" in html
    [change] = [r.history_delta_changes for r in page.context["page_obj"].object_list
                if getattr(r, "history_delta_changes", None)]  # fmt: skip
    assert [(c["field"], c["old"], c["new"]) for c in change] == [
        ("標題", "記憶的設計", "第二版標題")
    ]  # the field as the editor reads it


def test_an_earlier_version_of_a_quote_can_be_restored(staff_client, article):
    quote = article.quotes.get(text__startswith="我們要記住")
    original = quote.text
    edit(staff_client, quote, text="改壞了的引文。")
    as_imported = Quote.history.filter(id=quote.pk).earliest("history_date")
    url = reverse("admin:articles_quote_simple_history", args=[quote.pk, as_imported.history_id])
    data = change_form_data(staff_client.get(url))
    assert data["text"] == original
    assert staff_client.post(url, data).status_code == 302
    quote.refresh_from_db()
    # The version as imported, flag and all: a re-import may update it again.
    assert quote.text == original and not quote.edited
    assert Quote.history.filter(id=quote.pk).count() == 3  # as imported, the edit, the restore
