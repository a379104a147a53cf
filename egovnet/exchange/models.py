"""Import jobs (the uploaded file, its progress and its report) and document jobs (a generated file to download)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .choices import DocumentKind, DocumentStatus, JobPhase, JobStatus


class ImportJob(models.Model):
    """One upload. Validation (dry run) and the confirmed import both update this row as they progress.

    Jobs are private to the user who uploaded them (views filter on ``user``); the registry rows they
    write are authorized and audited by the registry services as that user.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    registry = models.CharField(_("registry"), max_length=40)
    original_name = models.CharField(_("file name"), max_length=255)
    stored_path = models.CharField(max_length=500)
    fmt = models.CharField(max_length=8)
    status = models.CharField(_("status"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED)
    phase = models.CharField(max_length=12, choices=JobPhase.choices, default=JobPhase.VALIDATE)
    done_rows = models.PositiveIntegerField(default=0)
    total_rows = models.PositiveIntegerField(default=0)
    report = models.JSONField(default=dict, blank=True)
    message = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("import job")
        verbose_name_plural = _("import jobs")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "-created"], name="exch_job_user_created")]

    def __str__(self) -> str:
        return f"{self.registry}: {self.original_name} ({self.status})"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0 if self.status not in {JobStatus.VALIDATED, JobStatus.DONE} else 100
        return min(100, round(100 * self.done_rows / self.total_rows))


class DocumentTemplate(models.Model):
    """An administrator's version of a document template (overrides the file of the same name).

    Lookup order: this table, then ``EXCHANGE_DOCUMENT_TEMPLATES_DIR``, then the shipped file
    (``egovnet/exchange/documents/blocks.py``). Edits are audited (admin ``save_model``).
    """

    name = models.CharField(
        _("template name"), max_length=100, unique=True, help_text="review_sheet.html / national_report.html"
    )
    content = models.TextField(_("content"))
    active = models.BooleanField(_("active"), default=True)
    last_updated = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")

    def __str__(self) -> str:
        return self.name


class DocumentJob(models.Model):
    """One generated document (report PDF, review sheet, registry export) built on a worker for one user.

    The file is redacted for the requester (it is built as that user), so only the requester may download it
    (views filter on ``user``). ``key`` is the idempotency key: the same key from the same user returns the same
    job, so a double click builds once. ``stored_name`` is the file's name in the media storage.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="document_jobs")
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    params = models.JSONField(default=dict, blank=True)
    key = models.CharField(max_length=64)
    status = models.CharField(
        _("status"), max_length=10, choices=DocumentStatus.choices, default=DocumentStatus.QUEUED
    )
    message = models.TextField(blank=True)
    stored_name = models.CharField(max_length=300, blank=True)
    download_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    started = models.DateTimeField(null=True, blank=True)
    finished = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("document job")
        verbose_name_plural = _("document jobs")
        ordering = ["-created", "-id"]
        indexes = [models.Index(fields=["user", "-created"], name="exch_doc_user_created")]
        constraints = [models.UniqueConstraint(fields=["user", "key"], name="exch_doc_user_key")]

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"
