"""Multi-row INSERT for the import's hot paths (hundreds of quotes and index rows a file),
where building a model instance and a round trip per row was most of the time."""

from django.db import connection, models

# Values of these fields are stored as given (str, int, bool, None): Django's per-value
# preparation was a tenth of the import's time for nothing.
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField,
          models.ForeignKey)  # fmt: skip


def insert_rows(model, field_names: tuple[str, ...], rows: list[tuple], batch: int = 500) -> None:
    """Insert clean values; date-times are adapted the way the ORM would store them."""
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_sql = f"({', '.join(['%s'] * len(fields))})"
    adapted = [i for i, field in enumerate(fields) if not isinstance(field, _PLAIN)]
    done = {}
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row_sql] * len(chunk))}",
                [value for row in chunk for value in _prepared(fields, adapted, row, done)],
            )


def _prepared(fields, adapted: list[int], row: tuple, done: dict) -> tuple:
    if not adapted:
        return row
    row = list(row)
    for i in adapted:
        # The same value recurs down a column (a write-up's date on each of its entries).
        key = (i, row[i])
        if key not in done:
            done[key] = fields[i].get_db_prep_save(row[i], connection)
        row[i] = done[key]
    return row
