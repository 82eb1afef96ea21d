"""Full-text matching per database, each returning an ordinary QuerySet with a `rank`.

`extra()` is used on purpose here, and only here: FTS5's MATCH and a tsquery have no ORM
expression, and a join (not a correlated subquery, measured at 5-14 s for 12k hits) is
what keeps ranking cheap.
"""

from django.db import connection

from ..models import SearchEntry
from .query import Term, fts5_query, tsquery
from .schema import ENTRY_TABLE, FTS_TABLE


def match(entries, terms: list[Term]):
    if connection.vendor == "postgresql":
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


def raw_match_ids(terms: list[Term]) -> list[int]:
    """The full-text query alone, for the benchmark's baseline."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT id FROM {ENTRY_TABLE} WHERE search_vector @@ to_tsquery('simple', %s)",
                [tsquery(terms)],
            )
        else:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [fts5_query(terms)]
            )
        return [row[0] for row in cursor.fetchall()]


__all__ = ["SearchEntry", "match", "raw_match_ids"]
