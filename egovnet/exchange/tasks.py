"""Import and document jobs as tasks: validation, the write and document builds run on a worker, never in the web
process.

Both are safe to run again: an import is one transaction (a worker that dies mid-write leaves nothing behind), and
a job that already reached a final status is not run twice (the job id is the idempotency key).
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_tasks import task

from egovnet.core import media

from .choices import JobStatus
from .document_jobs import run_document_job
from .jobs import run_job
from .models import ImportJob

RUNNING = (JobStatus.VALIDATING, JobStatus.WRITING)
MAX_ATTEMPTS = 2


@task()
def run_import_job(job_id: int, write: bool) -> str:
    job = ImportJob.objects.only("status").get(pk=job_id)
    if job.status not in RUNNING:
        return job.status  # already finished (a retry after the result was saved, or a duplicate enqueue)
    return run_job(job_id, write=write).status


def import_job_abandoned(args_kwargs: dict[str, Any], reason: str) -> None:
    """The worker died on every attempt: the job says so instead of showing progress forever."""
    job_id = args_kwargs.get("kwargs", {}).get("job_id")
    if job_id is None and args_kwargs.get("args"):
        job_id = args_kwargs["args"][0]
    running = ImportJob.objects.filter(pk=job_id, status__in=RUNNING)
    stored = list(running.values_list("stored_path", flat=True))
    if running.update(status=JobStatus.FAILED, message=reason, finished=timezone.now()):
        for name in stored:  # a job that ended keeps no copy of the upload (docs/decisions/0025)
            media.delete(name)



@task()
def build_document_job(job_id: int) -> str:
    """Build a requested document on a worker. Safe to run again: the file is rebuilt under the same name and a
    job already done or failed is not run twice (the job id is the idempotency key)."""
    return run_document_job(job_id).status
