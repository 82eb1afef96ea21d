"""The full-text parts of the index that the ORM cannot declare, per database.

Four indexes: documents (a write-up's or speaker's tokens, each with the weight that
ranks it, and its CJK words), which a search matches, counts and ranks; more words of
the longest write-ups; passages, which check phrases and find where in a write-up it
matches best; and quotes, matched on their own so their counts are exact too.
"""

from dataclasses import dataclass

ENTRY_TABLE = "articles_searchentry"
DOCUMENT_TABLE = "articles_searchdocument"
WORDS_TABLE = "articles_searchwords"
# The entries are indexed as two kinds: quotes, and passages (all the others).
INDEXED = "kind = 'quote'"
PASSAGE = "kind <> 'quote'"


@dataclass(frozen=True)
class FullText:
    table: str
    columns: tuple[str, ...]
    when: str = ""  # which rows are indexed (SQL on the row), all when empty
    name: str = ""  # the FTS5 table's, when not <table>_fts
    # A prefix index of one character: a lone CJK character is a prefix of bigrams (的*
    # took 243 ms without it, 5 ms with it); one of two characters would copy every CJK
    # bigram whole. Index terms (`qh我们`) are never looked up by one character.
    prefix: bool = True

    @property
    def fts(self) -> str:
        return self.name or f"{self.table}_fts"


QUOTES = FullText(ENTRY_TABLE, ("search_text",), INDEXED)
PASSAGES = FullText(ENTRY_TABLE, ("search_text",), PASSAGE, name=f"{ENTRY_TABLE}_passages")
# Index terms only (ranking.py): a document's text is its passages'.
DOCUMENTS = FullText(DOCUMENT_TABLE, ("impacts", "words"), prefix=False)
MORE_WORDS = FullText(WORDS_TABLE, ("words",), prefix=False)
FULL_TEXT = (QUOTES, PASSAGES, DOCUMENTS, MORE_WORDS)
# PostgreSQL: the expressions of their indexes.
IMPACTS = "to_tsvector('simple', impacts)"
WORDS = "to_tsvector('simple', words)"


def _sqlite(index: FullText) -> list[str]:
    """A contentless FTS5 table kept by triggers: the row holds the text, the index only
    the rows it should."""
    fts, columns = index.fts, ", ".join(index.columns)

    def values(row: str) -> str:
        return ", ".join(f"{row}.{column}" for column in index.columns)

    def when(row: str) -> str:
        return f"WHEN {row}.{index.when}" if index.when else ""

    insert = f"INSERT INTO {fts}(rowid, {columns}) VALUES (new.id, {values('new')})"
    # FTS5 must be told only of rows it holds: a 'delete' of any other corrupts it.
    delete = (
        f"INSERT INTO {fts}({fts}, rowid, {columns}) VALUES ('delete', old.id, {values('old')})"
    )
    return [
        f"""CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({columns}, content='',
            tokenize='unicode61 remove_diacritics 2'{", prefix='1'" if index.prefix else ""})""",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {index.table} "
        f"{when('new')} BEGIN {insert}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {index.table} "
        f"{when('old')} BEGIN {delete}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE ON {index.table} "
        f"{when('old')} BEGIN {delete}; END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au2 AFTER UPDATE ON {index.table} "
        f"{when('new')} BEGIN {insert}; END",
    ]


SQLITE = [
    *(statement for index in FULL_TEXT for statement in _sqlite(index)),
    # The catalogue's columns (search/catalog.py), read from this index: a document's
    # row fills a page of its own before its long columns spill into overflow pages.
    f"""CREATE INDEX IF NOT EXISTS {DOCUMENT_TABLE}_catalogue ON {DOCUMENT_TABLE}
        (id, kind, article_id, speaker_id, published, show_id, language, year, people, tags,
         words_indexed)""",
    # A quote match's filter columns, read from this index instead of the row.
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_match_columns ON {ENTRY_TABLE}
        (id, kind, published, show_id, speaker_id, year, language, article_id, section_id)""",
]

# A tsvector keeps 256 positions a lexeme and none past 16,383, so a whole write-up's
# vector would miss phrases in its second half: phrases are checked in passages (under
# 2,000 characters), and a document is only its index terms.
#
# An entry's vector also holds its write-up, as a lexeme (`#12`) that no query token is
# or starts with: a page's passages are then one GIN scan for the term's lexemes and any
# of its write-ups', which skips through a common bigram's list to those few write-ups'
# entries (GIN's fast scan) where ANDing with the write-ups' rows built its whole bitmap.
ARTICLE_MARK = "#"
POSTGRESQL = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', search_text) || array_to_tsvector(
        array_remove(ARRAY['{ARTICLE_MARK}' || article_id], NULL))) STORED""",
    # Quotes apart, so counting them needs no row (each entry is one kind or the other).
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_quote_terms
        ON {ENTRY_TABLE} USING gin (search_vector) WHERE {INDEXED}""",
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_passage_terms
        ON {ENTRY_TABLE} USING gin (search_vector) WHERE {PASSAGE}""",
    # Single terms, never phrases: the index answers without reading a row's vector.
    f"""CREATE INDEX IF NOT EXISTS {DOCUMENT_TABLE}_impacts
        ON {DOCUMENT_TABLE} USING gin ({IMPACTS})""",
    f"""CREATE INDEX IF NOT EXISTS {DOCUMENT_TABLE}_words
        ON {DOCUMENT_TABLE} USING gin ({WORDS})""",
    f"""CREATE INDEX IF NOT EXISTS {WORDS_TABLE}_words
        ON {WORDS_TABLE} USING gin ({WORDS})""",
]

# Passages and their vectors are long enough to be compressed; lz4 is several times
# cheaper than pglz, and an import writes every passage.
COMPRESSED = {
    ENTRY_TABLE: ("text", "search_text", "search_vector"),
    DOCUMENT_TABLE: ("impacts", "words"),
    WORDS_TABLE: ("words",),
}


def compress_with_lz4(connection, columns: dict[str, tuple[str, ...]]) -> None:
    """PostgreSQL: compress these long-text columns with lz4 rather than pglz, which made
    each import spend more time compressing than parsing. Other databases, and a server
    built without lz4, keep what they have."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                       " AND 'lz4' = ANY(enumvals)")  # fmt: skip
        if cursor.fetchone() is None:
            return
        for table, names in columns.items():
            for column in names:
                cursor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4')


POSTGRESQL_INDEXES = [sql.split("EXISTS")[1].split()[0] for sql in POSTGRESQL if "INDEX" in sql]


def _postgres_installed(cursor) -> bool:
    """Whether every index above is there (a migration replacing one drops it)."""
    cursor.execute("SELECT bool_and(to_regclass(name) IS NOT NULL) FROM unnest(%s::text[]) name",
                   [POSTGRESQL_INDEXES])  # fmt: skip
    return cursor.fetchone()[0]


def install(connection) -> None:
    """Create what is missing. Safe to call again: Django rebuilding a table on SQLite
    (an ALTER it cannot do in place) drops its triggers, so this runs after every migrate
    (see ArticlesConfig.ready)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            tables = {row[0] for row in cursor.fetchall()}
            for statement in SQLITE:
                cursor.execute(statement)
            # A new index must hold the rows already there (after migration 0016, the
            # quotes): its triggers would tell it to delete rows it never had.
            for index in FULL_TEXT:
                if index.fts not in tables:
                    _refill(cursor, index)
        elif connection.vendor == "postgresql":
            # Even ADD COLUMN IF NOT EXISTS takes a lock an open transaction may not allow.
            if _postgres_installed(cursor):
                return
            for statement in POSTGRESQL:
                cursor.execute(statement)
            # A new column has no statistics: the planner would guess each term's quotes
            # too few to estimate, and count them (backends.quote_count).
            cursor.execute(f"ANALYZE {ENTRY_TABLE}")
    compress_with_lz4(connection, COMPRESSED)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for index in FULL_TEXT:
                for trigger in ("ai", "ad", "au", "au2"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {index.fts}_{trigger}")
                cursor.execute(f"DROP TABLE IF EXISTS {index.fts}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector")
            for name in ("impacts", "words"):
                cursor.execute(f"DROP INDEX IF EXISTS {DOCUMENT_TABLE}_{name}")
            cursor.execute(f"DROP INDEX IF EXISTS {WORDS_TABLE}_words")


def rebuild_sqlite_fts(connection) -> None:
    """Fill the FTS5 tables again from the rows they index ('rebuild' would take all)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        for index in FULL_TEXT:
            _refill(cursor, index)


def _refill(cursor, index: FullText) -> None:
    columns = ", ".join(index.columns)
    where = f"WHERE {index.when}" if index.when else ""
    cursor.execute(f"INSERT INTO {index.fts}({index.fts}) VALUES ('delete-all')")
    cursor.execute(
        f"INSERT INTO {index.fts}(rowid, {columns}) SELECT id, {columns} FROM {index.table} {where}"
    )


def optimize(connection) -> None:
    """Merge each full-text index into one piece (SQLite's FTS5 'optimize'; PostgreSQL:
    VACUUM ANALYZE, which also empties GIN's pending lists). After a bulk load a term's
    list lies in many pieces, each sought apart: at 3,000 write-ups a page's passages
    took 23 ms before and 11 ms after. (In a transaction, PostgreSQL's autovacuum does it.)"""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for index in FULL_TEXT:
                cursor.execute(f"INSERT INTO {index.fts}({index.fts}) VALUES ('optimize')")
        elif connection.vendor == "postgresql" and not connection.in_atomic_block:
            cursor.execute(f"VACUUM ANALYZE {ENTRY_TABLE}, {DOCUMENT_TABLE}, {WORDS_TABLE}")
