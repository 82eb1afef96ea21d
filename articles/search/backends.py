"""Full-text matching per database: documents, their ranking weights, and quotes.

Raw SQL on purpose, and only here: FTS5's MATCH and a tsquery have no ORM expression.
Nothing here reads rows in index order and stops: every match is listed, from the
inverted index (a document's long columns are never read).
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection, transaction

from . import ranking
from .query import Term, fts5_phrases, fts5_query, tsquery
from .schema import DOCUMENTS, ENTRY_TABLE, IMPACTS, INDEXED, MATCHED, QUOTES


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def phrase_documents(term: Term) -> tuple[set[int], set[int], set[int]]:
    """The documents holding a term of several tokens, as the ids of documents, of
    write-ups and of speakers (SQLite knows the first, PostgreSQL the other two)."""
    if _postgres():
        sql = (
            f"SELECT DISTINCT article_id, speaker_id FROM {ENTRY_TABLE} "
            f"WHERE NOT {INDEXED} AND search_vector @@ to_tsquery('simple', %s)"
        )
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [tsquery([term])])
            rows = cursor.fetchall()
        return set(), {a for a, s in rows if s is None}, {s for a, s in rows if s is not None}
    fts, columns = DOCUMENTS.fts, " ".join(MATCHED)
    [phrase] = fts5_phrases([term])
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s", [f"{{{columns}}} : {phrase}"])
        return {row[0] for row in cursor.fetchall()}, set(), set()


def token_levels(tokens: list[tuple[str, bool]]) -> tuple[list[dict[int, int]], list[set[int]]]:
    """For each (token, is_prefix): {document: its level} for every document holding it
    (the highest, where a prefix finds several tokens), and the documents whose title
    holds it. One statement for all."""
    parts, params = [], []
    for number, (token, prefix) in enumerate(tokens):
        words = [(level, ranking.term(level, token)) for level in range(ranking.LEVELS)]
        for level, word in [*words, (-1, ranking.title_term(token))]:
            if _postgres():
                parts.append(f"SELECT id, {number}, {level} FROM {DOCUMENTS.table} "
                             f"WHERE {IMPACTS} @@ to_tsquery('simple', %s)")  # fmt: skip
                params.append(f"'{word}'" + (":*" if prefix else ""))
            else:
                fts = DOCUMENTS.fts
                parts.append(f"SELECT rowid, {number}, {level} FROM {fts} WHERE {fts} MATCH %s")
                params.append(f'{{impacts}} : "{word}"' + ("*" if prefix else ""))
    levels: list[dict[int, int]] = [{} for _ in tokens]
    titled: list[set[int]] = [set() for _ in tokens]
    with _index_scans(), connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for doc, number, level in cursor.fetchall():
            if level < 0:
                titled[number].add(doc)
            elif level > levels[number].get(doc, -1):
                levels[number][doc] = level
    return levels, titled


def quote_count(terms: list[Term], hidden: list[int]) -> int:
    """How many quotes hold every term, less those among `hidden` (the quote entries of
    write-ups not yet published): counted in the index, no row read."""
    if _postgres():
        sql = (
            f"SELECT count(*) FROM {ENTRY_TABLE} "
            f"WHERE {INDEXED} AND search_vector @@ to_tsquery('simple', %s)"
        )
        params: list = [tsquery(terms)]
        if hidden:
            sql += " AND NOT (id = ANY(%s))"
            params.append(hidden)
    else:
        fts = QUOTES.fts
        sql = f"SELECT count(*) FROM {fts} WHERE {fts} MATCH %s"
        params = [fts5_query(terms)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()[0]
        if hidden and not _postgres():
            marks = ", ".join(["%s"] * len(hidden))
            cursor.execute(f"{sql} AND rowid IN ({marks})", params + hidden)
            found -= cursor.fetchone()[0]
    return found


def matching_quotes(entries, terms: list[Term]):
    """Quote entries (already narrowed) that hold every term."""
    if _postgres():
        return entries.extra(
            where=[f"{ENTRY_TABLE}.search_vector @@ to_tsquery('simple', %s)"],
            params=[tsquery(terms)],
        )
    fts = QUOTES.fts
    return entries.extra(
        tables=[fts],
        where=[f"{fts}.rowid = {ENTRY_TABLE}.id", f"{fts} MATCH %s"],
        params=[fts5_query(terms)],
    )


@contextmanager
def _index_scans():
    """PostgreSQL guesses that a common word's rows are spread evenly and reads the
    table in order testing each row; the index finds them in a fraction of that. The
    setting lasts only for this transaction."""
    if not _postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        yield
