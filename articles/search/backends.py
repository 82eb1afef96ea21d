"""Full-text matching per database.

`extra()` and raw SQL are used on purpose here, and only here: FTS5's MATCH and a tsquery
have no ORM expression. Ranking is done by the full-text engine on its own table, never by
a correlated subquery per row (measured at 5-14 s for 12k hits).

Quotes are not in the full-text index: every quote lies inside a section, so the sections
that match find them (see quote_hits). They were four rows in five and a third of the
indexed text, all said twice.
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import NamedTuple

from django.db import connection, transaction
from django.db.models.expressions import RawSQL

from .query import Term, fts5_query, tsquery
from .schema import ENTRY_TABLE, FTS_TABLE

# A search counts, ranks and facets at most this many matches. Beyond it a reader sees
# "more than 500" and narrows; counting all 100,000 passages holding 我们 took a second or more
# on PostgreSQL, and ranking them tells nobody anything.
MATCH_LIMIT = 500


class Match(NamedTuple):
    """What a search needs of each matching entry: its order, its facets, its quotes."""

    id: int
    rank: float  # lower is better, on both databases
    published: float | None  # a number that grows with the date (for sorting)
    kind: str
    show_id: int | None
    speaker_id: int | None
    year: int | None
    language: str
    article_id: int | None
    section_id: int | None


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def raw_ranked(terms: list[Term], limit: int = MATCH_LIMIT) -> list[tuple[int, float]]:
    """The full-text query alone, hand-written: ids and the engine's rank of the matches
    a search reads (the benchmark's baseline for the ORM query in candidates())."""
    if _postgres():
        sql = (
            f"SELECT id, -ts_rank(search_vector, to_tsquery('simple', %s)) FROM {ENTRY_TABLE} "
            "WHERE search_vector @@ to_tsquery('simple', %s) LIMIT %s"
        )
        params = [tsquery(terms)] * 2 + [limit]
    else:
        sql = f"SELECT rowid, rank FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s LIMIT %s"
        params = [fts5_query(terms), limit]
    with _index_scans(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def with_rank(entries, terms: list[Term]):
    """Entries (already narrowed) that match, annotated with the engine's rank (lower is
    better on both databases)."""
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


def _matches(entries, rank=None) -> list[Match]:
    """Match rows, at most MATCH_LIMIT. `published` comes as a number that grows with the
    date: turning a thousand date-times into Python objects cost more than the query.
    (date_part, not extract: extract's numeric arrives as a Decimal, date_part's as a float.)"""
    column = f"{ENTRY_TABLE}.published"
    published = RawSQL(
        f"date_part('epoch', {column})" if _postgres() else f"julianday({column})", []
    )
    columns = [{"rank": rank or "rank", "published": published}.get(c, c) for c in Match._fields]
    return [Match(*row) for row in entries.values_list(*columns)[:MATCH_LIMIT]]


def candidates(entries, terms: list[Term], *, newest_first: bool = False) -> list[Match]:
    """Up to MATCH_LIMIT matching entries, unordered unless newest_first (then the newest
    matches, which a date-sorted search must not miss)."""
    ranked = with_rank(entries, terms).order_by(*(["-published", "id"] if newest_first else []))
    with _index_scans():
        return _matches(ranked)


@contextmanager
def _index_scans():
    """PostgreSQL guesses that a common word's rows are spread evenly and, for a LIMIT,
    reads the table in order testing each row (95 ms for 1,000 of 35,000 matches); the
    index finds them in a fifth of that. The setting lasts only for this transaction."""
    if not _postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def quote_hits(quotes, terms: list[Term], section_ids: set[int]) -> list[Match]:
    """The quotes in these sections that hold every term (rank 0: the caller knows).

    A quote's stored text is its tokens between spaces (" 人工 工智 智能 "), so a term is a
    substring there exactly when the full-text engine would match it: whole tokens, in
    order, the last one a prefix when the term's is.
    """
    if not section_ids:
        return []
    # instr()/strpos(): a plain substring test, several times faster than LIKE on CJK.
    position = "strpos" if _postgres() else "instr"
    patterns = [" " + " ".join(t.encoded) + ("" if t.prefix else " ") for t in terms]
    found = quotes.filter(section_id__in=section_ids).extra(
        where=[f"{position}({ENTRY_TABLE}.search_text, %s) > 0"] * len(patterns),
        params=patterns,
    )
    return _matches(found.order_by(), rank=RawSQL("0", []))
