"""A large archive fast, for benchmarks: a few hundred write-ups through the real importer
(the templates), the rest copies of their rows made by the database itself.

    build(30_000)   # on the configured, migrated and empty database

Round r copies every template's rows (write-up, episode, appearances, listen links,
sections, quotes, search entries, document and words, tags and categories) in one
INSERT … SELECT a table: each id becomes id + r × (the table's largest template id), and
so does each foreign key into a copied table, so no row crosses to Python. A copy's slug
is `<slug>-c<r>`, its episode's key and number are suffixed, its date is spread over
2015–2026 (the entries' links, years and dates follow). History tables get nothing.
SQLite's FTS5 triggers index the copies as they are inserted; on PostgreSQL the GIN
indexes are dropped during the copy and built once after it.

The imported templates are kept (a SQLite file, or a PostgreSQL template database) under
a name hashed from the app's code, so a later build of any size starts from them.
"""

import hashlib
import shutil
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from common import ROOT, make_articles

START = datetime(2015, 1, 1, 8, tzinfo=UTC)
SPAN = datetime(2026, 11, 1, tzinfo=UTC) - START
GOLDEN = 0.6180339887498949
TEMPLATES = 300


def published(i: int) -> datetime:
    """The i-th write-up's date: spread evenly over the span, neighbours far apart."""
    return START + timedelta(seconds=int(((i * GOLDEN) % 1) * SPAN.total_seconds()))


def build(count: int, templates: int = TEMPLATES, log=print) -> None:
    from django.db import connection

    n = min(count, templates)
    started = time.perf_counter()
    if not _restore_templates(n):
        from articles.importer import Source, import_sources

        report = import_sources(Source(name, data) for name, data in make_articles(n))
        log(f"  {n} templates imported in {time.perf_counter() - started:.0f} s: "
            f"{report.summary()}")  # fmt: skip
        _keep_templates(n)
    else:
        log(f"  {n} templates restored in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    postgres = connection.vendor == "postgresql"
    indexes = _drop_full_text_indexes() if postgres else []
    try:
        _copy(count, log)
    finally:
        with connection.cursor() as cursor:
            if postgres:  # a GIN index builds far faster with room to sort in
                cursor.execute("SET maintenance_work_mem = '1GB'")
            for sql in indexes:
                cursor.execute(sql)
    copied = time.perf_counter() - started
    _finish(postgres)
    log(f"  {max(0, count - n)} copies in {copied:.0f} s, "
        f"analysed in {time.perf_counter() - started - copied:.0f} s")  # fmt: skip


def _copied_models():
    from django.contrib.contenttypes.models import ContentType
    from taggit.models import TaggedItem

    from articles.models import (
        Appearance,
        Article,
        CategorizedArticle,
        Episode,
        ListenLink,
        Quote,
        SearchDocument,
        SearchEntry,
        SearchWords,
        Section,
    )

    article_type = ContentType.objects.get_for_model(Article).pk
    # model: the template rows it copies ("%(cut)s": the last template write-up copied)
    episodes = "IN (SELECT episode_id FROM articles_article WHERE id <= %(cut)s)"
    return {
        Episode: f"id {episodes}",
        Article: "id <= %(cut)s",
        Appearance: f"episode_id {episodes}",
        ListenLink: f"episode_id {episodes}",
        Section: "article_id <= %(cut)s",
        Quote: "article_id <= %(cut)s",
        SearchEntry: "article_id <= %(cut)s",
        SearchDocument: "article_id <= %(cut)s",
        SearchWords: "document_id IN (SELECT id FROM articles_searchdocument "
        "WHERE article_id <= %(cut)s)",
        TaggedItem: f"content_type_id = {article_type} AND object_id <= %(cut)s",
        CategorizedArticle: "content_object_id <= %(cut)s",
    }


def _copy(count: int, log) -> None:
    from django.db import connection, transaction
    from taggit.models import TaggedItem

    from articles.models import Article

    models = _copied_models()
    originals = list(Article.objects.order_by("id").values_list("id", "slug", "episode_id"))
    if count <= len(originals):
        return
    with connection.cursor() as cursor:
        span = {}
        for model in models:
            cursor.execute(f"SELECT max(id) FROM {model._meta.db_table}")
            span[model] = cursor.fetchone()[0] or 0
        # A generic foreign key holds a write-up's id in a plain integer column.
        refers = {(TaggedItem, "object_id"): Article}
        cursor.execute("CREATE TEMPORARY TABLE bench_copy (article_id integer PRIMARY KEY, "
                       "episode_id integer, published timestamp with time zone, "
                       "year integer, old_url varchar(1000), new_url varchar(1000))")  # fmt: skip
    started, done = time.perf_counter(), len(originals)
    for r in range(1, -(-count // len(originals))):
        batch = originals[: count - done]
        rows = []
        for position, (pk, slug, episode) in enumerate(batch):
            date = published(done + position)
            rows.append((pk, episode, connection.ops.adapt_datetimefield_value(date), date.year,
                         Article(slug=slug).get_absolute_url(),
                         Article(slug=f"{slug}-c{r}").get_absolute_url()))  # fmt: skip
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM bench_copy")
            cursor.executemany("INSERT INTO bench_copy VALUES (%s, %s, %s, %s, %s, %s)", rows)
            for model, where in models.items():
                columns = [f.column for f in model._meta.concrete_fields]
                values = [_value(model, f, r, span, refers) for f in model._meta.concrete_fields]
                table = model._meta.db_table
                cursor.execute(f"INSERT INTO {table} ({', '.join(columns)}) "
                               f"SELECT {', '.join(values)} FROM {table} "
                               f"WHERE {where % {'cut': batch[-1][0]}}")  # fmt: skip
        done += len(batch)
        if r % 10 == 0 or done == count:
            log(f"  {done} write-ups, {time.perf_counter() - started:.0f} s")
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE bench_copy")


def _value(model, field, r: int, span: dict, refers: dict) -> str:
    """The SELECT expression for one column of round r's copy."""
    from django.db import connection

    from articles.models import Article, Episode, SearchDocument, SearchEntry

    column, table = field.column, model._meta.db_table
    if field.primary_key:
        return f"{column} + {r * span[model]}"
    target = field.related_model if field.is_relation else refers.get((model, column))
    if target in span:
        return f"{column} + {r * span[target]}"

    def of_copy(wanted: str, key: str = "article_id", own: str = "article_id") -> str:
        # max(): write-ups that share an episode give it the latest of their dates.
        return f"(SELECT max({wanted}) FROM bench_copy c WHERE c.{key} = {table}.{own})"

    postgres = connection.vendor == "postgresql"
    overrides = {}
    if model is Article:
        overrides = {"slug": f"slug || '-c{r}'", "published": of_copy("published", own="id"),
                     "dated": "TRUE" if postgres else "1", "updated": "NULL"}  # fmt: skip
    elif model is Episode:
        tail = "right({}, {})" if postgres else "substr({}, -{})"  # keep the suffix
        date = of_copy("published", key="episode_id", own="id")
        day = f"CAST({date} AS date)" if postgres else f"date({date})"
        number = tail.format(f"number || '-c{r}'", 50)
        overrides = {
            "key": tail.format(f"key || '~c{r}'", 300),
            "number": f"CASE WHEN number = '' THEN '' ELSE {number} END",
            "air_date": f"CASE WHEN air_date IS NULL THEN NULL ELSE {day} END",
        }
    elif model in (SearchEntry, SearchDocument):
        old, new = of_copy("old_url"), of_copy("new_url")
        url = f"CASE WHEN substr(url, 1, length({old})) = {old} THEN {new} || substr(url, "
        url += f"length({old}) + 1) ELSE url END"
        overrides = {"published": of_copy("published"), "year": of_copy("year"), "url": url}
    return overrides.get(column, column)


# What decides the rows an import writes: templates made by other code are not reused.
WRITERS = (
    "models/*.py",
    "migrations/*.py",
    "importer/*.py",
    *(f"search/{name}.py" for name in ("index", "text", "ranking", "analysis", "schema")),
)


def _templates_name(n: int) -> str:
    digest = hashlib.sha1()
    for path in sorted(p for pattern in WRITERS for p in (ROOT / "articles").glob(pattern)):
        digest.update(path.read_bytes())
    return f"kb_bench_templates{n}_{digest.hexdigest()[:10]}"


def _restore_templates(n: int) -> bool:
    """Make this (empty) database a copy of the kept templates, if there are any."""
    from django.db import connection

    name = _templates_name(n)
    if connection.vendor == "postgresql":
        import psycopg

        target = connection.settings_dict["NAME"]
        connection.close()
        with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
            if not admin.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                 [name]).fetchone():  # fmt: skip
                return False
            admin.execute(f'DROP DATABASE "{target}"')
            admin.execute(f'CREATE DATABASE "{target}" TEMPLATE "{name}"')
        return True
    kept = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
    if not kept.exists():
        return False
    target = connection.settings_dict["NAME"]
    connection.close()
    shutil.copyfile(kept, target)
    return True


def _keep_templates(n: int) -> None:
    from django.db import connection

    name = _templates_name(n)
    if connection.vendor == "postgresql":
        import psycopg

        target = connection.settings_dict["NAME"]
        connection.close()
        with psycopg.connect(_admin_dsn(), autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{target}"')
        return
    kept = Path(tempfile.gettempdir()) / f"{name}.sqlite3"
    with connection.cursor() as cursor:
        cursor.execute("VACUUM INTO %s", [str(kept)])


def _admin_dsn() -> str:
    from django.db import connection

    s = connection.settings_dict
    host, port = s["HOST"] or "127.0.0.1", s["PORT"] or 5432
    return f"host={host} port={port} user={s['USER']} dbname=postgres"


def _drop_full_text_indexes() -> list[str]:
    """PostgreSQL: drop the GIN indexes (rebuilt once after the copy, not row by row)."""
    from django.db import connection

    from articles.search.schema import POSTGRESQL, POSTGRESQL_INDEXES

    with connection.cursor() as cursor:
        for name in POSTGRESQL_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
    return [sql for sql in POSTGRESQL if "INDEX" in sql]


def _finish(postgres: bool) -> None:
    from django.db import connection, transaction

    from articles.cache import bump_content_version
    from articles.search.schema import optimize

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
            optimize(connection)  # as `manage.py optimize_search_index` after a bulk load
    bump_content_version()
