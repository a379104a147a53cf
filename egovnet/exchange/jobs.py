"""Running import jobs off the request: validation (dry run) first, the write after the user confirms.

A job is a task on the database queue (``exchange.tasks.run_import_job``, ADR 0801), enqueued when the upload
commits and run by any ``egovnet worker`` (the demo runs one in-process); ``EXCHANGE_INLINE_JOBS = True`` (tests)
runs it inline. The job row is the shared state, so the progress bar works across app servers; a job whose worker
dies is retried once and otherwise marked failed with the reason (nothing was written: the import is one
transaction). Uploaded files live under the media folder, which every app server and worker shares.
"""

from __future__ import annotations

import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .choices import JobPhase, JobStatus
from .importers import get_spec, run_import
from .importers.engine import ImportReport
from .models import ImportJob

PROGRESS_EVERY_S = 0.5


def upload_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def report_json(report: ImportReport, limit: int = 1000) -> dict[str, Any]:
    return {
        "summary": report.summary(),
        "rows": report.rows,
        "created": report.created,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "error_count": report.error_count,
        "errors": [asdict(e) for e in report.errors[:limit]],
        "samples": [
            {
                "row": s.row,
                "action": s.action,
                "id": s.pk,
                "diff": {k: [str(a or ""), str(b or "")] for k, (a, b) in s.diff.items()},
            }
            for s in report.samples
        ],
        "applied": report.applied,
    }


def _progress_writer(job_id: int):
    last = [0.0]

    def progress(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if now - last[0] >= PROGRESS_EVERY_S or done >= total:
            last[0] = now
            ImportJob.objects.filter(pk=job_id).update(phase=phase, done_rows=done, total_rows=total)

    return progress


def run_job(job_id: int, *, write: bool) -> ImportJob:
    job = ImportJob.objects.select_related("user").get(pk=job_id)
    spec = get_spec(job.registry)
    try:
        report = run_import(
            job.stored_path,
            spec,
            actor=job.user,
            dry_run=not write,
            fmt=job.fmt,
            progress=_progress_writer(job.pk),
            reason=f"导入 import {job.original_name}",
        )
    except Exception as exc:  # the job row must say what happened; the transaction already rolled back
        job.status, job.message = JobStatus.FAILED, f"{type(exc).__name__}: {exc}"
    else:
        job.report = report_json(report)
        job.done_rows = job.total_rows = report.rows
        if not report.ok:
            job.status = JobStatus.REJECTED
        else:
            job.status = JobStatus.DONE if write else JobStatus.VALIDATED
    job.finished = timezone.now()
    job.save(update_fields=["status", "message", "report", "done_rows", "total_rows", "finished"])
    return job


def start(job: ImportJob, *, write: bool) -> None:
    job.status = JobStatus.WRITING if write else JobStatus.VALIDATING
    job.phase = JobPhase.WRITE if write else JobPhase.VALIDATE
    job.done_rows = 0
    job.save(update_fields=["status", "phase", "done_rows"])
    if getattr(settings, "EXCHANGE_INLINE_JOBS", settings.MODE == "test"):
        run_job(job.pk, write=write)
        return

    from .tasks import run_import_job

    transaction.on_commit(lambda: run_import_job.enqueue(job_id=job.pk, write=write))
