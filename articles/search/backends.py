"""Full-text matching per database: documents, their ranking weights, and quotes.

Raw SQL on purpose, and only here: FTS5's MATCH and a tsquery have no ORM expression.
Nothing here reads rows in index order and stops: every match is listed, from the
inverted index (a document's long columns are never read).
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, replace

import numpy as np
from django.db import connection, transaction

from . import ranking
from .query import Term, fts5_query, tsquery
from .schema import (
    ARTICLE_MARK,
    DOCUMENTS,
    ENTRY_TABLE,
    IMPACTS,
    INDEXED,
    MORE_WORDS,
    PASSAGE,
    PASSAGES,
    QUOTES,
    WORDS,
    FullText,
)


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def phrase_documents(
    term: Term, articles: list[int] | None = None, speakers: list[int] = ()
) -> tuple[set[int], set[int]]:
    """The write-ups and speakers with a passage holding a term of several tokens (as a
    phrase of them); only among these write-ups and speakers, if given."""
    sql, params = _passages_matching([term])
    sql = f"SELECT DISTINCT article_id, speaker_id FROM {ENTRY_TABLE} e WHERE {sql}"
    if articles is not None:
        among = ", ".join(str(int(s)) for s in speakers) or "NULL"
        sql += f" AND ({_among(articles)} OR e.speaker_id IN ({among}))"
    with _index_scans(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return {a for a, s in rows if s is None}, {s for a, s in rows if s is not None}


def best_passages(articles: list[int], terms: list[Term]) -> dict[int, int]:
    """For each of these write-ups that has one, its passage that matches best: the
    first holding every term in the section where most passages do. (FTS5's bm25()
    would count each term's documents over the whole index for every write-up.)"""
    holding: dict[int, dict[int | None, list[int]]] = {}
    for article, pk, section in _holding_within(articles, terms, PASSAGES):
        holding.setdefault(article, {}).setdefault(section, []).append(pk)
    best = {}
    for article, sections in holding.items():
        found = max(sections.values(), key=lambda ids: (len(ids), -min(ids)))
        best[article] = min(found)
    return best


def quotes_within(articles: list[int], terms: list[Term]) -> list[tuple[int, int]]:
    """(write-up, quote entry) of these write-ups' quotes holding every term, in order."""
    return sorted((article, pk) for article, pk, _ in _holding_within(articles, terms, QUOTES))


def _holding_within(
    articles: list[int], terms: list[Term], index: FullText
) -> list[tuple[int, int, int | None]]:
    """(write-up, entry, section) of these write-ups' entries in the index that hold
    every term, found in the index."""
    if not articles:
        return []
    # Passages hold their bigrams, not their words.
    terms = [replace(t, gram="") for t in terms] if index is PASSAGES else terms
    # An English word's prefix (`bitcoin*`) is looked up whole here: FTS5 expands a
    # prefix again for each write-up's range (84 ms for a page at 30,000 write-ups). A
    # write-up found by a longer word alone shows its opening passage instead.
    terms = [replace(t, prefix=False) for t in terms]
    if _postgres():
        # GIN holds no positions: checking a phrase's order reads the vector of every
        # passage holding its tokens (70 ms for 人工智能 at 1,000 write-ups), so the
        # passage shown is one holding them all. Quotes hold their words: no phrase.
        # The write-ups are lexemes of their entries' vectors (schema.ARTICLE_MARK).
        marks = " | ".join(f"'{ARTICLE_MARK}{int(a)}'" for a in articles)
        sql = (f"SELECT article_id, id, section_id FROM {ENTRY_TABLE} e WHERE e.{index.when} "
               "AND search_vector @@ (to_tsquery('simple', %s) && %s::tsquery)")  # fmt: skip
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(sql, [tsquery(terms, ordered=index is not PASSAGES), marks])
            return cursor.fetchall()
    # A write-up's entries are written together, so their ids make a short range, which
    # FTS5 seeks to (asked row by row, it walked a common word's whole list each time).
    spans = (f"SELECT min(id), max(id) FROM {ENTRY_TABLE} e WHERE {_among(articles)} "
             f"AND e.{index.when} GROUP BY article_id")  # fmt: skip
    fts = index.fts
    with connection.cursor() as cursor:
        cursor.execute(spans)
        ranges = cursor.fetchall()
        if not ranges:
            return []
        parts = [f"SELECT rowid FROM {fts} WHERE {fts} MATCH %s "
                 f"AND rowid BETWEEN {int(lo)} AND {int(hi)}" for lo, hi in ranges]  # fmt: skip
        # A range may take in another write-up's entries (one re-imported after it).
        cursor.execute(f"SELECT article_id, id, section_id FROM {ENTRY_TABLE} e "
                       f"WHERE {_among(articles)} AND e.id IN ({' UNION ALL '.join(parts)})",
                       [fts5_query(terms)] * len(parts))  # fmt: skip
        return cursor.fetchall()


def _passages_matching(terms: list[Term]) -> tuple[str, list]:
    """SQL on an entry `e` that holds when it is a passage holding every term (passages
    hold their bigrams, not their words)."""
    terms = [replace(term, gram="") for term in terms]
    if _postgres():
        return (f"e.{PASSAGE} AND e.search_vector @@ to_tsquery('simple', %s)",
                [tsquery(terms)])  # fmt: skip
    fts = PASSAGES.fts
    return f"e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s)", [fts5_query(terms)]


def _among(articles: list[int]) -> str:
    return f"e.article_id IN ({', '.join(str(int(a)) for a in articles) or 'NULL'})"


@dataclass
class Impacts:
    """What the impacts index says of a query's tokens and words, as arrays indexed by
    document id."""

    levels: list[np.ndarray]  # a token: each document's level (-1: not holding it)
    titled: list[np.ndarray]  # a token: a mask of the documents whose title holds it
    holding: list[np.ndarray]  # an index word (Term.word): a mask of the documents holding it


_TITLE, _WORD = -1, -2  # the level column's marks for a title's token and for a word


def impacts(tokens: list[tuple[str, bool]], words: list[tuple[str, bool]], size: int) -> Impacts:
    """For each (token, is_prefix) every document holding it with its level (the
    highest, where a prefix finds several tokens), and those whose title holds it; for
    each (word, is_prefix), the documents holding it. From the index alone; documents
    from `size` on (newer than the catalogue) are left out."""
    wanted = {"impacts": [], "words": []}  # column: (number, level, index term, is_prefix)
    for number, (token, prefix) in enumerate(tokens):
        wanted["impacts"] += [(number, level, ranking.term(level, token), prefix)
                              for level in range(ranking.LEVELS)]  # fmt: skip
        wanted["impacts"].append((number, _TITLE, ranking.title_term(token), prefix))
    wanted["words"] += [(n, _WORD, word, prefix) for n, (word, prefix) in enumerate(words)]
    # One statement joins the list of index terms to the index: planned once (as a
    # UNION of a SELECT a term, PostgreSQL spent 50 ms planning a 4-character word).
    parts, params = [], []
    for column, looked_up in wanted.items():
        values, rows = ", ".join("(%s, %s, %s)" for _ in looked_up), []
        for number, level, word, prefix in looked_up:
            if _postgres():
                query = f"'{word}'" + (":*" if prefix else "")
            else:
                query = f'{{{column}}} : "{word}"' + ("*" if prefix else "")
            rows += [number, level, query]
        for select in _joined_to_index(column, values) if looked_up else ():
            parts.append(select)
            params += rows
    rows = []
    with _index_scans(), connection.cursor() as cursor:
        if parts:
            cursor.execute(" UNION ALL ".join(parts), params)
            rows = cursor.fetchall()
    rows = np.array(rows, np.int64).reshape(-1, 3)
    rows = rows[rows[:, 0] < size]
    doc, number, level = rows.T
    found = Impacts([], [], [])
    for n in range(len(tokens)):
        weighed = (number == n) & (level >= 0)
        levels = np.full(size, -1, np.int64)
        np.maximum.at(levels, doc[weighed], level[weighed])
        found.levels.append(levels)
        found.titled.append(_mask(size, doc[(number == n) & (level == _TITLE)]))
    found.holding = [_mask(size, doc[(number == n) & (level == _WORD)]) for n in range(len(words))]
    return found


def _joined_to_index(column: str, values: str) -> list[str]:
    """SELECTs of (document, number, level) for each row (number, level, query) of
    `values` whose query the document's `column` matches (words: in its own column or
    in its SearchWords rows)."""
    indexes = [DOCUMENTS, MORE_WORDS] if column == "words" else [DOCUMENTS]
    found = []
    for index in indexes:
        more = index is MORE_WORDS
        if _postgres():
            vector = IMPACTS if column == "impacts" else WORDS
            found.append(f"SELECT {'d.document_id' if more else 'd.id'}, v.n, v.l "
                         f"FROM (VALUES {values}) v(n, l, q) JOIN {index.table} d "
                         f"ON {vector} @@ to_tsquery('simple', v.q)")  # fmt: skip
            continue
        fts = index.fts  # its rowid is the row's id: a SearchWords row names its document
        joined = f" JOIN {index.table} d ON d.id = f.rowid" if more else ""
        found.append(f"SELECT {'d.document_id' if more else 'f.rowid'}, v.column1, "
                     f"v.column2 FROM (VALUES {values}) v "
                     f"JOIN {fts} f ON {fts} MATCH v.column3{joined}")  # fmt: skip
    return found


def _mask(size: int, docs: np.ndarray) -> np.ndarray:
    mask = np.zeros(size, bool)
    mask[docs] = True
    return mask


@dataclass(frozen=True)
class Count:
    number: int
    exact: bool = True


# PostgreSQL counts a term's quotes exactly up to this many; past it, the GIN bitmap of
# every match costs more than the page (40,900 quotes of 我们 at 3,000 write-ups took
# 120 ms), and the planner's estimate from the column's statistics says how many.
EXACT_UP_TO = 10_000


def quote_count(terms: list[Term], hidden: list[int]) -> Count:
    """How many quotes hold every term, less those among `hidden` (the quote entries of
    write-ups not yet published): counted in the index, no row read (PostgreSQL:
    estimated past EXACT_UP_TO)."""
    if _postgres():
        where = f"{INDEXED} AND search_vector @@ to_tsquery('simple', %s)"
        params: list = [tsquery(terms)]
        if hidden:
            where += " AND NOT (id = ANY(%s))"
            params.append(hidden)
        matching = f"SELECT 1 FROM {ENTRY_TABLE} WHERE {where}"
        with _index_scans(), connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON) {matching}", params)
            estimate = int(cursor.fetchone()[0][0]["Plan"]["Plan Rows"])
            if estimate > EXACT_UP_TO:
                return Count(estimate, exact=False)
            cursor.execute(f"SELECT count(*) FROM ({matching} LIMIT {EXACT_UP_TO + 1}) m", params)
            found = cursor.fetchone()[0]
        return Count(found) if found <= EXACT_UP_TO else Count(max(found, estimate), False)
    fts = QUOTES.fts
    sql = f"SELECT count(*) FROM {fts} WHERE {fts} MATCH %s"
    params = [fts5_query(terms)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        found = cursor.fetchone()[0]
        if hidden:
            marks = ", ".join(["%s"] * len(hidden))
            cursor.execute(f"{sql} AND rowid IN ({marks})", params + hidden)
            found -= cursor.fetchone()[0]
    return Count(found)


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
    table in order testing each row; the index finds them in a fraction of that. And
    within a few write-ups, their entries' bitmap ANDed with the term's beats reading
    each of their entries' vectors in turn (31 ms → 3 ms). The settings last only for
    this transaction."""
    if not _postgres():
        yield
        return
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true), "
                       "set_config('enable_indexscan', 'off', true)")  # fmt: skip
        yield
