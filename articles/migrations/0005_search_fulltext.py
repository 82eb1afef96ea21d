from django.db import migrations


def install(apps, schema_editor):
    from ._fulltext_0011 import install

    install(schema_editor)


def uninstall(apps, schema_editor):
    from ._fulltext_0011 import uninstall

    uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("articles", "0004_search_entry")]
    operations = [migrations.RunPython(install, uninstall)]
