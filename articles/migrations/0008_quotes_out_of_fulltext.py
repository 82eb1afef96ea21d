"""Quote entries leave the full-text index (their sections find them), and their stored
tokens get spaces at both ends so a term can be looked for as a whole-token substring."""

from django.db import migrations


def reinstall(apps, schema_editor):
    from articles.search.schema import ENTRY_TABLE, install, rebuild_sqlite_fts, uninstall

    connection = schema_editor.connection
    uninstall(connection)
    schema_editor.execute(
        f"UPDATE {ENTRY_TABLE} SET search_text = ' ' || search_text || ' ' WHERE kind = 'quote'"
    )
    install(connection)
    rebuild_sqlite_fts(connection)


class Migration(migrations.Migration):
    dependencies = [("articles", "0007_article_revision")]
    operations = [migrations.RunPython(reinstall, migrations.RunPython.noop)]
