"""A large archive fast, for benchmarks: a few hundred write-ups through the real importer
(the templates), the rest copies of their rows under new ids, cycling through them.

    build(30_000)   # on the configured, migrated and empty database

Each copy has its own write-up (slug `<slug>-c<i>`, a date spread over 2015–2026), episode
(key and number suffixed, same show), appearances, listen links, sections, quotes, search
entries and search document, tags and categories. Ids are assigned here, from counters above
each table's largest, so foreign keys need no round trip. History tables get nothing.
SQLite's FTS5 triggers index the copied rows as they are inserted; PostgreSQL computes its
tsvector columns itself.
"""

import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta

from common import make_articles

START = datetime(2015, 1, 1, 8, tzinfo=UTC)
SPAN = datetime(2026, 11, 1, tzinfo=UTC) - START
GOLDEN = 0.6180339887498949
CHUNK = 200  # copies a transaction
BATCH = 2000  # rows an INSERT


def published(i: int) -> datetime:
    """The i-th copy's date: spread evenly over the span, neighbours far apart."""
    return START + timedelta(seconds=int(((i * GOLDEN) % 1) * SPAN.total_seconds()))


def build(count: int, templates: int = 300, log=print) -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from taggit.models import TaggedItem

    from articles.bulk_insert import insert_rows
    from articles.cache import bump_content_version
    from articles.importer import Source, import_sources
    from articles.models import (
        Appearance,
        Article,
        CategorizedArticle,
        Episode,
        ListenLink,
        Quote,
        SearchDocument,
        SearchEntry,
        Section,
    )
    from articles.search.schema import POSTGRESQL

    started = time.perf_counter()
    n = min(count, templates)
    report = import_sources(Source(name, data) for name, data in make_articles(n))
    log(f"  {n} templates imported in {time.perf_counter() - started:.0f} s: {report.summary()}")
    started = time.perf_counter()

    def by(model, key, **where):
        grouped = defaultdict(list)
        for row in model.objects.filter(**where).order_by("id").values():
            grouped[row[key]].append(row)
        return grouped

    article_type = ContentType.objects.get_for_model(Article)
    originals = list(Article.objects.order_by("id").values())
    episodes = {row["id"]: row for row in Episode.objects.values()}
    appearances, links = by(Appearance, "episode_id"), by(ListenLink, "episode_id")
    sections, quotes = by(Section, "article_id"), by(Quote, "article_id")
    entries = by(SearchEntry, "article_id", article__isnull=False)
    documents = by(SearchDocument, "article_id", article__isnull=False)
    tagged = by(TaggedItem, "object_id", content_type=article_type)
    categorized = by(CategorizedArticle, "content_object_id")
    order = [Episode, Article, Appearance, ListenLink, Section, Quote, SearchEntry,
             SearchDocument, TaggedItem, CategorizedArticle]  # fmt: skip
    next_id = {}
    for model in order:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(id) FROM {model._meta.db_table}")
            next_id[model] = (cursor.fetchone()[0] or 0) + 1

    def new_id(model) -> int:
        next_id[model] += 1
        return next_id[model] - 1

    pending = defaultdict(list)
    columns = {model: tuple(f.attname for f in model._meta.concrete_fields) for model in order}

    def add(model, row: dict, **changes) -> int:
        pk = new_id(model)
        row = {**row, **changes, "id": pk}
        row = model(**row) if model is Article else tuple(map(row.get, columns[model]))
        pending[model].append(row)
        return pk

    def flush():
        with transaction.atomic():
            for model in order:
                rows = pending.pop(model, [])
                if model is Article:  # JSON fields, which insert_rows cannot take
                    model.objects.bulk_create(rows, batch_size=BATCH)
                else:
                    insert_rows(model, columns[model], rows, batch=BATCH)

    # PostgreSQL: the full-text GIN indexes are built once after the copy, not row by row
    # (a third of the copy's time). SQLite's FTS5 tables are kept by their triggers.
    postgres = connection.vendor == "postgresql"
    indexes = [sql for sql in POSTGRESQL if postgres and "USING gin" in sql]
    with connection.cursor() as cursor:
        for sql in indexes:
            cursor.execute(f"DROP INDEX IF EXISTS {sql.split('EXISTS')[1].split()[0]}")

    def copy(i: int, article: dict) -> None:
        slug, date = f"{article['slug']}-c{i}", published(i)
        old_url = Article(slug=article["slug"]).get_absolute_url()
        url = Article(slug=slug).get_absolute_url()
        episode_id = None
        if (episode := episodes.get(article["episode_id"])) is not None:
            number = f"{episode['number']}-c{i}"[-50:] if episode["number"] else ""
            air_date = date.date() if episode["air_date"] else None
            key = f"{episode['key']}~c{i}"[-300:]
            episode_id = add(Episode, episode, key=key, number=number, air_date=air_date)
            for row in appearances[episode["id"]]:
                add(Appearance, row, episode_id=episode_id)
            for row in links[episode["id"]]:
                add(ListenLink, row, episode_id=episode_id)
        article_id = add(Article, article, slug=slug, published=date, dated=True,
                         updated=None, episode_id=episode_id)  # fmt: skip
        sections_now = {row["id"]: add(Section, row, article_id=article_id)
                        for row in sections[article["id"]]}  # fmt: skip
        quotes_now = {row["id"]: add(Quote, row, article_id=article_id,
                                     section_id=sections_now.get(row["section_id"]))
                      for row in quotes[article["id"]]}  # fmt: skip
        for row in entries[article["id"]]:
            link = row["url"]
            link = url + link[len(old_url) :] if link.startswith(old_url) else link
            add(SearchEntry, row, article_id=article_id, url=link, published=date,
                year=date.year, section_id=sections_now.get(row["section_id"]),
                quote_id=quotes_now.get(row["quote_id"]))  # fmt: skip
        for row in documents[article["id"]]:
            add(SearchDocument, row, article_id=article_id, published=date)
        for row in tagged[article["id"]]:
            add(TaggedItem, row, object_id=article_id)
        for row in categorized[article["id"]]:
            add(CategorizedArticle, row, content_object_id=article_id)

    try:
        for i in range(len(originals), count):
            copy(i, originals[i % len(originals)])
            if (i + 1 - len(originals)) % CHUNK == 0:
                flush()
                if (i + 1) % 5000 == 0:
                    log(f"  {i + 1} write-ups, {time.perf_counter() - started:.0f} s")
        flush()
    finally:
        with connection.cursor() as cursor:
            for sql in indexes:
                cursor.execute(sql)
    copied = time.perf_counter() - started

    if postgres:
        from django.apps import apps
        from django.core.management.color import no_style

        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
    with connection.cursor() as cursor:  # autocommit: VACUUM may not run in a transaction
        if postgres:
            cursor.execute("VACUUM ANALYZE")
        else:  # whole tables: the importer left this connection sampling 1,000 rows an index
            cursor.execute("PRAGMA analysis_limit = 0")
            cursor.execute("ANALYZE")
    bump_content_version()
    log(f"  {count - len(originals)} copies in {copied:.0f} s, "
        f"analysed in {time.perf_counter() - started - copied:.0f} s")  # fmt: skip
