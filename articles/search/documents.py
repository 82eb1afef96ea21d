"""Matching, ranking and counting documents (one a write-up or speaker), per database.

A search ranks every document that matches, inside the engine: SQLite's FTS5 with bm25()
and ORDER BY rank LIMIT k; PostgreSQL with RUM's rank order from its index when the
extension is there, else ts_rank over every matching vector. Titles weigh more than
headings, and headings more than the body.

Words are ANDed within one passage, not across a whole write-up (a write-up with 記憶 in
its first section and 產品 in its last does not match 記憶 產品). The document index
answers a single term exactly: its passages are joined by a separator no phrase crosses.
Several terms, and on PostgreSQL any phrase (a tsvector keeps positions only up to 16,383
and 256 a word, short of a long write-up), are checked against the passages as well.
"""

from __future__ import annotations

from django.db import connection

from .query import Term, fts5_query, tsquery
from .schema import DOC_FTS, DOC_TABLE, ENTRY_TABLE, FTS_TABLE, has_rum

# bm25() weights of the title, headings and body columns. ts_rank's are A, B and D (1.0,
# 0.4, 0.1): a title match over a body match is worth about the same on both.
BM25_WEIGHTS = (4.0, 2.0, 1.0)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def relaxed(terms: list[Term]) -> str:
    """A tsquery of every token ANDed, no phrase: what a document's vector can answer."""
    parts = []
    for term in terms:
        lexemes = [f"'{token}'" for token in term.encoded]
        if term.prefix:
            lexemes[-1] += ":*"
        parts.extend(lexemes)
    return " & ".join(parts)


def _needs_passages(terms: list[Term]) -> bool:
    if len(terms) > 1:
        return True
    return _postgres() and len(terms[0].tokens) > 1


def matching(documents, terms: list[Term]):
    """Documents (already narrowed) that match, annotated with `rank` (lower is better)."""
    if _postgres():
        query = relaxed(terms)
        rank = (
            f"{DOC_TABLE}.search_vector <=> to_tsquery('simple', %s)"
            if has_rum(connection)
            else f"-ts_rank({DOC_TABLE}.search_vector, to_tsquery('simple', %s))"
        )
        found = documents.extra(
            where=[f"{DOC_TABLE}.search_vector @@ to_tsquery('simple', %s)"],
            params=[query],
            select={"rank": rank},
            select_params=[query],
        )
    else:
        weights = ", ".join(map(str, BM25_WEIGHTS))
        found = documents.extra(
            tables=[DOC_FTS],
            where=[f"{DOC_FTS}.rowid = {DOC_TABLE}.id", f"{DOC_FTS} MATCH %s"],
            params=[fts5_query(terms)],
            select={"rank": f"bm25({DOC_FTS}, {weights})"},
        )
    if _needs_passages(terms):
        found = found.extra(
            where=[
                f"({DOC_TABLE}.article_id IS NULL OR {DOC_TABLE}.article_id IN ({_passages()}))"
            ],
            params=[tsquery(terms) if _postgres() else fts5_query(terms)],
        )
    return found


def matching_articles(terms: list[Term]) -> tuple[str, list]:
    """SQL for the ids of write-ups whose document matches (words anywhere in it, so a
    superset when there are several terms), to narrow another query."""
    if _postgres():
        sql = (
            f"SELECT article_id FROM {DOC_TABLE} WHERE search_vector @@ to_tsquery('simple', %s) "
            "AND article_id IS NOT NULL"
        )
        return sql, [relaxed(terms)]
    sql = (
        f"SELECT d.article_id FROM {DOC_FTS} JOIN {DOC_TABLE} d ON d.id = {DOC_FTS}.rowid "
        f"WHERE {DOC_FTS} MATCH %s AND d.article_id IS NOT NULL"
    )
    return sql, [fts5_query(terms)]


def _passages() -> str:
    """The write-ups with a passage holding every term (exact phrases and all)."""
    if _postgres():
        return (
            f"SELECT article_id FROM {ENTRY_TABLE} "
            "WHERE search_vector @@ to_tsquery('simple', %s) AND article_id IS NOT NULL"
        )
    return (
        f"SELECT e.article_id FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e ON e.id = {FTS_TABLE}.rowid "
        f"WHERE {FTS_TABLE} MATCH %s"
    )


def raw_ranked(terms: list[Term], limit: int = 20) -> list[tuple[int, float]]:
    """The engine's own best `limit` documents, hand-written, with no filter: the
    benchmark's baseline for the search's query."""
    if _postgres():
        order = (
            "search_vector <=> to_tsquery('simple', %s)"
            if has_rum(connection)
            else "-ts_rank(search_vector, to_tsquery('simple', %s))"
        )
        sql = (
            f"SELECT id FROM {DOC_TABLE} WHERE search_vector @@ to_tsquery('simple', %s) "
            f"ORDER BY {order} LIMIT %s"
        )
        params = [relaxed(terms)] * 2 + [limit]
    else:
        weights = ", ".join(map(str, BM25_WEIGHTS))
        sql = (
            f"SELECT rowid FROM {DOC_FTS} WHERE {DOC_FTS} MATCH %s "
            f"ORDER BY bm25({DOC_FTS}, {weights}) LIMIT %s"
        )
        params = [fts5_query(terms), limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def best_passages(terms: list[Term], article_ids: list[int]) -> dict[int, int]:
    """For each of these write-ups, its best-ranked passage holding every term."""
    if not article_ids:
        return {}
    marks = ", ".join(["%s"] * len(article_ids))
    if _postgres():
        # The write-ups' own passages first (a few hundred), then the test: the planner
        # would otherwise take every match of a common word from the index.
        sql = (
            f"WITH own AS MATERIALIZED (SELECT id, article_id, search_vector FROM {ENTRY_TABLE} "
            f"WHERE article_id IN ({marks}) AND kind <> 'quote') "
            "SELECT DISTINCT ON (article_id) article_id, id FROM own "
            "WHERE search_vector @@ to_tsquery('simple', %s) "
            "ORDER BY article_id, ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id"
        )
        params = [*article_ids, tsquery(terms), tsquery(terms)]
    else:
        # FTS5 looks each passage up by rowid within the match: no walk through every match.
        sql = (
            f"SELECT e.article_id, e.id FROM {FTS_TABLE} JOIN {ENTRY_TABLE} e "
            f"ON e.id = {FTS_TABLE}.rowid WHERE {FTS_TABLE}.rowid IN (SELECT id FROM "
            f"{ENTRY_TABLE} WHERE article_id IN ({marks}) AND kind <> 'quote') "
            f"AND {FTS_TABLE} MATCH %s ORDER BY {FTS_TABLE}.rank DESC"
        )
        params = [*article_ids, fts5_query(terms)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())  # SQLite: best last, so it wins
