"""The import into the database: structure, safety, idempotency and editors' work."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.importer import import_paths
from articles.models import Article, Episode, Quote, Section, Speaker
from tests.conftest import SAMPLE, needs_shared
from tests.factories import GUEST_QUOTE, article_text

ARTICLE = article_text(title="測試文章")


@needs_shared
def test_the_sample(real_sample):
    article = real_sample
    assert (article.language, article.draft) == ("zh-Hant", False)
    assert [t.name for t in article.tags.all()] == ["AI"]
    episode = article.episode
    assert episode.show.name == "Big Technology Podcast"
    assert str(episode.air_date) == "2024-12-18"
    assert [(a.speaker.name, a.title) for a in episode.hosts()] == [("Alex Kantrowitz", "")]
    assert [(a.speaker.name, a.title) for a in episode.guests()] == [("Sam Altman", "OpenAI CEO")]
    assert [link.label for link in episode.links.all()] == ["Apple Podcast"]
    sections = list(article.sections.all())
    assert len(sections) == 6
    assert [(s.kind, s.number) for s in sections] == [
        ("other", None), ("strategy", 1), ("strategy", 2), ("strategy", 3),
        ("other", None), ("conclusion", None),
    ]  # fmt: skip
    agi = Quote.objects.get(article=article, text="我們對 AGI 定義得太模糊了。")
    assert agi.speaker.name == "Sam Altman" and agi.kind == "quote" and agi.section == sections[4]
    assert Quote.objects.get(article=article, text="潛在").kind == "term"
    assert Quote.objects.get(article=article, text="潛在").speaker is None
    assert article.source == SAMPLE.read_text(encoding="utf-8")
    assert article.front_matter["categories"] == ["AI"]


def test_import_creates_and_reimport_is_unchanged(db, write, django_assert_max_num_queries):
    path = write("a.md", ARTICLE)
    assert import_paths([path]).counts["created"] == 1
    article = Article.objects.get(slug="a")
    assert article.episode.show.name == "測試播客"
    quote = article.quotes.get(text=GUEST_QUOTE)
    assert quote.speaker.name == "陳小華"
    with django_assert_max_num_queries(3):  # a read, no writes
        report = import_paths([path])
    assert report.counts["unchanged"] == 1
    assert Article.objects.count() == 1 and Speaker.objects.count() == 2


def test_changed_file_updates_and_lists_fields(db, write):
    path = write("a.md", ARTICLE)
    import_paths([path])
    write("a.md", ARTICLE.replace("測試文章", "新標題"))
    (result,) = import_paths([path]).results
    assert (result.status, result.changes) == ("updated", ["title"])
    assert Article.objects.get(slug="a").title == "新標題"
    assert Episode.objects.count() == 1 and Section.objects.count() == 5


def test_dry_run_writes_nothing(db, write):
    path = write("a.md", ARTICLE)
    report = import_paths([path], dry_run=True)
    assert report.counts["created"] == 1
    assert not Article.objects.exists() and not Speaker.objects.exists()
    import_paths([path])
    write("a.md", ARTICLE.replace("測試文章", "新標題"))
    (result,) = import_paths([path], dry_run=True).results
    assert (result.status, result.changes) == ("updated", ["title"])
    assert Article.objects.get(slug="a").title == "測試文章"


def test_editor_attribution_survives_reimport(db, write):
    path = write("a.md", ARTICLE)
    import_paths([path])
    quote = Quote.objects.get(text=GUEST_QUOTE)
    editor_pick = Speaker.objects.get(name="王大明")
    quote.speaker, quote.status = editor_pick, Quote.Status.CONFIRMED
    quote.save()
    write("a.md", ARTICLE + "\n## 補記\n\n完。\n")
    assert import_paths([path]).counts["updated"] == 1
    again = Quote.objects.get(text=quote.text)
    assert (again.speaker, again.status) == (editor_pick, "confirmed")
    assert Section.objects.filter(heading="補記").count() == 1


def test_editor_change_to_article_is_a_conflict_unless_forced(db, write):
    path = write("a.md", ARTICLE)
    import_paths([path])
    Article.objects.filter(slug="a").update(title="編輯改過的標題")
    write("a.md", ARTICLE.replace("記住偏好", "記住習慣"))
    (result,) = import_paths([path]).results
    assert result.status == "conflict" and "--force" in result.detail
    assert Article.objects.get(slug="a").title == "編輯改過的標題"
    assert import_paths([path], force=True).counts["updated"] == 1
    assert Article.objects.get(slug="a").title == "測試文章"


def test_bad_files_fail_alone_and_leave_nothing(db, write, settings):
    settings.ARTICLE_MAX_BYTES = 2000
    write("good.md", ARTICLE)
    write("broken.md", "---\ntitle: [x\n---\n")
    write("empty.md", "")
    write("binary.md", b"\x00\x01\x02")
    write("big5.md", "---\ntitle: 標題\n---\n".encode("big5"))
    write("huge.md", "x" * 3000)
    write("dup/good.md", ARTICLE.replace("測試文章", "Same slug"))
    write("notes.txt", "ignored: not markdown")
    folder = write("x.md", ARTICLE).parent
    report = import_paths([str(folder), "/no/such/path"])
    by_name = {r.name.removeprefix(f"{folder}/"): r for r in report.results}
    assert by_name["dup/good.md"].status == "created"  # first in sorted order wins the slug
    assert "broken YAML front matter at line 2" in by_name["broken.md"].detail
    assert by_name["empty.md"].detail == "empty file"
    assert "binary" in by_name["binary.md"].detail
    assert "--encoding big5" in by_name["big5.md"].detail
    assert "larger than the 0.0 MB limit" in by_name["huge.md"].detail
    assert by_name["/no/such/path"].detail == "no such file or directory"
    assert (
        by_name["good.md"].detail
        == f"slug 'good' is also claimed by {folder}/dup/good.md in this run"
    )
    assert "notes.txt" not in by_name
    assert set(Article.objects.values_list("slug", flat=True)) == {"good", "x"}
    assert not report.ok


def test_markdown_is_sanitised(db, write):
    path = write(
        "xss.md",
        "## 標題\n\n<script>window.pwned=1</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) <iframe src='https://evil.example'></iframe>\n",
    )
    import_paths([path])
    html = Section.objects.get(article__slug="xss").body_html
    for payload in ("<script", "onerror", "javascript:", "<iframe", "pwned"):
        assert payload not in html


def test_command_reports_and_exits_non_zero_on_failure(db, write, capsys):
    good = write("good.md", ARTICLE)
    bad = write("bad.md", "---\ntitle: [x\n---\n")
    call_command("import_articles", str(good), verbosity=2)
    out = capsys.readouterr().out
    assert "created: " in out and "1 created, 0 updated, 0 unchanged, 0 conflicts, 0 failed" in out
    with pytest.raises(CommandError) as info:
        call_command("import_articles", str(good), str(bad))
    assert info.value.returncode == 1
    captured = capsys.readouterr()
    assert "0 created, 0 updated, 1 unchanged, 0 conflicts, 1 failed" in captured.out
    assert f"failed: {bad}: broken YAML front matter at line 2" in captured.err
    assert "Traceback" not in captured.err


def test_if_empty_skips_when_content_exists(db, write):
    import_paths([write("a.md", ARTICLE)])
    call_command("import_articles", str(write("b.md", ARTICLE)), if_empty=True, verbosity=0)
    assert not Article.objects.filter(slug="b").exists()


def test_speakers_resolve_through_aliases(db, write):
    Speaker.objects.create(name="Sam Altman", slug="sam-altman", aliases=["山姆·奧特曼"])
    path = write(
        "c.md", "---\nguests: [山姆·奧特曼]\nshow: X\n---\n他說：「這是一段足夠長的引用句子。」"
    )
    import_paths([path])
    assert Speaker.objects.count() == 1
    assert Quote.objects.get().speaker.name == "Sam Altman"


def test_a_failed_file_leaves_no_stale_rows_for_the_next(db, write, monkeypatch):
    """Rows made inside a rolled-back file must not be reused from the run's cache."""
    from django.db import DatabaseError

    from articles.importer import store

    real, calls = store._insert_sections_and_quotes, []

    def fail_first(*args):
        calls.append(1)
        if len(calls) == 1:
            raise DatabaseError("disk full")
        return real(*args)

    monkeypatch.setattr(store, "_insert_sections_and_quotes", fail_first)
    first = write("a.md", ARTICLE)
    second = write("b.md", ARTICLE.replace("測試文章", "另一篇"))
    report = import_paths([first, second])
    assert [r.status for r in report.results] == ["failed", "created"]
    assert report.results[0].detail == "database refused it: disk full"
    article = Article.objects.get()
    assert article.slug == "b" and article.quotes.get(text=GUEST_QUOTE).speaker.name == "陳小華"
    assert sorted(t.name for t in article.tags.all()) == ["AI", "記憶"]


def test_import_runs_a_bounded_number_of_queries(db, write, django_assert_max_num_queries):
    import_paths([write("warm.md", ARTICLE)])  # the show, people and tags exist now
    files = [write(f"{n}.md", ARTICLE.replace("測試文章", f"第 {n} 篇")) for n in range(10)]
    # A run looks each name up once (~5 queries), then ~25 a file, however many sections
    # and quotes (17 to store it with its listen link and category, 2 to record who
    # appeared and the listen links as they now are, for the next import's conflict check,
    # 6 to index it: its entries, and its document with who appeared and its tags), and
    # on SQLite 2 to refresh statistics at the end.
    with django_assert_max_num_queries(5 + 10 * 25 + 3):
        report = import_paths(files)
    assert report.counts["created"] == 10
