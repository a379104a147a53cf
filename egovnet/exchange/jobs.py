"""Running import jobs off the request: validation (dry run) first, the write after the user confirms.

A job is a task on the database queue (``exchange.tasks.run_import_job``, ADR 0801), enqueued when the upload
commits and run by any ``egovnet worker`` (the demo runs one in-process); ``EXCHANGE_INLINE_JOBS = True`` (tests)
runs it inline. The job row is the shared state, so the progress bar works across app servers; a job whose worker
dies is retried once and otherwise marked failed with the reason (nothing was written: the import is one
transaction). Uploaded files live in the media storage (a shared folder or S3), which every app server and worker
shares; a worker reads a local copy when the storage is remote.
"""

from __future__ import annotations

import logging
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from egovnet.core import media

from .annotate import annotated_workbook
from .choices import JobPhase, JobStatus
from .importers import get_spec, run_import
from .importers.engine import ImportReport
from .importers.reader import FileFormatError
from .models import ImportJob

PROGRESS_EVERY_S = 0.5
log = logging.getLogger(__name__)
FAILED_MESSAGE = (
    "导入失败，未写入任何数据。请检查文件后重新上传；如仍失败，请将任务编号 {pk} 告知系统管理员。"
    " / The import failed and nothing was written. Check the file and upload it again; if it fails again, "
    "give the administrator job number {pk}."
)


UPLOADS = "imports"


def save_upload(upload: Any, fmt: str) -> str:
    """Store an uploaded file in the media storage (shared by every app server and worker); its storage name."""
    return default_storage.save(f"{UPLOADS}/{uuid.uuid4().hex}.{fmt}", upload)


def annotated_name(job: ImportJob) -> str:
    """Where a rejected job keeps its annotated workbook (the upload itself is removed when the job ends)."""
    return f"{UPLOADS}/job-{job.pk}-errors.xlsx"


def _release_upload(job: ImportJob) -> None:
    """A job that ended (imported, rejected, failed) keeps no copy of the upload; a rejected one keeps only the
    annotated workbook the user downloads. A validated job keeps its file until it is confirmed or purged."""
    if job.status not in {JobStatus.DONE, JobStatus.REJECTED, JobStatus.FAILED}:
        return
    try:
        if job.status == JobStatus.REJECTED:
            _store_annotated(job)
    except Exception:  # the report on the page stays complete; only the download is missing
        log.exception("annotated workbook of import job %s could not be written", job.pk)
    finally:
        media.delete(job.stored_path)


def _store_annotated(job: ImportJob) -> None:
    errors = job.report.get("errors", [])
    with media.local_copy(job.stored_path) as upload, tempfile.TemporaryFile() as out:
        if not upload.exists():
            return
        annotated_workbook(upload, job.fmt, get_spec(job.registry), errors, out)
        out.seek(0)
        media.delete(annotated_name(job))
        default_storage.save(annotated_name(job), File(out))


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
        with media.local_copy(job.stored_path) as path:
            report = run_import(
                str(path),
                spec,
                actor=job.user,
                dry_run=not write,
                fmt=job.fmt,
                progress=_progress_writer(job.pk),
                reason=f"导入 import {job.original_name}",
            )
    except FileFormatError as exc:  # says in both languages what is wrong with the file
        job.status, job.message = JobStatus.FAILED, str(exc)
    except Exception:  # the job row must say what happened, never the exception's text; the log keeps it
        log.exception("import job %s failed", job.pk)
        job.status, job.message = JobStatus.FAILED, FAILED_MESSAGE.format(pk=job.pk)
    else:
        job.report = report_json(report)
        job.done_rows = job.total_rows = report.rows
        if not report.ok:
            job.status = JobStatus.REJECTED
        else:
            job.status = JobStatus.DONE if write else JobStatus.VALIDATED
    job.finished = timezone.now()
    job.save(update_fields=["status", "message", "report", "done_rows", "total_rows", "finished"])
    _release_upload(job)
    return job


# How a job reaches the queue: set from ``ExchangeConfig.ready`` (``tasks.run_import_job`` runs ``run_job``, so
# this module does not import ``tasks`` back).
_ENQUEUE: list[Callable[[int, bool], Any]] = []


def register_enqueue(fn: Callable[[int, bool], Any]) -> None:
    _ENQUEUE[:] = [fn]


def start(job: ImportJob, *, write: bool) -> None:
    job.status = JobStatus.WRITING if write else JobStatus.VALIDATING
    job.phase = JobPhase.WRITE if write else JobPhase.VALIDATE
    job.done_rows = 0
    job.save(update_fields=["status", "phase", "done_rows"])
    if getattr(settings, "EXCHANGE_INLINE_JOBS", settings.MODE == "test"):
        run_job(job.pk, write=write)
        return

    enqueue = _ENQUEUE[0]
    transaction.on_commit(lambda: enqueue(job.pk, write))
