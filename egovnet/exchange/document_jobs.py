"""Document jobs: a document asked for in the UI is built on a worker, and the requester downloads the file.

:func:`request_document` records the job (idempotent per user and key: a double click returns the same job) and
enqueues ``exchange.tasks.build_document_job`` when the request commits; :func:`run_document_job` builds the file
with :func:`documents.service.build_document` as the requester (so it is redacted for them, and only they may
download it) and saves it in the media storage, which every app server and worker shares. A failure marks the job
failed with the reason; a worker that dies is retried once, then the job is failed with that reason (ADR 0801).
``EXCHANGE_INLINE_JOBS`` (on in tests) builds in the caller instead.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone

from egovnet.core import media

from .choices import DOCUMENT_FINAL, DocumentStatus
from .documents.builders import SourceMissing
from .documents.service import DocumentRefused, build_document
from .models import DocumentJob

log = logging.getLogger(__name__)
STORAGE_DIR = "documents"
FAILED_MESSAGE = (
    "文书生成失败。请稍后重试；如仍失败，请将任务编号 {pk} 告知系统管理员。"
    " / The document could not be built. Try again later; if it fails again, give the administrator job number {pk}."
)


def derived_key(kind: str, params: dict[str, Any]) -> str:
    """The key when the client sends none: the same document asked again while one is in hand is not rebuilt."""
    text = json.dumps({"kind": str(kind), "params": params}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def request_document(*, actor: Any, kind: str, params: dict[str, Any], key: str = "") -> DocumentJob:
    """The job building this document for ``actor``: the existing one for the same key (or, without a key, the
    same document still queued or building), else a new job enqueued when the surrounding transaction commits."""
    key = (key or "").strip()[:200]
    if key:  # the same key for another document (a form re-used after "back") is another request
        key = hashlib.sha256(f"{key}|{derived_key(kind, params)}".encode()).hexdigest()
        existing = DocumentJob.objects.filter(user=actor, key=key).first()
    else:
        in_hand = DocumentJob.objects.filter(user=actor, kind=kind).exclude(status__in=DOCUMENT_FINAL)
        existing = next((j for j in in_hand if j.params == params), None)
        key = f"{derived_key(kind, params)[:40]}-{timezone.now():%Y%m%d%H%M%S%f}"
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            job = DocumentJob.objects.create(user=actor, kind=kind, params=params, key=key)
    except IntegrityError:  # the other click of a double click won the race
        return DocumentJob.objects.get(user=actor, key=key)
    _start(job)
    return job


def stored_name(job: DocumentJob, filename: str) -> str:
    suffix = filename.rsplit(".", 1)[-1] if "." in filename else "bin"
    return f"{STORAGE_DIR}/{job.user_id}/{job.pk}.{suffix}"


def run_document_job(job_id: int) -> DocumentJob:
    """Build the job's document as its requester and store it; the job row says done, or failed and why."""
    claimed = DocumentJob.objects.filter(pk=job_id).exclude(status__in=DOCUMENT_FINAL)
    if not claimed.update(status=DocumentStatus.BUILDING, started=timezone.now()):
        return DocumentJob.objects.get(pk=job_id)  # already finished: a retry or a duplicate enqueue
    job = DocumentJob.objects.select_related("user").get(pk=job_id)
    try:
        built = build_document(actor=job.user, kind=job.kind, params=job.params)
        _store(job, built)
    except (DocumentRefused, SourceMissing) as exc:  # both say in Chinese and English what is wrong
        return _finish(job, DocumentStatus.FAILED, message=str(exc))
    except Exception:  # the job says what happened (a build or a storage error), never the exception's text
        log.exception("document job %s failed", job.pk)
        return _finish(job, DocumentStatus.FAILED, message=FAILED_MESSAGE.format(pk=job.pk))
    return _finish(job, DocumentStatus.DONE)


def _store(job: DocumentJob, built: Any) -> None:
    name = stored_name(job, built.filename)
    default_storage.delete(name)  # a retry after a worker died may have left the previous attempt's file
    with built.file:
        job.stored_name = default_storage.save(name, File(built.file, name=name))
    job.download_name, job.content_type = built.filename, built.content_type
    job.size, job.sha256 = built.size, built.sha256


def _finish(job: DocumentJob, status: str, *, message: str = "") -> DocumentJob:
    job.status, job.message, job.finished = status, message, timezone.now()
    job.save(
        update_fields=[
            "status", "message", "finished", "stored_name", "download_name", "content_type", "size", "sha256"
        ]
    )
    return job


def document_job_abandoned(args_kwargs: dict[str, Any], reason: str) -> None:
    """The worker died on every attempt: the job says so instead of building forever."""
    job_id = args_kwargs.get("kwargs", {}).get("job_id")
    if job_id is None and args_kwargs.get("args"):
        job_id = args_kwargs["args"][0]
    DocumentJob.objects.filter(pk=job_id).exclude(status__in=DOCUMENT_FINAL).update(
        status=DocumentStatus.FAILED, message=reason, finished=timezone.now()
    )


def delete_file(job: DocumentJob) -> None:
    if job.stored_name:
        media.delete(job.stored_name)


# How a job reaches the queue: set from ``ExchangeConfig.ready`` (``tasks`` imports this module, not the reverse).
_ENQUEUE: list[Callable[[int], Any]] = []


def register_enqueue(fn: Callable[[int], Any]) -> None:
    _ENQUEUE[:] = [fn]


def _start(job: DocumentJob) -> None:
    if getattr(settings, "EXCHANGE_INLINE_JOBS", settings.MODE == "test"):
        run_document_job(job.pk)
        job.refresh_from_db()
        return
    enqueue = _ENQUEUE[0]
    transaction.on_commit(lambda: enqueue(job.pk))
