"""The full-text parts of the index that the ORM cannot declare, per database."""

FTS_TABLE = "articles_searchentry_fts"
ENTRY_TABLE = "articles_searchentry"
# Quote entries stay out of the full-text index: the sections holding them match instead
# (articles/search/backends.py, quote_hits).
INDEXED = "kind <> 'quote'"

SQLITE = [
    # Contentless: the entries table holds the text, and the index only the rows it
    # should (an external-content table would take every row of the entries table as its
    # content, quotes too, and its integrity-check would call the index corrupt).
    # A prefix index of one character: a lone CJK character is a prefix of bigrams (的*
    # took 243 ms without it, 5 ms with it). One of two characters would copy every CJK
    # bigram whole, for Latin 'ab*' alone: it was a third of an import's full-text work.
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        search_text, content='',
        tokenize='unicode61 remove_diacritics 2', prefix='1')""",
    # A match's facet columns, read from this index instead of the row: a passage's long
    # text spills into overflow pages that SQLite would walk to reach the columns after it.
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_match_columns ON {ENTRY_TABLE}
        (id, kind, published, show_id, speaker_id, year, language, article_id, section_id)""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {ENTRY_TABLE}
        WHEN new.{INDEXED} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    # FTS5 must be told only of rows it holds: a 'delete' of any other corrupts it.
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {ENTRY_TABLE}
        WHEN old.{INDEXED} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON {ENTRY_TABLE}
        WHEN old.{INDEXED} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au2 AFTER UPDATE ON {ENTRY_TABLE}
        WHEN new.{INDEXED} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
]

# Passages and their vectors are long enough to be compressed; lz4 is several times
# cheaper than pglz, and an import writes every passage.
COMPRESSED = {ENTRY_TABLE: ("text", "search_text", "search_vector")}


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


POSTGRESQL = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple',
            CASE WHEN {INDEXED} THEN search_text ELSE '' END)) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_search_vector
        ON {ENTRY_TABLE} USING gin (search_vector)""",
]


def install(connection) -> None:
    """Create what is missing. Safe to call again: Django rebuilding the entry table on
    SQLite (an ALTER it cannot do in place) drops the triggers, so this runs after every
    migrate (see ArticlesConfig.ready)."""
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Even ADD COLUMN IF NOT EXISTS takes a lock an open transaction may not allow.
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = %s"
                " AND column_name = 'search_vector'",
                [ENTRY_TABLE],
            )
            if cursor.fetchone():
                return
        for statement in statements:
            cursor.execute(statement)
    compress_with_lz4(connection, COMPRESSED)


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for trigger in ("ai", "ad", "au", "au2"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector")


def rebuild_sqlite_fts(connection) -> None:
    """Fill the FTS5 table again from the entries it indexes ('rebuild' would take all)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
                f"SELECT id, search_text FROM {ENTRY_TABLE} WHERE {INDEXED}"
            )
