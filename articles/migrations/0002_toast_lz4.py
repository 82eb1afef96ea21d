"""Compress long text with lz4 on PostgreSQL: write-ups are stored as source, Markdown and
HTML, and pglz (the default) made each import spend more time compressing than parsing."""

from django.db import migrations

LONG_TEXT = {
    "articles_article": ("source", "body", "body_html"),
    "articles_section": ("body", "body_html"),
    "articles_quote": ("text",),
}


def lz4(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression'"
                       " AND 'lz4' = ANY(enumvals)")
        if cursor.fetchone() is None:  # a server built without lz4 keeps pglz
            return
    for table, columns in LONG_TEXT.items():
        for column in columns:
            schema_editor.execute(
                f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4'
            )


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]
    operations = [migrations.RunPython(lz4, migrations.RunPython.noop)]
