"""Policy work on the task queue: the scheduled national sweep, and sweeps started from the UI or the CLI."""

from __future__ import annotations

from django_tasks import task

from egovnet.core.services import system_actor

from .sweep import run_sweep


@task()
def national_sweep(province: str = "") -> dict:
    """Evaluate every rule over the database (or one province) as the system actor; returns the run's summary."""
    run = run_sweep(actor=system_actor(), province=province)
    return {"sweep": run.pk, "status": run.status, "subjects": run.subjects, "findings": run.findings}
