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

import math

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


# PostgreSQL ranks in two phases. The index's order (RUM's, else ts_rank's) picks the best
# RERANK documents; BM25, as FTS5 computes it, then orders those. RUM and ts_rank weigh a
# word's occurrences but know nothing of how rare it is, nor of a write-up's length
# against the others'. Past RERANK, pages follow the index's order.
RERANK = 100
K1, B = 1.2, 0.75
_ZETA2 = 1.6449340668482264
_STATISTICS: dict[tuple, float] = {}


def bm25_order(terms: list[Term], ids: list[int]) -> list[int]:
    """PostgreSQL: these documents in BM25 order (best first; ties keep their order).

    A token's frequency comes from ts_rank itself: with every weight 1 and a one-word query
    it is H(n) / ζ(2), H(n) being 1 + 1/4 + … + 1/n², so n can be read back from it. It is
    summed over a write-up's passages, whose positions a tsvector keeps exactly (a whole
    write-up's would stop at position 16,383). A prefix counts its word alone: ts_rank of
    several words is no longer that sum."""
    words = [token for term in terms for token in term.encoded]
    tokens = [f"'{token}'" for token in words]
    rank = "ts_rank('{1,1,1,1}', search_vector, to_tsquery('simple', %s))"
    ranks = ", ".join([rank] * len(tokens))
    frequencies: dict[int, list[int]] = {}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT id, article_id, length, title_tokens, head_tokens, {ranks} "
            f"FROM {DOC_TABLE} WHERE id = ANY(%s)",
            [*tokens, ids],
        )
        documents = {row[0]: row[1:] for row in cursor}
        articles = {row[0]: pk for pk, row in documents.items() if row[0]}
        # The write-ups' own passages first (the planner would take every match of a
        # common word from the index), then each token's frequency in each.
        cursor.execute(
            f"WITH own AS MATERIALIZED (SELECT article_id, search_vector FROM {ENTRY_TABLE} "
            "WHERE article_id = ANY(%s) AND kind <> 'quote') "
            f"SELECT article_id, {ranks} FROM own WHERE search_vector @@ to_tsquery('simple', %s)",
            [list(articles), *tokens, " | ".join(tokens)],
        )
        for article, *found in cursor:
            counts = frequencies.setdefault(articles[article], [0] * len(tokens))
            for i, value in enumerate(found):
                counts[i] += _frequency(value)
        count, average = _collection(cursor)
        weights = [_idf(cursor, token, count) for token in tokens] if len(tokens) > 1 else [1.0]
    title, heads, body = BM25_WEIGHTS
    scores = {}
    for pk, (article, length, titles, headings, *found) in documents.items():
        in_body = frequencies.get(pk, [0] * len(tokens)) if article else map(_frequency, found)
        titles, headings = titles.split(), headings.split()
        # As FTS5 does: each column's occurrences weighed, over the whole row's length.
        counts = [title * titles.count(word) + heads * headings.count(word) + body * n
                  for word, n in zip(words, in_body, strict=False)]  # fmt: skip
        norm = K1 * (1 - B + B * (length + len(titles) + len(headings)) / average)
        scores[pk] = sum(
            w * n * (K1 + 1) / (n + norm) for w, n in zip(weights, counts, strict=False)
        )
    return sorted(ids, key=lambda pk: -scores.get(pk, 0.0))


def _frequency(rank: float) -> int:
    return round(1 / (_ZETA2 * (1 - rank)) - 0.5) if rank > 0 else 0


def _collection(cursor) -> tuple[int, float]:
    cursor.execute(f"SELECT count(*), max(id), avg(length) FROM {DOC_TABLE}")
    count, last, average = cursor.fetchone()
    _STATISTICS["state"] = (count, last)
    return count, float(average or 1)


def _idf(cursor, token: str, count: int) -> float:
    """FTS5's idf, log((N - n + 0.5) / (n + 0.5)) and at least 1e-6; n is counted once per
    state of the index (how many documents, the highest id)."""
    key = (token, *_STATISTICS["state"])
    if key not in _STATISTICS:
        cursor.execute(
            f"SELECT count(*) FROM {DOC_TABLE} WHERE search_vector @@ to_tsquery('simple', %s)",
            [token],
        )
        if len(_STATISTICS) > 10_000:
            _STATISTICS.clear()
            _STATISTICS["state"] = key[1:]
        _STATISTICS[key] = cursor.fetchone()[0]
    found = _STATISTICS[key]
    return max(1e-6, math.log((count - found + 0.5) / (found + 0.5)))
