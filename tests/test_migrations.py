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
    names = {f"{schema.ENTRY_TABLE}_match_columns", f"{schema.DOCUMENT_TABLE}_catalogue"}
    for index in schema.FULL_TEXT:
        names |= {index.fts} | {f"{index.fts}_{t}" for t in ("ai", "ad", "au", "au2")}
    with connection.cursor() as cursor:
        cursor.execute("SELECT name, sql FROM sqlite_master WHERE sql IS NOT NULL")
        built = {_normal(sql) for name, sql in cursor.fetchall() if name in names}
    assert built == {_normal(sql) for sql in schema.SQLITE}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's full-text schema")
def test_postgresql_full_text_objects_are_the_live_schema():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generation_expression FROM information_schema.columns"
            " WHERE table_name = %s AND column_name = 'search_vector'",
            [schema.ENTRY_TABLE],
        )
        (expression,) = cursor.fetchone()
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename IN (%s, %s)",
            [schema.ENTRY_TABLE, schema.DOCUMENT_TABLE],
        )
        indexes = dict(cursor.fetchall())
    assert expression.startswith("(to_tsvector('simple'::regconfig, search_text) || ")
    assert "array_to_tsvector(array_remove(ARRAY[('#'::text || article_id)]" in expression
    assert "WHERE ((kind)::text = 'quote'::text)" in indexes[f"{schema.ENTRY_TABLE}_quote_terms"]
    assert "USING gin (search_vector)" in indexes[f"{schema.ENTRY_TABLE}_passage_terms"]
    assert (
        "to_tsvector('simple'::regconfig, impacts)" in indexes[f"{schema.DOCUMENT_TABLE}_impacts"]
    )
