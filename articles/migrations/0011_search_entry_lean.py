"""Search entries: the article index goes (its foreign key has one already), and on
PostgreSQL passages and their vectors are compressed with lz4 (see search/schema.py)."""

from django.db import migrations


def lz4(apps, schema_editor):
    from ._fulltext_0011 import COMPRESSED, compress_with_lz4

    compress_with_lz4(schema_editor, COMPRESSED)


class Migration(migrations.Migration):
    dependencies = [("articles", "0010_fulltext_prefix_one")]
    operations = [
        migrations.RemoveIndex(model_name="searchentry", name="articles_se_article_653e6a_idx"),
        migrations.RunPython(lz4, migrations.RunPython.noop),
    ]
