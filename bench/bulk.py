"""A bulk path for large benchmark sets: copy the imported write-ups in SQL, each copy under
new ids and slugs and a few days earlier, with their sections, quotes, tags, search entries
and documents (the full-text triggers and generated columns index the copies as they land).

Importing 30,000 write-ups takes half an hour to an hour on this machine; copying 1,000
of them 29 times takes minutes. The copies share each original's words, so a term's
matches grow with the set exactly as its document frequency does.
"""

from django.db import connection, transaction
from taggit.models import TaggedItem

from articles.models import Article, Quote, SearchDocument, SearchEntry, Section

# Cloned in this order: each one's foreign keys to an earlier one move with the copy.
MODELS = [Article, Section, Quote, SearchEntry, SearchDocument, TaggedItem]
# Rows that belong to no write-up (speakers' entries and documents) are not copied.
_OWNED = {SearchEntry: "article_id IS NOT NULL", SearchDocument: "article_id IS NOT NULL"}


def grow(target: int, base: int, log=print) -> None:
    """Copy the first `base` write-ups (the imported ones) until there are `target`.
    Copy n takes the ids n × M + 1 … (n + 1) × M, M being the originals' highest id, so a
    set can grow again later (3,000 from 1,000, then 10,000 from those)."""
    last = Article.objects.order_by("id").values_list("id", flat=True)[base - 1]
    maxima = {model: _max_id(model, last) for model in MODELS}
    for copy in range(Article.objects.count() // base, -(-target // base)):
        with transaction.atomic():
            for model in MODELS:
                _copy(model, copy, maxima)
        log(f"copy {copy}: {Article.objects.count()} write-ups")


def _max_id(model, last_article: int) -> int:
    """The highest id of the originals' rows (speakers' rows among them are not copied)."""
    column = {Article: "id", TaggedItem: "object_id"}.get(model, "article_id")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT max(id) FROM {model._meta.db_table} WHERE {column} <= %s", [last_article]
        )
        return cursor.fetchone()[0] or 0


def _copy(model, copy: int, maxima: dict) -> None:
    table = model._meta.db_table
    offset = {m: copy * maxima[m] for m in MODELS}
    columns, values = [], []
    for field in model._meta.concrete_fields:
        column = connection.ops.quote_name(field.column)
        columns.append(column)
        target = field.related_model if field.is_relation else None
        if field.primary_key:
            values.append(f"{column} + {offset[model]}")
        elif target in offset:
            values.append(f"{column} + {offset[target]}")
        elif model is TaggedItem and field.name == "object_id":
            values.append(f"{column} + {offset[Article]}")
        elif field.name == "slug" and model is Article:
            values.append(f"{column} || '-c{copy}'")
        elif field.name in ("source", "body") and model is Article:
            values.append("''")  # only pages read them; the copies stay small
        elif field.name == "published":
            values.append(_days_before(column, copy))
        else:
            values.append(column)
    where = [f"id <= {maxima[model]}"]
    if model in _OWNED:
        where.append(_OWNED[model])
    if model is TaggedItem:
        where.append(f"object_id <= {maxima[Article]}")
    elif model is not Article:
        where.append(f"article_id <= {maxima[Article]}")
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({', '.join(columns)}) "
            f"SELECT {', '.join(values)} FROM {table} WHERE {' AND '.join(where)}"
        )


def _days_before(column: str, days: int) -> str:
    if connection.vendor == "postgresql":
        return f"{column} - interval '{days} days'"
    return f"strftime('%Y-%m-%d %H:%M:%f', {column}, '-{days} days')"
