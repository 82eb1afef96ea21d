"""Full-text matching of passages and quotes per database (documents: see documents.py).

`extra()` and raw SQL are used on purpose here, and only here: FTS5's MATCH and a tsquery
have no ORM expression.

Quotes are not in the full-text index: every quote lies inside a section, so they are
tested on their own tokens (quote_matches). They were four rows in five and a third of the
indexed text, all said twice.
"""

from __future__ import annotations

from django.db import connection

from .query import Term, fts5_query, tsquery
from .schema import ENTRY_TABLE, FTS_TABLE


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def with_rank(entries, terms: list[Term]):
    """Entries (already narrowed) whose passage matches, annotated with the engine's rank
    (lower is better on both databases)."""
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


def quote_matches(quotes, terms: list[Term]):
    """The quotes that hold every term.

    A quote's stored text is its tokens between spaces (" 人工 工智 智能 "), so a term is a
    substring there exactly when the full-text engine would match it: whole tokens, in
    order, the last one a prefix when the term's is.
    """
    # instr()/strpos(): a plain substring test, several times faster than LIKE on CJK.
    position = "strpos" if _postgres() else "instr"
    patterns = [" " + " ".join(t.encoded) + ("" if t.prefix else " ") for t in terms]
    return quotes.extra(
        where=[f"{position}({ENTRY_TABLE}.search_text, %s) > 0"] * len(patterns),
        params=patterns,
    )
