"""An import and an editor acting on the same write-up: one wins, the other is told.

The sequential tests run on both databases; the two with real overlapping transactions
need PostgreSQL's row locks (SQLite serialises writers before either can read).
"""

import threading
import time

import pytest
from django.db import connection, connections
from django.urls import reverse

import articles.content_changes as content_changes
from articles.importer import import_paths
from articles.models import Article
from tests.conftest import change_form_data
from tests.factories import GUEST_QUOTE, SLUG, article_text

NEW_PARAGRAPH = "\n\n## 補記\n\n這一段是重新匯入時才加上的。\n"


@pytest.fixture
def changed_sample(tmp_path):
    """The sample under the same slug, with a section added since the first import."""
    path = tmp_path / f"{SLUG}.md"
    path.write_text(article_text(extra=NEW_PARAGRAPH), encoding="utf-8")
    return path


def _refused(response) -> bool:
    """The change form came back with the stale-revision error shown to the editor."""
    if response.status_code != 200:
        return False
    [error] = response.context["adminform"].form.non_field_errors().as_data()
    return error.code == "stale" and str(error.message) in response.content.decode()


def _open_and_edit(staff_client, article, title):
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = change_form_data(staff_client.get(url))
    data["title"] = title
    return url, data


def test_a_save_over_a_newer_import_is_refused_and_says_why(
    staff_client, sample_article, changed_sample
):
    url, data = _open_and_edit(staff_client, sample_article, "編輯的標題")
    [result] = import_paths([changed_sample]).results
    assert result.status == "updated"

    response = staff_client.post(url, data)

    assert _refused(response)  # the form again, with the editor's input in it
    assert 'value="編輯的標題"' in response.content.decode()
    article = Article.objects.get(pk=sample_article.pk)
    assert article.title == sample_article.title and article.sections.filter(heading="補記")


def test_a_save_after_reloading_goes_through(staff_client, sample_article, changed_sample):
    import_paths([changed_sample])
    url, data = _open_and_edit(staff_client, sample_article, "編輯的標題")
    assert staff_client.post(url, data).status_code == 302
    article = Article.objects.get(pk=sample_article.pk)
    assert article.title == "編輯的標題" and article.revision == 3  # import, import, save


def test_two_editors_the_second_save_is_refused(staff_client, sample_article):
    url, first = _open_and_edit(staff_client, sample_article, "第一位編輯")
    _, second = _open_and_edit(staff_client, sample_article, "第二位編輯")
    assert staff_client.post(url, first).status_code == 302
    response = staff_client.post(url, second)
    assert _refused(response)
    assert Article.objects.get(pk=sample_article.pk).title == "第一位編輯"


def test_bulk_actions_move_the_revision_on(staff_client, sample_article):
    url, data = _open_and_edit(staff_client, sample_article, "晚了一步")
    changelist = reverse("admin:articles_article_changelist")
    staff_client.post(changelist, {"action": "unpublish", "_selected_action": [sample_article.pk]})
    assert _refused(staff_client.post(url, data))


def _hold_the_row_while(step, started: threading.Event, seconds: float):
    """Wrap `step` so it signals `started`, then keeps its transaction open a while."""

    def held(*args, **kwargs):
        result = step(*args, **kwargs)
        started.set()
        time.sleep(seconds)
        return result

    return held


def _in_thread(job):
    outcome = {}

    def run():
        try:
            outcome["value"] = job()
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    return thread, outcome


postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs overlapping transactions"
)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_editor_saving_while_an_import_holds_the_article(
    staff_client, sample_article, changed_sample, monkeypatch
):
    url, data = _open_and_edit(staff_client, sample_article, "編輯的標題")
    locked = threading.Event()
    held = _hold_the_row_while(content_changes.index_article, locked, 1)
    monkeypatch.setattr(content_changes, "index_article", held)  # the import's last step
    thread, outcome = _in_thread(lambda: import_paths([changed_sample]))
    assert locked.wait(30)

    started = time.monotonic()
    response = staff_client.post(url, data)  # waits for the import's row lock
    thread.join()

    assert time.monotonic() - started > 0.5  # it really waited for the import
    assert [r.status for r in outcome["value"].results] == ["updated"]
    assert _refused(response)
    article = Article.objects.get(pk=sample_article.pk)
    assert article.title == sample_article.title and article.sections.filter(heading="補記")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_import_running_while_an_editor_saves(
    staff_client, sample_article, changed_sample, monkeypatch
):
    from articles.admin import ArticleAdmin

    url, data = _open_and_edit(staff_client, sample_article, "編輯的標題")
    saving = threading.Event()
    monkeypatch.setattr(
        ArticleAdmin, "save_related", _hold_the_row_while(ArticleAdmin.save_related, saving, 1)
    )
    thread, outcome = _in_thread(lambda: staff_client.post(url, data))
    assert saving.wait(30)

    [result] = import_paths([changed_sample]).results  # waits for the editor's commit
    thread.join()

    assert outcome["value"].status_code == 302
    assert result.status == "conflict" and "--force" in result.detail
    article = Article.objects.get(pk=sample_article.pk)
    assert article.title == "編輯的標題" and not article.sections.filter(heading="補記")


def test_a_quote_page_opened_before_a_reimport_saves_nothing_stale(
    staff_client, sample_article, changed_sample
):
    """The import updates the quote in place (its id survives) and moves the write-up's
    revision on: the quote's form, opened before, is refused and says why."""
    quote = sample_article.quotes.get(text=GUEST_QUOTE)
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    data = change_form_data(staff_client.get(url))
    data["status"] = "disputed"
    import_paths([changed_sample])

    response = staff_client.post(url, data)

    assert _refused(response)
    quote.refresh_from_db()
    assert (quote.status, quote.edited) == ("auto", False)  # nothing written from the stale form
