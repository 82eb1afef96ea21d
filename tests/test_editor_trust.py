"""Nothing an editor does is lost, and links never break: every kind of editor change
(made through the admin's own forms) survives a re-import or is reported as a conflict,
and permalinks survive a re-import of a changed file."""

import pytest
from django.urls import reverse

from articles.importer import import_paths
from articles.models import Article, Quote, Section, Speaker
from tests.conftest import change_form_data
from tests.test_derived_data import ARTICLE, edit, inline_prefix


@pytest.fixture
def reimport(db, write):
    """Import the write-up; calling the fixture re-imports it with a small change."""
    assert import_paths([write("a.md", ARTICLE)]).ok
    edits = iter(range(1, 100))

    def again(text=None, force=False):
        text = text or ARTICLE.replace("謝謝收聽", f"謝謝收聽第 {next(edits)} 次")
        [result] = import_paths([write("a.md", text)], force=force).results
        return result

    return again


@pytest.fixture
def article(reimport):
    return Article.objects.get(slug="a")


def quote(text_start="我們要記住") -> Quote:
    return Quote.objects.get(text__startswith=text_start)


def test_speaker_changed_on_the_quotes_own_page_survives_a_reimport(
    staff_client, article, reimport
):
    host = Speaker.objects.get(name="主持人甲")
    edit(staff_client, quote(), speaker=host.pk)
    assert (quote().edited, quote().status) == (True, "confirmed")
    assert reimport().status == "updated"
    assert quote().speaker == host


def test_kind_changed_on_the_quotes_own_page_survives_a_reimport(staff_client, article, reimport):
    edit(staff_client, quote(), kind="term")
    assert reimport().status == "updated"
    assert quote().kind == "term"


def test_text_corrected_on_the_quotes_page_survives_and_keeps_the_id(
    staff_client, article, reimport
):
    original = quote()
    edit(staff_client, original, text="我們要記住他們的偏好（編輯校正）。")
    result = reimport()
    assert result.status == "updated", result.detail
    kept = Quote.objects.get(pk=original.pk)
    assert kept.text == "我們要記住他們的偏好（編輯校正）。" and kept.edited


def test_a_quote_the_editor_added_survives_a_reimport(staff_client, article, reimport):
    url = reverse("admin:articles_quote_add")
    new = {"text": "編輯補上的一句話。", "position": 99, "kind": "quote", "status": "confirmed",
           "section": article.sections.first().pk, "article": article.pk}  # fmt: skip
    assert staff_client.post(url, new).status_code == 302
    added = Quote.objects.get(text="編輯補上的一句話。")
    assert added.edited
    assert reimport().status == "updated"
    assert Quote.objects.filter(pk=added.pk, text="編輯補上的一句話。").exists()


def test_a_list_edit_marks_the_quote_edited(staff_client, article):
    changelist = reverse("admin:articles_quote_changelist")
    query = f"?article__id__exact={article.pk}"
    formset = staff_client.get(changelist + query).context["cl"].formset
    data = {f.html_name: f.value() for form in formset.forms for f in form if f.value() is not None}
    data.update({f.html_name: f.value() for f in formset.management_form})
    target = next(f for f in formset.forms if f.instance.text.startswith("我們要記住"))
    data[target["status"].html_name] = "disputed"
    data["_save"] = "Save"
    assert staff_client.post(changelist + query, data).status_code == 302
    assert quote().edited and not quote("謝謝收聽").edited


@pytest.mark.parametrize(
    ("change", "named"),
    [
        ("section", "section"),
        ("episode", "episode title"),
        ("appearance", "appearances"),
        ("link", "listen links"),
    ],
)
def test_other_edits_are_conflicts_that_name_what_differs(
    staff_client, article, reimport, change, named
):
    episode = article.episode
    if change == "section":
        edit(staff_client, article.sections.get(kind="conclusion"), heading="編輯改的結語")
    elif change == "episode":
        edit(staff_client, episode, title="編輯改的單集標題")
    else:
        url = reverse("admin:articles_episode_change", args=[episode.pk])
        data = change_form_data(staff_client.get(url))
        if change == "appearance":
            row, field = episode.appearances.get(role="guest"), "title"
        else:
            row, field = episode.links.get(), "label"
        data[
            f"{inline_prefix(data, row, 'appearances' if field == 'title' else 'links')}-{field}"
        ] = "編輯改的"
        assert staff_client.post(url, data).status_code == 302

    result = reimport()

    assert result.status == "conflict" and named in result.detail and "--force" in result.detail
    assert reimport(force=True).status == "updated"
    assert reimport().status == "updated"  # the forced import is the new baseline


def test_forced_reimport_overwrites_an_edited_section(staff_client, article, reimport):
    edit(staff_client, article.sections.get(kind="conclusion"), heading="編輯改的結語")
    assert reimport(force=True).status == "updated"
    assert Section.objects.get(article=article, kind="conclusion").heading == "結語"


def test_permalinks_survive_a_reimport_of_a_changed_file(client, article, reimport):
    quotes = {q.pk: q.text for q in article.quotes.all()}
    sections = set(article.sections.values_list("pk", flat=True))
    changed = ARTICLE.replace("最重要的事情", "最最重要的事情").replace(
        "## 結語", "## 新段\n\n內容\n\n## 結語"
    )
    assert reimport(changed).status == "updated"
    assert set(article.sections.values_list("pk", flat=True)) > sections
    assert set(article.quotes.values_list("pk", flat=True)) == set(quotes)
    for pk in quotes:
        assert client.get(reverse("articles:quote-detail", args=[pk])).status_code == 200
    assert "最最重要" in Quote.objects.get(pk=quote().pk).text


def test_a_removed_quote_answers_410_with_a_link_to_its_article(client, article, reimport):
    gone = quote("謝謝收聽")
    assert reimport(ARTICLE.replace("主持人甲說：「謝謝收聽，下次再見。」", "")).status == "updated"
    response = client.get(reverse("articles:quote-detail", args=[gone.pk]))
    assert response.status_code == 410
    assert article.get_absolute_url() in response.content.decode()
    assert client.get(reverse("articles:quote-detail", args=[gone.pk + 1000])).status_code == 404


def test_a_quote_deleted_in_the_admin_answers_410(client, staff_client, article):
    gone = quote()
    url = reverse("admin:articles_quote_delete", args=[gone.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    client.logout()
    assert client.get(reverse("articles:quote-detail", args=[gone.pk])).status_code == 410


def test_a_renamed_speakers_old_url_redirects(client, staff_client, article):
    speaker = Speaker.objects.get(name="陳小華")
    old_url = speaker.get_absolute_url()
    edit(staff_client, speaker, name="陳曉華", slug="陳曉華")
    client.logout()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == Speaker.objects.get(pk=speaker.pk).get_absolute_url()
    assert client.get(response["Location"]).status_code == 200


def test_merging_two_speakers_keeps_everything_and_redirects(client, staff_client, reimport, write):
    typo = ARTICLE.replace("陳小華", "陳曉華").replace("EP1", "EP2")
    assert import_paths([write("b.md", typo)]).ok
    keep, other = Speaker.objects.get(name="陳小華"), Speaker.objects.get(name="陳曉華")
    old_url = other.get_absolute_url()
    changelist = reverse("admin:articles_speaker_changelist")
    chosen = {"action": "merge", "_selected_action": [keep.pk, other.pk]}

    confirm = staff_client.post(changelist, chosen)
    assert confirm.status_code == 200 and "陳曉華" in confirm.content.decode()
    assert staff_client.post(changelist, {**chosen, "keep": keep.pk}).status_code == 302

    assert not Speaker.objects.filter(pk=other.pk).exists()
    keep.refresh_from_db()
    assert "陳曉華" in keep.aliases
    assert keep.quotes.count() == 2 and keep.appearances.count() == 2
    client.logout()
    assert client.get(old_url).status_code == 301
    assert client.get(old_url)["Location"] == keep.get_absolute_url()
    page = client.get(reverse("articles:search"), {"q": "記住", "type": "quote"})
    results = page.content.decode().split('class="result result-quote"')[1:]
    assert len(results) == 2 and all("陳小華" in r and "陳曉華" not in r for r in results)
    [again] = import_paths([write("b.md", typo + "\n補一句。\n")]).results
    assert again.status == "updated" and not Speaker.objects.filter(name="陳曉華").exists()
    assert Quote.objects.get(article__slug="b", text__startswith="我們要記住").speaker == keep


def test_export_then_import_keeps_every_editors_change(staff_client, article, tmp_path):
    from django.core.management import call_command

    from articles.models import Episode, Show

    edit(staff_client, article.sections.get(kind="conclusion"), heading="結語與致謝",
         body="主持人甲說：「謝謝收聽，下次再見。」\n\n編輯補上的一段話。\n")  # fmt: skip
    edit(staff_client, quote(), text="我們要記住他們的偏好（校正）。", kind="term")
    added = {"text": "編輯補上的一句話。", "position": 99, "kind": "quote", "status": "confirmed",
             "section": article.sections.first().pk, "article": article.pk}  # fmt: skip
    assert staff_client.post(reverse("admin:articles_quote_add"), added).status_code == 302
    edit(staff_client, Speaker.objects.get(name="陳小華"), bio="記憶研究者", aliases="Chen")
    edit(staff_client, article.episode.show, website="https://lighthouse.example.org/")

    def snapshot():
        a = Article.objects.get(slug="a")
        return {
            "sections": [(s.heading, s.kind, s.number, s.body.strip()) for s in a.sections.all()],
            "quotes": sorted(
                (q.text, q.kind, q.status, q.edited, q.speaker and q.speaker.name)
                for q in a.quotes.all()
            ),
            "speaker": Speaker.objects.filter(name="陳小華").values_list("bio", "aliases").get(),
            "website": a.episode.show.website,
        }

    before = snapshot()
    call_command("export_articles", str(tmp_path), verbosity=0)
    for model in (Article, Episode, Show, Speaker):
        model.objects.all().delete()
    assert import_paths([tmp_path]).ok
    after = snapshot()
    for part in before:
        assert after[part] == before[part], part
