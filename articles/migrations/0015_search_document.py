"""Search documents: one a write-up or speaker, ranked, counted and faceted (see
articles/models/search.py). The full-text DDL is frozen here as written, not imported from
search/schema.py, so later changes there cannot change what this migration did.

A database with write-ups before this migration has no documents yet: run
`manage.py rebuild_search_index` once after migrating."""

import django.db.models.deletion
from django.db import migrations, models

SQLITE = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS articles_searchdocument_fts USING fts5( title_tokens, head_tokens, body_tokens, content='articles_searchdocument', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='1')",
    "CREATE INDEX IF NOT EXISTS articles_searchdocument_match_columns ON articles_searchdocument (id, kind, published, show_id, year, language, article_id, speaker_id)",
    "CREATE TRIGGER IF NOT EXISTS articles_searchdocument_fts_ai AFTER INSERT ON articles_searchdocument BEGIN INSERT INTO articles_searchdocument_fts(rowid, title_tokens, head_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.head_tokens, new.body_tokens); END",
    "CREATE TRIGGER IF NOT EXISTS articles_searchdocument_fts_ad AFTER DELETE ON articles_searchdocument BEGIN INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts, rowid, title_tokens, head_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.head_tokens, old.body_tokens); END",
    "CREATE TRIGGER IF NOT EXISTS articles_searchdocument_fts_au AFTER UPDATE ON articles_searchdocument BEGIN INSERT INTO articles_searchdocument_fts(articles_searchdocument_fts, rowid, title_tokens, head_tokens, body_tokens) VALUES ('delete', old.id, old.title_tokens, old.head_tokens, old.body_tokens); INSERT INTO articles_searchdocument_fts(rowid, title_tokens, head_tokens, body_tokens) VALUES (new.id, new.title_tokens, new.head_tokens, new.body_tokens); END",
]

POSTGRESQL = [
    "ALTER TABLE articles_searchdocument ADD COLUMN IF NOT EXISTS search_vector tsvector GENERATED ALWAYS AS ( setweight(to_tsvector('simple', title_tokens), 'A') || setweight(to_tsvector('simple', head_tokens), 'B') || to_tsvector('simple', body_tokens)) STORED",
    "CREATE INDEX IF NOT EXISTS articles_searchdocument_search_vector ON articles_searchdocument USING gin (search_vector)",
]

RUM = [
    "CREATE EXTENSION IF NOT EXISTS rum",
    "CREATE INDEX IF NOT EXISTS articles_searchdocument_rum ON articles_searchdocument USING rum (search_vector rum_tsvector_ops)",
]


def install(apps, schema_editor):
    connection = schema_editor.connection
    statements = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(connection.vendor, [])
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
            statements = statements + (RUM if cursor.fetchone() else [])
            cursor.execute(
                "SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                " AND 'lz4' = ANY(enumvals)"
            )
            if cursor.fetchone():
                statements = statements + [
                    f"ALTER TABLE articles_searchdocument ALTER COLUMN {column} SET COMPRESSION lz4"
                    for column in ("title_tokens", "head_tokens", "body_tokens", "search_vector")
                ]
        for statement in statements:
            cursor.execute(statement)


def uninstall(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute("DROP TABLE IF EXISTS articles_searchdocument_fts")


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_article_dated"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("article", "write-up"),
                            ("section", "section"),
                            ("quote", "quote"),
                            ("speaker", "speaker"),
                        ],
                        max_length=8,
                    ),
                ),
                ("language", models.CharField(blank=True, max_length=10)),
                ("published", models.DateTimeField(null=True)),
                ("year", models.PositiveSmallIntegerField(null=True)),
                ("title_tokens", models.TextField()),
                ("head_tokens", models.TextField()),
                ("body_tokens", models.TextField()),
                (
                    "article",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.article",
                    ),
                ),
                (
                    "show",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="articles.show",
                    ),
                ),
                (
                    "speaker",
                    models.OneToOneField(
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="articles.speaker",
                    ),
                ),
            ],
            options={
                "ordering": ["-published", "id"],
                "indexes": [
                    models.Index(fields=["published"], name="articles_se_publish_564070_idx")
                ],
            },
        ),
        migrations.RunPython(install, uninstall),
    ]
