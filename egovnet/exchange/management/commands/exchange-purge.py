"""``egovnet exchange-purge [--days 30]``: delete uploaded import files, generated documents and their job rows
older than N days."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand
from django.utils import timezone

from egovnet.core import audit, media
from egovnet.core.choices import AuditAction
from egovnet.core.services import system_actor
from egovnet.exchange.document_jobs import delete_file
from egovnet.exchange.jobs import annotated_name
from egovnet.exchange.models import DocumentJob, ImportJob


class Command(BaseCommand):
    help = "Delete import uploads and generated documents (files and job rows) older than --days (default 30); audited."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, **opts) -> None:
        cutoff = timezone.now() - dt.timedelta(days=opts["days"])
        old = ImportJob.objects.filter(created__lt=cutoff)
        files = 0
        for job in old.only("pk", "stored_path").iterator():
            files += sum(media.delete(name) for name in (job.stored_path, annotated_name(job)))
        count, _ = old.delete()
        documents = DocumentJob.objects.filter(created__lt=cutoff)
        for job in documents.only("pk", "stored_name").iterator():
            delete_file(job)
        count_documents, _ = documents.delete()
        audit.record_event(
            actor=system_actor(),
            action=AuditAction.SYSTEM,
            object_type="exchange.importjob",
            description=(
                f"清理导入文件与生成的文书 purge imports and documents older than {opts['days']} days: "
                f"{count} import jobs, {files} files, {count_documents} documents"
            ),
        )
        self.stdout.write(
            f"{count} 个导入任务、{files} 个文件、{count_documents} 份文书已删除 / "
            f"{count} jobs, {files} files, {count_documents} documents deleted"
        )
