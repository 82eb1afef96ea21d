import pytest
from django.urls import reverse

from articles.models import Article, Quote, Speaker
from tests.conftest import change_form_data
from tests.factories import GUEST, UNCREDITED_QUOTE

CHANGELISTS = ["article", "speaker", "episode", "show", "section", "quote", "category"]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_changelists_load_in_a_fixed_number_of_queries(
    staff_client, sample_article, django_assert_max_num_queries, model
):
    url = reverse(f"admin:articles_{model}_changelist")
    with django_assert_max_num_queries(12):
        response = staff_client.get(url)
    assert response.status_code == 200


def test_article_change_page_query_count_does_not_grow_with_quotes(
    staff_client, sample_article, django_assert_num_queries
):
    url = reverse("admin:articles_article_change", args=[sample_article.pk])
    staff_client.get(url)  # warm caches (content types, sessions)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        assert staff_client.get(url).status_code == 200
    quotes = list(sample_article.quotes.all()[:5])
    for quote in quotes:  # more quotes must not mean more queries
        quote.pk, quote.position, quote.text = None, quote.position + 1000, quote.text + "!"
    Quote.objects.bulk_create(quotes)
    with django_assert_num_queries(len(before.captured_queries)):
        assert staff_client.get(url).status_code == 200


def test_bulk_publish_and_unpublish(staff_client, sample_article):
    url = reverse("admin:articles_article_changelist")
    staff_client.post(url, {"action": "unpublish", "_selected_action": [sample_article.pk]})
    assert Article.objects.get(pk=sample_article.pk).draft is True
    staff_client.post(url, {"action": "publish", "_selected_action": [sample_article.pk]})
    assert Article.objects.get(pk=sample_article.pk).draft is False


def test_speaker_aliases_are_edited_one_a_line(staff_client, sample_article):
    speaker = Speaker.objects.get(name=GUEST)
    url = reverse("admin:articles_speaker_change", args=[speaker.pk])
    response = staff_client.post(
        url,
        {"name": speaker.name, "slug": speaker.slug, "bio": "", "aliases": "Altman\n山姆·奧特曼\n"},
    )
    assert response.status_code == 302
    speaker.refresh_from_db()
    assert speaker.aliases == ["Altman", "山姆·奧特曼"]


def test_upload_imports_through_the_importer(staff_client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse("admin:articles_article_upload")
    assert staff_client.get(url).status_code == 200
    good = SimpleUploadedFile("up.md", "---\ntitle: 上傳\n---\n## 一\n\n內容".encode())
    bad = SimpleUploadedFile("bad.md", b"---\ntitle: [x\n---\n")
    response = staff_client.post(url, {"files": [good, bad]}, follow=True)
    texts = [str(m) for m in response.context["messages"]]
    assert "created: up.md" in texts
    assert any(t.startswith("failed: bad.md: broken YAML") for t in texts)
    assert Article.objects.get(slug="up").title == "上傳"


def test_choosing_a_speaker_in_the_admin_confirms_the_quote(staff_client, sample_article):
    quote = sample_article.quotes.get(text=UNCREDITED_QUOTE)
    speaker = Speaker.objects.get(name=GUEST)
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    data = change_form_data(staff_client.get(url))
    data["speaker"] = speaker.pk
    response = staff_client.post(url, data)
    assert response.status_code == 302, response.context["errors"] if response.context else ""
    quote.refresh_from_db()
    assert (quote.speaker, quote.status, quote.edited) == (speaker, "confirmed", True)
    assert Article.objects.get(pk=sample_article.pk).edited_at is not None
