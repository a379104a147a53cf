"""Planner statistics after a bulk load.

PostgreSQL plans with the statistics it last gathered; tables filled in one transaction (a demo load, a
generated national dataset, a big import) still look empty to it until autovacuum runs, and it then picks
nested loops over sequential scans that take seconds per query. ``ANALYZE`` inside the loading transaction
samples the transaction's own rows and is rolled back with it, so it is safe wherever the load is.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.db import connection


def refresh_planner_statistics(models: Iterable[type] | None = None) -> None:
    """ANALYZE the given models' tables (default: every egovnet table)."""
    if models is None:
        models = [m for m in apps.get_models() if m.__module__.startswith("egovnet.")]
    tables = sorted({m._meta.db_table for m in models if m._meta.managed and not m._meta.proxy})
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
