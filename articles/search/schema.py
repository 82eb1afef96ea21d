"""The full-text parts of the index that the ORM cannot declare, per database."""

from ..sql import compress_with_lz4

FTS_TABLE = "articles_searchentry_fts"
ENTRY_TABLE = "articles_searchentry"
DOC_TABLE = "articles_searchdocument"
DOC_FTS = "articles_searchdocument_fts"
DOC_COLUMNS = "title_tokens, head_tokens, body_tokens"
# Quote entries stay out of the full-text index: the sections holding them match instead
# (articles/search/backends.py, quote_matches).
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

SQLITE_DOCUMENTS = [
    # Documents: every row is indexed, so an external-content table is safe here, and
    # its triggers tell FTS5 exactly what it holds. bm25() weighs the columns.
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {DOC_FTS} USING fts5(
        {DOC_COLUMNS}, content='{DOC_TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1')""",
    f"""CREATE INDEX IF NOT EXISTS {DOC_TABLE}_match_columns ON {DOC_TABLE}
        (id, kind, published, show_id, year, language, article_id, speaker_id)""",
    f"""CREATE TRIGGER IF NOT EXISTS {DOC_FTS}_ai AFTER INSERT ON {DOC_TABLE} BEGIN
        INSERT INTO {DOC_FTS}(rowid, {DOC_COLUMNS})
        VALUES (new.id, new.title_tokens, new.head_tokens, new.body_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {DOC_FTS}_ad AFTER DELETE ON {DOC_TABLE} BEGIN
        INSERT INTO {DOC_FTS}({DOC_FTS}, rowid, {DOC_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.head_tokens, old.body_tokens); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {DOC_FTS}_au AFTER UPDATE ON {DOC_TABLE} BEGIN
        INSERT INTO {DOC_FTS}({DOC_FTS}, rowid, {DOC_COLUMNS})
        VALUES ('delete', old.id, old.title_tokens, old.head_tokens, old.body_tokens);
        INSERT INTO {DOC_FTS}(rowid, {DOC_COLUMNS})
        VALUES (new.id, new.title_tokens, new.head_tokens, new.body_tokens); END""",
]

# Passages and their vectors are long enough to be compressed; lz4 is several times
# cheaper than pglz, and an import writes every passage.
COMPRESSED = {ENTRY_TABLE: ("text", "search_text", "search_vector")}
DOC_COMPRESSED = {DOC_TABLE: ("title_tokens", "head_tokens", "body_tokens", "search_vector")}

POSTGRESQL = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple',
            CASE WHEN {INDEXED} THEN search_text ELSE '' END)) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_search_vector
        ON {ENTRY_TABLE} USING gin (search_vector)""",
]

POSTGRESQL_DOCUMENTS = [
    # A document's title weighs A and its headings B; ts_rank and RUM weigh A above B
    # above the body (D).
    f"""ALTER TABLE {DOC_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', title_tokens), 'A')
            || setweight(to_tsvector('simple', head_tokens), 'B')
            || to_tsvector('simple', body_tokens)) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {DOC_TABLE}_search_vector
        ON {DOC_TABLE} USING gin (search_vector)""",
]

# RUM (Debian's postgresql-15-rum) keeps positions in the index, so it returns the best
# documents in rank order without reading every matching vector. Optional: without it,
# ts_rank reads the vector of every match (see README, Search).
RUM = [
    "CREATE EXTENSION IF NOT EXISTS rum",
    f"""CREATE INDEX IF NOT EXISTS {DOC_TABLE}_rum
        ON {DOC_TABLE} USING rum (search_vector rum_tsvector_ops)""",
]


def install(connection) -> None:
    """Create what is missing. Safe to call again: Django rebuilding the entry table on
    SQLite (an ALTER it cannot do in place) drops the triggers, so this runs after every
    migrate (see ArticlesConfig.ready)."""
    # Migrations before 0012 call this too, before the document table exists.
    documents = DOC_TABLE in connection.introspection.table_names()
    statements = {
        "sqlite": SQLITE + (SQLITE_DOCUMENTS if documents else []),
        "postgresql": POSTGRESQL + (POSTGRESQL_DOCUMENTS if documents else []),
    }.get(connection.vendor, [])
    rum = documents and connection.vendor == "postgresql" and rum_available(connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Even ADD COLUMN IF NOT EXISTS takes a lock an open transaction may not allow.
            cursor.execute(
                "SELECT count(*) FROM information_schema.columns WHERE table_name IN (%s, %s)"
                " AND column_name = 'search_vector'",
                [ENTRY_TABLE, DOC_TABLE],
            )
            if cursor.fetchone()[0] == 1 + documents and has_rum(connection) == rum:
                return
        for statement in statements + (RUM if rum else []):
            cursor.execute(statement)
    compress_with_lz4(
        connection, COMPRESSED if documents else {ENTRY_TABLE: COMPRESSED[ENTRY_TABLE]}
    )


def rum_available(connection) -> bool:
    """The server has the RUM extension's files (it may not be created yet)."""
    return _one(connection, "SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")


def has_rum(connection) -> bool:
    """The document table has its RUM index: searches can take the best from the index."""
    if connection.vendor != "postgresql":
        return False
    return _one(connection, f"SELECT 1 FROM pg_indexes WHERE indexname = '{DOC_TABLE}_rum'")


def _one(connection, sql: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return cursor.fetchone() is not None


def uninstall(connection) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for trigger in ("ai", "ad", "au", "au2"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
            for trigger in ("ai", "ad", "au"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {DOC_FTS}_{trigger}")
            cursor.execute(f"DROP TABLE IF EXISTS {DOC_FTS}")
        elif connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector")
            cursor.execute(f"ALTER TABLE IF EXISTS {DOC_TABLE} DROP COLUMN IF EXISTS search_vector")


def rebuild_sqlite_fts(connection) -> None:
    """Fill the FTS5 table again from the entries it indexes ('rebuild' would take all)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')")
            cursor.execute(
                f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
                f"SELECT id, search_text FROM {ENTRY_TABLE} WHERE {INDEXED}"
            )
            if DOC_TABLE in connection.introspection.table_names():
                cursor.execute(f"INSERT INTO {DOC_FTS}({DOC_FTS}) VALUES ('rebuild')")
