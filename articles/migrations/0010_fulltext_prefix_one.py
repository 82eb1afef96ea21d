"""SQLite's full-text index keeps a prefix index of one character only (see schema.py)."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from articles.search.schema import install, rebuild_sqlite_fts, uninstall

    if schema_editor.connection.vendor == "sqlite":
        uninstall(schema_editor.connection)
        install(schema_editor.connection)
        rebuild_sqlite_fts(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_search_entry_kind_section")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
