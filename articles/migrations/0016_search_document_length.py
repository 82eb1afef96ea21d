"""A document's length in tokens, for PostgreSQL's BM25 (see search/documents.py). Filled
here on PostgreSQL for documents made before it (SQL frozen as written); SQLite's FTS5
keeps lengths of its own, and an UPDATE there would re-index every document."""

from django.db import migrations, models

FILL = {
    "postgresql": "UPDATE articles_searchdocument SET length = "
    "char_length(body_tokens) - char_length(replace(body_tokens, ' ', '')) + 1",
}


def fill(apps, schema_editor):
    if sql := FILL.get(schema_editor.connection.vendor):
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("articles", "0015_search_document")]
    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="length",
            field=models.PositiveIntegerField(default=0),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
