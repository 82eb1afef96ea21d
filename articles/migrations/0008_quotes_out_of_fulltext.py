"""Quote entries leave the full-text index (their sections find them), and their stored
tokens get spaces at both ends so a term can be looked for as a whole-token substring."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from ._fulltext_0011 import ENTRY_TABLE, install, refill_sqlite, uninstall

    uninstall(schema_editor)
    schema_editor.execute(
        f"UPDATE {ENTRY_TABLE} SET search_text = ' ' || search_text || ' ' WHERE kind = 'quote'"
    )
    install(schema_editor)
    refill_sqlite(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_revision")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
