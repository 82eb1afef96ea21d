"""Full-text matching per database.

`extra()` and raw SQL are used on purpose here, and only here: FTS5's MATCH and a tsquery
have no ORM expression. Ranking is done by the full-text engine on its own table, never by
a correlated subquery per row (measured at 5-14 s for 12k hits).
"""

from django.db import connection
from django.db.models.expressions import RawSQL

from .query import Term, fts5_query, tsquery
from .schema import ENTRY_TABLE, FTS_TABLE


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _where(terms: list[Term]) -> tuple[str, list[str]]:
    """SQL selecting matching entry ids, with its parameters."""
    if _postgres():
        return (
            f"SELECT id FROM {ENTRY_TABLE} WHERE search_vector @@ to_tsquery('simple', %s)",
            [tsquery(terms)],
        )
    return f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts5_query(terms)]


def matching_ids(terms: list[Term]) -> RawSQL:
    """For `id__in=`: a plain (uncorrelated) subquery the engine answers once."""
    sql, params = _where(terms)
    return RawSQL(sql, params)


def raw_match_ids(terms: list[Term]) -> list[int]:
    """The full-text query alone (the benchmark's baseline)."""
    sql, params = _where(terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def count(terms: list[Term]) -> int:
    sql, params = _where(terms)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({sql}) AS hits", params)
        return cursor.fetchone()[0]


# Relevance is scored over at most this many matches, the most recently indexed: scoring
# every one of 100,000 matches of a common word (我们) costs seconds, and among that many
# the newest are as good a pool as any. Matches beyond it follow, newest first.
RANK_WINDOW = 2000


def ranked_ids(terms: list[Term], limit: int, offset: int = 0) -> list[int]:
    """Entry ids for one page: the best of the window first, then the rest by recency."""
    sql, params = _where(terms)
    key = "id" if _postgres() else "rowid"
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} ORDER BY {key} DESC LIMIT 1 OFFSET %s", [*params, RANK_WINDOW - 1])
        row = cursor.fetchone()
        floor = row[0] if row else 0  # the oldest match inside the window
        ids: list[int] = []
        if offset < RANK_WINDOW:
            ranked, ranked_params = _ranked(terms, floor)
            cursor.execute(
                f"{ranked} LIMIT %s OFFSET %s",
                [*ranked_params, min(limit, RANK_WINDOW - offset), offset],
            )
            ids = [r[0] for r in cursor.fetchall()]
        if len(ids) < limit and row:
            older_offset = max(0, offset - RANK_WINDOW)
            cursor.execute(
                f"SELECT * FROM ({sql}) AS hits WHERE {key} < %s ORDER BY {key} DESC "
                "LIMIT %s OFFSET %s",
                [*params, floor, limit - len(ids), older_offset],
            )
            ids += [r[0] for r in cursor.fetchall()]
        return ids


def _ranked(terms: list[Term], floor: int) -> tuple[str, list]:
    """Matches from `floor` up, best first."""
    if _postgres():
        query = tsquery(terms)
        return (
            f"SELECT id FROM {ENTRY_TABLE} WHERE search_vector @@ to_tsquery('simple', %s) "
            "AND id >= %s ORDER BY ts_rank(search_vector, to_tsquery('simple', %s)) DESC, id",
            [query, floor, query],
        )
    return (
        f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s AND rowid >= %s "
        "ORDER BY rank, rowid",
        [fts5_query(terms), floor],
    )


def with_rank(entries, terms: list[Term]):
    """Entries (already narrowed) annotated with the engine's rank, for filtered pages."""
    if _postgres():
        query = tsquery(terms)
        return entries.extra(
            where=[f"{ENTRY_TABLE}.search_vector @@ to_tsquery('simple', %s)"],
            params=[query],
            select={"rank": f"-ts_rank({ENTRY_TABLE}.search_vector, to_tsquery('simple', %s))"},
            select_params=[query],
        )
    return entries.extra(
        tables=[FTS_TABLE],
        where=[f"{FTS_TABLE}.rowid = {ENTRY_TABLE}.id", f"{FTS_TABLE} MATCH %s"],
        params=[fts5_query(terms)],
        select={"rank": f"{FTS_TABLE}.rank"},
    )
