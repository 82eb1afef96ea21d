"""The search index itself: the importer's analysis and an editor's agree, SQLite's
triggers and FTS5 tables stay whole, the catalogue reads an index, and index words (a
long write-up's, pairs of Latin words) are found."""

import pytest

from articles.importer import import_paths
from articles.models import Article, SearchEntry
from articles.search.index import index_article
from tests.factories import search_article


def test_the_importers_analysis_equals_the_stored_rows(db, write):
    """The importer tokenises while parsing; an editor's change re-analyses stored rows.
    Both must give the very same entries, long sections and over-long headings included."""
    long_heading = "長" * 600
    said = "第{}段：陳小華說：「我們要記住他們的偏好，第{}次。」"
    body = "\n\n".join(said.format(i, i) * 8 for i in range(30))
    front = "---\ntitle: 分析\nguests: [陳小華]\n---\n\n"
    text = f"{front}## {long_heading}\n\n{body}\n\n## 結語\n\nEnd."
    assert import_paths([write("analysed.md", text)]).ok
    article = Article.objects.get(slug="analysed")
    columns = ("kind", "section", "quote", "speaker", "title", "url", "text", "search_text")
    imported = list(SearchEntry.objects.filter(article=article).values_list(*columns))
    assert len([e for e in imported if e[0] == "section"]) > 3  # several passages of one section
    assert any(e[0] == "quote" for e in imported)
    index_article(article)
    assert list(SearchEntry.objects.filter(article=article).values_list(*columns)) == imported


def test_full_text_triggers_survive_table_rebuilds(db):
    """Migration 0006 makes SQLite rebuild the entry table, which drops its triggers;
    they must be back after migrate, or the index would silently stop following."""
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        names = {row[0] for row in cursor.fetchall()}
    for table in ("articles_searchentry_fts", "articles_searchdocument_fts"):
        assert {f"{table}_{s}" for s in ("ai", "ad", "au", "au2")} <= names


def test_sqlite_full_text_index_stays_consistent(db, write):
    """Imports, re-imports, deletes and a rebuild leave FTS5's own integrity check happy
    (of the entries, only quotes are in the index, on purpose)."""
    from django.core.management import call_command
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    for n in range(3):
        search_article(write, f"w{n}")
    search_article(write, "w0", title="記憶的設計（修訂）")
    Article.objects.filter(slug="w1").delete()
    checks = [f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)"
              for fts in ("articles_searchentry_fts", "articles_searchdocument_fts")]  # fmt: skip
    with connection.cursor() as cursor:
        for check in checks:
            cursor.execute(check)  # raises "database disk image is malformed" if not
        call_command("rebuild_search_index", verbosity=0)
        for check in checks:
            cursor.execute(check)
    from articles.search.service import search

    assert {e.article.slug for e in search("記憶").page.object_list} == {"w0", "w2"}


def test_the_catalogue_reads_documents_from_their_index(db, write):
    """Not from the rows, whose long token columns spill into overflow pages."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.search.catalog import build

    for n in range(3):
        search_article(write, f"w{n}")
    with CaptureQueriesContext(connection) as queries:
        assert len(build().entries) == 4  # three write-ups and their guest
    [sql] = [q["sql"] for q in queries.captured_queries if "searchdocument" in q["sql"]]
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
            plan = " ".join(row[-1] for row in cursor.fetchall())
            assert "COVERING INDEX" in plan


def test_a_new_full_text_index_holds_the_rows_already_there(db, write):
    """As after migration 0016: the tables come after the rows. Without the refill the
    quote index would be empty, and its delete trigger would corrupt it."""
    from django.db import connection

    from articles.search import schema
    from articles.search.service import search

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    search_article(write, "a")
    search_article(write, "b")
    schema.uninstall(connection)
    schema.install(connection)
    assert search("偏好", {"type": "quote"}).count == 2
    Article.objects.filter(slug="a").delete()
    with connection.cursor() as cursor:
        for fts in ("articles_searchentry_fts", "articles_searchdocument_fts"):
            cursor.execute(f"INSERT INTO {fts}({fts}, rank) VALUES ('integrity-check', 1)")
    assert search("偏好", {"type": "quote"}).count == 1


def test_a_long_write_ups_words_past_its_documents_are_index_terms_too(db, write, monkeypatch):
    """A write-up with more CJK words than one tsvector holds keeps the rest in
    SearchWords rows, found as words like the first (and replaced on re-indexing)."""
    from articles.models import SearchWords
    from articles.search import ranking
    from articles.search.service import search

    monkeypatch.setattr(ranking, "MAX_WORDS", 3)
    article = search_article(write, "long")
    pieces = SearchWords.objects.filter(document__article=article)
    assert pieces.count() >= 3
    # the text's last word of 3 or 4 characters (its Latin pairs come after them)
    words = " ".join(pieces.values_list("words", flat=True)).split()
    last = [word for word in words if "丨" not in word][-1]
    assert search(last).count == 1 and search("重要的事").count == 1
    index_article(article)
    assert SearchWords.objects.filter(document__article=article).count() == pieces.count()


def test_optimizing_merges_the_full_text_index_and_keeps_every_match(db, write):
    """Each write-up indexed adds pieces to FTS5's index; optimizing leaves one a
    table, and every search finds what it found before."""
    from django.core.management import call_command
    from django.db import connection

    from articles.search.schema import PASSAGES
    from articles.search.service import search

    for n in range(6):
        search_article(write, f"o{n}", title=f"記憶 第{n}集")
    before = [(q, search(q).count) for q in ("記憶", "偏好", "gpt-5.2", '"memory feature"')]
    pieces = f"SELECT count(*) FROM {PASSAGES.fts}_data"
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(pieces)
            many = cursor.fetchone()[0]
            call_command("optimize_search_index", verbosity=0)
            cursor.execute(pieces)
            assert cursor.fetchone()[0] < many
    else:
        call_command("optimize_search_index", verbosity=0)
    assert [(q, search(q).count) for q in ("記憶", "偏好", "gpt-5.2", '"memory feature"')] == before
    assert before[0][1] == 6


def test_two_latin_words_are_one_index_word_and_unindexed_pairs_are_checked(db, write, monkeypatch):
    """A phrase of two Latin words is looked up as the pair the write-up's words hold,
    with no passage read; a document indexed before it held pairs (migration 0019 marks
    it) has the phrase checked in its passages instead."""
    from articles.cache import bump_content_version
    from articles.models import SearchDocument
    from articles.search import backends
    from articles.search.service import search

    search_article(write, "pair")
    checked = []
    phrase_documents = backends.phrase_documents
    monkeypatch.setattr(backends, "phrase_documents",
                        lambda *a, **k: checked.append(a) or phrase_documents(*a, **k))  # fmt: skip
    found = {q: search(q).count for q in ('"memory feature"', '"memory feat"', '"feature memory"',
                                          '"memory trust"', '"the memory"')}  # fmt: skip
    assert found == {'"memory feature"': 1, '"memory feat"': 1, '"feature memory"': 0,
                     '"memory trust"': 0, '"the memory"': 1}  # fmt: skip
    assert checked == []
    SearchDocument.objects.update(words="", words_indexed=False)
    bump_content_version()  # as restarting after the migration does
    assert search('"memory feature"').count == 1 and search('"feature memory"').count == 0
    assert len(checked) == 2
