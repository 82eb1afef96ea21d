"""Compress long text with lz4 on PostgreSQL: write-ups are stored as source, Markdown and
HTML, and pglz (the default) made each import spend more time compressing than parsing."""

from django.db import migrations

LONG_TEXT = {
    "articles_article": ("source", "body", "body_html"),
    "articles_section": ("body", "body_html"),
    "articles_quote": ("text",),
}


def lz4(apps, schema_editor):
    from ._fulltext_0011 import compress_with_lz4

    compress_with_lz4(schema_editor, LONG_TEXT)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]
    operations = [migrations.RunPython(lz4, migrations.RunPython.noop)]
