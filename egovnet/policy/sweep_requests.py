"""Starting a sweep from the UI: who may, the one write path (authorised and audited), and what is waiting.

A national sweep re-evaluates every subject, so it is for the national administrator and national DRC
reviewers; a provincial one also for an administrator or DRC reviewer whose assignment covers that province.
The work itself runs on the task queue (``policy.tasks.national_sweep``); a second request while one for the
same scope is still waiting is refused instead of queueing the same work twice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.core import audit, permissions
from egovnet.core.errors import PermissionDenied, ServiceError, ValidationError

from .tasks import enqueue_sweep, national_sweep

STARTERS = ("admin", "drc_reviewer")
TASK_PATH = national_sweep.module_path
WAITING = (TaskResultStatus.READY, TaskResultStatus.RUNNING)


@dataclass
class QueuedSweep:
    province: str
    status: str
    enqueued_at: Any
    province_name: str = ""  # set by the page, in the reader's language


def may_start_sweep(user: Any, province: str = "") -> bool:
    if permissions.has_national_role(user, *STARTERS):
        return True
    if not province:
        return False
    return any(
        a.role in STARTERS and not a.org_scope_id and a.division_scope_id and a.division_scope.code == province
        for a in permissions.assignments(user)
    )


def queued_sweeps() -> list[QueuedSweep]:
    rows = DBTaskResult.objects.filter(task_path=TASK_PATH, status__in=WAITING).order_by("enqueued_at")
    return [
        QueuedSweep(province=(r.args_kwargs.get("kwargs") or {}).get("province", ""), status=r.status, enqueued_at=r.enqueued_at)
        for r in rows.only("args_kwargs", "status", "enqueued_at")
    ]


def request_sweep(*, actor: Any, province: str = "") -> None:
    """Queue a sweep of the nation (``province=""``) or of one province, for the worker to run."""
    from egovnet.policy.divisions import csv_directory

    if province and (not province.endswith("0000") or not csv_directory().name(province)):
        raise ValidationError({"province": "未知的省级行政区划。 / Unknown province."})
    if not may_start_sweep(actor, province):
        raise PermissionDenied(
            "只有全国或本省的管理员、发展改革部门审核人员可以发起全面检查。 / Only a national or provincial "
            "administrator or DRC reviewer may start a sweep."
        )
    if any(q.province == province for q in queued_sweeps()):
        raise ServiceError(
            "同一范围的全面检查已在排队或运行，无需重复发起。 / A sweep of the same scope is already queued or running.",
            code="duplicate",
        )
    with transaction.atomic():
        audit.record_event(
            actor=actor,
            object_type="policy.sweeprun",
            description=f"请求全面检查 {province or '全国'} / sweep requested ({province or 'national'})",
            after={"province": province},
        )
        transaction.on_commit(lambda: enqueue_sweep(province))  # the CLI's path, with its own guard
