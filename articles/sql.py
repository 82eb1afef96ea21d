"""Multi-row INSERT for the import's hot paths (hundreds of quotes and index rows a file),
where building a model instance and a round trip per row was most of the time."""

from django.db import connection


def insert_rows(model, field_names: tuple[str, ...], rows: list[tuple], batch: int = 500) -> None:
    """Insert clean values; date-times are adapted the way the ORM would store them."""
    fields = [model._meta.get_field(name) for name in field_names]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row_sql = f"({', '.join(['%s'] * len(fields))})"
    prepare = [field.get_db_prep_save for field in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), batch):
            chunk = rows[start : start + batch]
            cursor.execute(
                f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
                f"VALUES {', '.join([row_sql] * len(chunk))}",
                [
                    fn(value, connection)
                    for row in chunk
                    for fn, value in zip(prepare, row, strict=True)
                ],
            )
