"""Many new rows of one model at once, as fast as the database takes them: on PostgreSQL through
COPY (the rows' ids drawn from the table's sequence first, so the caller gets saved objects it
can point other rows at), elsewhere through `bulk_create`. A province's register is 500,000
members in districts' files of 10,000: `bulk_create` spent more time preparing each of the
file's 320,000 values in Python than the database spent storing them
(benchmarks/register_500k.py).

Only for plain models: no multi-table inheritance, no many-to-many. The objects are stored
exactly as built: fields the database fills (`auto_now_add`, `auto_now`) are set here first, as
`bulk_create` sets them; defaults are those the objects were constructed with. Runs inside the
caller's transaction."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)
BATCH = 2000  # rows a bulk_create statement, where COPY is not available


def insert_many(model: type[M], objects: Sequence[M]) -> list[M]:
    """Insert `objects` (new, unsaved) and return them with their ids."""
    if not objects:
        return []
    if connection.vendor != "postgresql":
        made: list[M] = model._default_manager.bulk_create(objects, batch_size=BATCH)
        return made
    fields = list(model._meta.concrete_fields)
    now = timezone.now()
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            for obj in objects:
                setattr(obj, field.attname, now)
    table = model._meta.db_table
    pk = model._meta.pk
    assert pk is not None
    with connection.wrap_database_errors, connection.cursor() as cursor:  # Django's error types
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk.column, len(objects)],
        )
        for obj, (new_id,) in zip(objects, cursor.fetchall(), strict=True):
            setattr(obj, pk.attname, new_id)
        columns = ", ".join(connection.ops.quote_name(str(f.column)) for f in fields)
        with cursor.cursor.copy(
            f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        ) as copy:
            for obj in objects:
                copy.write_row([_db_value(f, obj) for f in fields])
    for obj in objects:
        obj._state.adding = False
        obj._state.db = connection.alias
    return list(objects)


def _db_value(field: models.Field[Any, Any], obj: models.Model) -> object:
    value = getattr(obj, field.attname)
    if isinstance(field, models.JSONField) and value is not None:
        return field.get_db_prep_save(value, connection)
    return value
