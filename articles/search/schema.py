"""The full-text parts of the index that the ORM cannot declare, per database."""

FTS_TABLE = "articles_searchentry_fts"
ENTRY_TABLE = "articles_searchentry"

SQLITE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        search_text, content='{ENTRY_TABLE}', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2')""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.id, old.search_text); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_au AFTER UPDATE ON {ENTRY_TABLE} BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, search_text)
        VALUES ('delete', old.id, old.search_text);
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
]

POSTGRESQL = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED""",
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


def rebuild_sqlite_fts(connection) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")
