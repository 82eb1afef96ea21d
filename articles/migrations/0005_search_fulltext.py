from django.db import migrations


def install(apps, schema_editor):
    from articles.search.schema import install

    install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from articles.search.schema import ENTRY_TABLE, FTS_TABLE

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE {ENTRY_TABLE} DROP COLUMN IF EXISTS search_vector")


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_entry")]
    operations = [migrations.RunPython(install, uninstall)]
