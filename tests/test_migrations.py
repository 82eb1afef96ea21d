"""The database the migrations build has the full-text schema the live code expects.

Old migrations carry their DDL frozen (articles/migrations/_fulltext_0011.py), so a change
to articles/search/schema.py needs a migration of its own; this test says when one is
missing. (After migrate, schema.install() only creates what is absent, never replaces.)"""

import re

import pytest
from django.db import connection

from articles.search import schema

pytestmark = pytest.mark.django_db


def _normal(sql: str) -> str:
    return re.sub(r"\s+", " ", sql.replace("IF NOT EXISTS ", "")).strip().lower()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's full-text schema")
def test_sqlite_full_text_objects_are_the_live_schema():
    names = {"articles_searchentry_fts", "articles_searchentry_match_columns"} | {
        f"articles_searchentry_fts_{t}" for t in ("ai", "ad", "au", "au2")
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        built = {_normal(sql) for name, sql in cursor.fetchall() if name in names}
    assert built == {_normal(sql) for sql in schema.SQLITE}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text schema")
def test_postgresql_search_vector_is_the_live_schema():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generation_expression FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = 'search_vector'",
            [schema.ENTRY_TABLE],
        )
        (expression,) = cursor.fetchone()
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [schema.ENTRY_TABLE, f"{schema.ENTRY_TABLE}_search_vector"],
        )
        (index,) = cursor.fetchone()
    assert "to_tsvector('simple'" in expression and "'quote'" in expression
    assert "USING gin (search_vector)" in index
    live = _normal(schema.POSTGRESQL[0])
    assert "to_tsvector('simple'," in live and schema.INDEXED in schema.POSTGRESQL[0]
