"""Network work on the task queue: the monthly coverage snapshot that the coverage trend is drawn from."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from egovnet.core.services import system_actor

from .planning.snapshots import coverage_snapshot as write_coverage_snapshot


@task()
def coverage_snapshot() -> int:
    """Write today's coverage snapshot (national, provinces, prefectures); returns the number of rows."""
    return write_coverage_snapshot(actor=system_actor(), day=timezone.localdate())
