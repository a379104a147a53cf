"""Policy work on the task queue: the scheduled national sweep, per-province sweeps, and findings-refresh batches
too large to run in a request."""

from __future__ import annotations

from django_tasks import task
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.core.services import system_actor
from egovnet.geo.models import Division

from .refresh import refresh_keys
from .sweep import run_sweep


@task()
def national_sweep(province: str = "") -> dict:
    """Evaluate every rule over the database (or one province) as the system actor; returns the run's summary."""
    run = run_sweep(actor=system_actor(), province=province)
    return {"sweep": run.pk, "status": run.status, "subjects": run.subjects, "findings": run.findings}


def enqueue_sweep(province: str = "") -> str | None:
    """Queue a sweep of the nation (``""``) or one province unless the same one is already waiting (asking twice
    sweeps once); the task id, or None when one was waiting."""
    waiting = DBTaskResult.objects.filter(
        task_path=national_sweep.module_path, status=TaskResultStatus.READY, args_kwargs__kwargs__province=province
    )
    if waiting.exists():
        return None
    return str(national_sweep.enqueue(province=province).id)


def enqueue_province_sweeps() -> dict[str, str | None]:
    """One queued sweep per province (any number of workers run them side by side): province code → task id."""
    codes = Division.objects.filter(level="province").order_by("code").values_list("code", flat=True)
    return {code: enqueue_sweep(code) for code in codes}


REFRESH_ATTEMPTS = 3  # a batch replaces its subjects' findings in one transaction: safe to run again


@task()
def refresh_findings_batch(keys: dict[str, list[str]]) -> int:
    """Re-evaluate one batch of subjects queued by ``refresh.refresh_keys``; the number of findings stored."""
    return refresh_keys({t: set(ids) for t, ids in keys.items()}, inline=True)
