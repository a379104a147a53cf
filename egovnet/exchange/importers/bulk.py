"""INSERT of validated new rows without Django's per-object SQL compilation (the import's bulk path).

``QuerySet.bulk_create`` compiles every value of every object through the field machinery; for 100k rows that
costs more than reading the workbook. Here the statement is built once per batch size and the values go to the
driver as they are, except for the field kinds whose database form differs from the Python value (dates and
times, JSON, decimals …), which take the field's own ``get_db_prep_save``. The rows get their ids from
``RETURNING`` (as ``bulk_create`` does); auto-now stamps are set on the instances as ``pre_save`` would.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from django.db import connection, models
from django.utils import timezone

from egovnet.core.models.pinyin import PinyinNamed, fill_pinyin_keys

# Field kinds whose value is handed to the driver unchanged (str, int, bool, a foreign key's id).
PLAIN = (models.CharField, models.TextField, models.BooleanField, models.IntegerField, models.ForeignKey)
MAX_ROWS = 1000


def _batch_rows(columns: int) -> int:
    if connection.vendor == "sqlite":
        limit = connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    else:
        limit = connection.features.max_query_params or 65535
    return max(1, min(MAX_ROWS, limit // columns))


def insert(model: type[models.Model], objs: list[models.Model]) -> None:
    """Insert unsaved instances in batches and set their ids; falls back to ``bulk_create`` where the database
    cannot return the ids of a multi-row INSERT."""
    if not objs:
        return
    if not connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objs, batch_size=MAX_ROWS)
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    if issubclass(model, PinyinNamed):  # the stored sort key, as PinyinNamedQuerySet.bulk_create fills it
        fill_pinyin_keys(objs)
    now, stamps = timezone.now(), {}
    for f in fields:  # as pre_save sets them, one instant for the whole insert
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            stamps[f.attname] = f.get_db_prep_save(now, connection)
            for obj in objs:
                obj.__dict__[f.attname] = now
    convert = [None if isinstance(f, PLAIN) else f for f in fields]
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) VALUES "
    one = "(" + ", ".join(["%s"] * len(fields)) + ")"
    tail = f" RETURNING {quote(meta.pk.column)}"
    step = _batch_rows(len(fields))
    statements: dict[int, str] = {}
    attnames = [f.attname for f in fields]
    with connection.cursor() as cursor:
        for start in range(0, len(objs), step):
            batch = objs[start : start + step]
            params: list[Any] = []
            for obj in batch:
                data = obj.__dict__
                for name, field in zip(attnames, convert, strict=True):
                    value = data[name]
                    if field is None or value is None:
                        params.append(value)
                    elif value is now and name in stamps:  # the auto-now stamps, converted once
                        params.append(stamps[name])
                    else:
                        params.append(field.get_db_prep_save(value, connection))
            sql = statements.get(len(batch))
            if sql is None:
                sql = statements[len(batch)] = head + ", ".join([one] * len(batch)) + tail
            cursor.execute(sql, params)
            for obj, (pk,) in zip(batch, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False
                obj._state.db = connection.alias
