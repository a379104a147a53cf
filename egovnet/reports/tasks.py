"""Reports work on the task queue: rebuilding the summary tables after registry writes and once a day."""

from __future__ import annotations

from typing import Any

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.policy.choices import SubjectType

from . import summaries

FED_BY = frozenset({SubjectType.ORGANISATION, SubjectType.NETWORK, SubjectType.SYSTEM})


@task()
def refresh_summaries() -> dict[str, float]:
    """Recompute every summary table for today; seconds per summary."""
    return summaries.rebuild()


TASK_PATH = refresh_summaries.module_path


def enqueue_refresh() -> bool:
    """Queue one rebuild unless one is already waiting (a burst of writes costs one rebuild); True if queued."""
    if DBTaskResult.objects.filter(task_path=TASK_PATH, status=TaskResultStatus.READY).exists():
        return False
    refresh_summaries.enqueue()
    return True


def after_refresh(keys: dict[str, Any]) -> None:
    """Findings were refreshed after a registry write: the counts and coverage the dashboards show changed too."""
    if any(keys.get(t) for t in FED_BY):
        enqueue_refresh()
