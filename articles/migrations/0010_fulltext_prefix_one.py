"""SQLite's full-text index keeps a prefix index of one character only (see schema.py)."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from ._fulltext_0011 import install, refill_sqlite, uninstall

    if schema_editor.connection.vendor == "sqlite":
        uninstall(schema_editor)
        install(schema_editor)
        refill_sqlite(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0009_search_entry_kind_section")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
