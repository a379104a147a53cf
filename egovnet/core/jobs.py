"""Background work on Django's task framework (django-tasks with its database backend): the worker, its heartbeat,
recovery of tasks whose worker died, and the schedule.

The queue is a table (``django_tasks_db``), so the embedded SQLite default needs no broker and a fleet shares one
PostgreSQL. django-tasks-db runs and records tasks; what it does not do, and this module adds:

- **Heartbeat.** Every ``egovnet worker`` writes a :class:`WorkerHeartbeat` row every few seconds.
- **Recovery.** A task still RUNNING whose worker has not been seen for ``WORKER_LOST_AFTER_S`` is retried (put back
  to READY) while it has attempts left, else marked FAILED with the reason, and its owner's ``on_abandoned`` hook
  runs so that the domain row (e.g. an import job) says what happened. A task is never left stuck.
- **Schedule.** Entries of ``settings.SCHEDULE`` are enqueued once per period by whichever worker sees them due
  (a unique :class:`ScheduledRun` row decides, so N workers enqueue a run once).

Domain apps declare their tasks with :func:`register` (attempts, abandon hook); this module imports none of them.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import IntegrityError, close_old_connections, transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from .models import ScheduledRun, WorkerHeartbeat

log = logging.getLogger("egovnet.jobs")


class WorkerLost(Exception):
    """The worker running a task stopped (killed, crashed, machine lost) before the task finished."""


@dataclass(frozen=True)
class TaskPolicy:
    max_attempts: int = 1  # > 1 only for tasks that are safe to run again (one transaction, idempotent)
    on_abandoned: Callable[[dict[str, Any], str], None] | None = None  # (args_kwargs, reason)


_POLICIES: dict[str, TaskPolicy] = {}


def register(task_path: str, *, max_attempts: int = 1, on_abandoned=None) -> None:
    """Declare how a task is recovered when its worker dies; called from the owning app's ``AppConfig.ready``."""
    _POLICIES[task_path] = TaskPolicy(max_attempts=max_attempts, on_abandoned=on_abandoned)


def policy_for(task_path: str) -> TaskPolicy:
    return _POLICIES.get(task_path, TaskPolicy())


def beat(worker_id: str, *, started: dt.datetime) -> None:
    now = timezone.now()
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"hostname": socket.gethostname()[:255], "pid": os.getpid(), "started": started, "last_seen": now},
    )


def live_workers(now: dt.datetime | None = None) -> set[str]:
    cutoff = (now or timezone.now()) - dt.timedelta(seconds=settings.WORKER_LOST_AFTER_S)
    return set(WorkerHeartbeat.objects.filter(last_seen__gte=cutoff).values_list("worker_id", flat=True))


def recover_lost_tasks(now: dt.datetime | None = None) -> list[tuple[str, str]]:
    """Retry or fail every RUNNING task whose worker is gone; returns ``(task id, "retried"|"failed")`` pairs."""
    alive = live_workers(now)
    done = []
    for result in DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING).only(
        "id", "task_path", "worker_ids", "args_kwargs", "status"
    ):
        if result.worker_ids and result.worker_ids[-1] in alive:
            continue
        done.append((str(result.id), _recover(result)))
    return done


def _recover(result: DBTaskResult) -> str:
    policy = policy_for(result.task_path)
    attempts = len(result.worker_ids)
    with transaction.atomic():
        claimed = DBTaskResult.objects.filter(pk=result.pk, status=TaskResultStatus.RUNNING)
        if attempts < policy.max_attempts:
            claimed.update(status=TaskResultStatus.READY, started_at=None, run_after=timezone.now())
            log.warning("task=%s id=%s worker lost; retry %d of %d", result.task_path, result.pk, attempts + 1,
                        policy.max_attempts)
            return "retried"
        reason = (
            f"处理该任务的工作进程已停止（已尝试 {attempts} 次） / the worker running this task stopped "
            f"({attempts} attempt(s))"
        )
        claimed.update(
            status=TaskResultStatus.FAILED,
            finished_at=timezone.now(),
            exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
            traceback=reason,
        )
        if policy.on_abandoned:
            policy.on_abandoned(result.args_kwargs, reason)
    log.error("task=%s id=%s worker lost; failed after %d attempt(s)", result.task_path, result.pk, attempts)
    return "failed"


def _period(kind: str, at: str, now_local: dt.datetime) -> str | None:
    """The period key if the entry is due at ``now_local`` (its time of day has passed in the period), else None."""
    hour, minute = (int(x) for x in at.split(":"))
    if (now_local.hour, now_local.minute) < (hour, minute):
        return None
    if kind == "daily":
        return now_local.date().isoformat()
    if kind == "monthly":
        return now_local.strftime("%Y-%m") if now_local.day == 1 else None
    raise ValueError(f"SCHEDULE: unknown period {kind!r} (daily | monthly)")


def enqueue_due(now: dt.datetime | None = None) -> list[str]:
    """Enqueue each scheduled entry that is due and not yet enqueued for its period; returns their names."""
    now_local = timezone.localtime(now or timezone.now())
    enqueued = []
    for name, (task_path, kind, at) in settings.SCHEDULE.items():
        period = _period(kind, at, now_local)
        if period is None:
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(name=name, period=period)
                result = import_string(task_path).enqueue()
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker enqueued this period's run
        enqueued.append(name)
    return enqueued


class EgovnetWorker(Worker):
    """django-tasks-db's worker plus a heartbeat thread that also recovers lost tasks and runs the schedule."""

    def __init__(self, *, worker_id: str | None = None, interval: float = 1.0, batch: bool = False,
                 max_tasks: int | None = None) -> None:
        super().__init__(
            queue_names=["*"], interval=interval, batch=batch, backend_name="default", startup_delay=False,
            max_tasks=max_tasks, worker_id=worker_id or f"{socket.gethostname()[:40]}-{uuid.uuid4().hex[:12]}",
            excluded_queue_names=[],
        )
        self.started = timezone.now()
        self._stop = threading.Event()

    def housekeeping(self) -> None:
        beat(self.worker_id, started=self.started)
        recover_lost_tasks()
        enqueue_due()

    def _housekeeping_loop(self) -> None:
        while not self._stop.wait(settings.WORKER_HEARTBEAT_S):
            try:
                self.housekeeping()
            except Exception:  # a failed beat must not kill the worker; the next one tries again
                log.exception("worker housekeeping failed")
            finally:
                close_old_connections()

    def run(self) -> None:
        self.housekeeping()
        thread = threading.Thread(target=self._housekeeping_loop, name="egovnet-worker-heartbeat", daemon=True)
        thread.start()
        try:
            super().run()
        finally:
            self._stop.set()
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


def start_in_process_worker() -> EgovnetWorker:
    """The demo's worker: a daemon thread of the serving process (one README command, no extra set-up)."""
    worker = EgovnetWorker(interval=0.5)
    threading.Thread(target=worker.run, name="egovnet-worker", daemon=True).start()
    return worker
