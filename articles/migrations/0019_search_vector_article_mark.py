"""PostgreSQL: an entry's search vector also holds its write-up (a `#<id>` lexeme), so a
page's passages are found by one GIN scan. The old column goes here, with its indexes;
the new one is made, and filled, after migrate (articles/search/schema.py).

A document's words now also hold the pairs of Latin words side by side: the documents
indexed before have none, and are marked to have their phrases checked in passages
until they are indexed again (manage.py rebuild_search_index)."""

from django.db import migrations


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE articles_searchentry DROP COLUMN IF EXISTS search_vector")


def mark_documents_unworded(apps, schema_editor):
    apps.get_model("articles", "SearchDocument").objects.update(words_indexed=False)


class Migration(migrations.Migration):

    dependencies = [
        ("articles", "0018_search_words"),
    ]

    operations = [
        migrations.RunPython(drop_search_vector, migrations.RunPython.noop),
        migrations.RunPython(mark_documents_unworded, migrations.RunPython.noop),
    ]
