"""The full-text DDL as migrations 0002–0011 ran it, frozen here (never edit it).

Django's migration loader skips modules whose name starts with "_", so this is no
migration of its own. Later changes to the live schema (articles/search/schema.py) come
with a migration that carries its own SQL; these keep meaning what they meant.
"""

FTS_TABLE = "articles_searchentry_fts"
ENTRY_TABLE = "articles_searchentry"
INDEXED = "kind <> 'quote'"

SQLITE = [
    f"""CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(
        search_text, content='',
        tokenize='unicode61 remove_diacritics 2', prefix='1')""",
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_match_columns ON {ENTRY_TABLE}
        (id, kind, published, show_id, speaker_id, year, language, article_id, section_id)""",
    f"""CREATE TRIGGER IF NOT EXISTS {FTS_TABLE}_ai AFTER INSERT ON {ENTRY_TABLE}
        WHEN new.{INDEXED} BEGIN
        INSERT INTO {FTS_TABLE}(rowid, search_text) VALUES (new.id, new.search_text); END""",
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
SQLITE_DROP = [
    *(f"DROP TRIGGER IF EXISTS {FTS_TABLE}_{name}" for name in ("ai", "ad", "au", "au2")),
    f"DROP TABLE IF EXISTS {FTS_TABLE}",
]
SQLITE_REFILL = [
    f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('delete-all')",
    f"INSERT INTO {FTS_TABLE}(rowid, search_text) "
    f"SELECT id, search_text FROM {ENTRY_TABLE} WHERE {INDEXED}",
]

POSTGRESQL = [
    f"""ALTER TABLE {ENTRY_TABLE} ADD COLUMN IF NOT EXISTS search_vector tsvector
        GENERATED ALWAYS AS (to_tsvector('simple',
            CASE WHEN {INDEXED} THEN search_text ELSE '' END)) STORED""",
    f"""CREATE INDEX IF NOT EXISTS {ENTRY_TABLE}_search_vector
        ON {ENTRY_TABLE} USING gin (search_vector)""",
]
POSTGRESQL_DROP = [f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector"]
COMPRESSED = {ENTRY_TABLE: ("text", "search_text", "search_vector")}


def run(schema_editor, statements) -> None:
    for statement in statements:
        schema_editor.execute(statement)


def install(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_name = %s"
                " AND column_name = 'search_vector'",
                [ENTRY_TABLE],
            )
            if cursor.fetchone():
                return
    run(schema_editor, {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, []))
    compress_with_lz4(schema_editor, COMPRESSED)


def uninstall(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP}.get(vendor, []))


def refill_sqlite(schema_editor) -> None:
    if schema_editor.connection.vendor == "sqlite":
        run(schema_editor, SQLITE_REFILL)


def compress_with_lz4(schema_editor, columns: dict[str, tuple[str, ...]]) -> None:
    """PostgreSQL built with lz4: long text compressed with it rather than pglz."""
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
            " AND 'lz4' = ANY(enumvals)"
        )
        if cursor.fetchone() is None:
            return
    for table, names in columns.items():
        for column in names:
            schema_editor.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4')
