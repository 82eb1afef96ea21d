
"""One search document a write-up or speaker, ranked over every match; quotes, not
passages, are the entries' full-text index now. The old index goes here; the new one
is made after migrate (articles/search/schema.py), and filled by the first migrate
that finds write-ups without documents (ArticlesConfig.ready)."""

import django.db.models.deletion
from django.db import migrations, models


def drop_passage_index(apps, schema_editor):
    from ._fulltext_0011 import uninstall

    uninstall(schema_editor)


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0015_content_version'),
    ]

    operations = [
        migrations.RunPython(drop_passage_index, migrations.RunPython.noop),
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('article', 'write-up'), ('speaker', 'speaker')], max_length=8)),
                ('published', models.DateTimeField(null=True)),
                ('language', models.CharField(blank=True, max_length=10)),
                ('year', models.PositiveSmallIntegerField(null=True)),
                ('people', models.TextField(blank=True)),
                ('tags', models.TextField(blank=True)),
                ('words_indexed', models.BooleanField(default=True)),
                ('title', models.TextField()),
                ('headings', models.TextField(blank=True)),
                ('body', models.TextField(blank=True)),
                ('impacts', models.TextField(blank=True)),
                ('words', models.TextField(blank=True)),
            ],
            options={
                'ordering': ['-published', 'id'],
            },
        ),
        migrations.AddIndex(
            model_name='searchentry',
            index=models.Index(fields=['article', 'kind'], name='articles_se_article_87dd08_idx'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='article',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.article'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='show',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='articles.show'),
        ),
        migrations.AddField(
            model_name='searchdocument',
            name='speaker',
            field=models.OneToOneField(null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='articles.speaker'),
        ),
        migrations.AddConstraint(
            model_name='searchdocument',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('article__isnull', False), ('kind', 'article'), ('speaker', None)), models.Q(('article', None), ('kind', 'speaker'), ('speaker__isnull', False)), _connector='OR'), name='search_document_is_one_thing'),
        ),
    ]
