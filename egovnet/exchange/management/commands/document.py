"""``egovnet document national_report|review_sheet FILE --actor USERNAME [--project ID]``: build a document as the
actor sees the data, by the same service as the UI's document jobs (authorised, redacted, audited)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from egovnet.exchange.choices import DocumentKind
from egovnet.exchange.documents.builders import SourceMissing
from egovnet.exchange.documents.service import DocumentRefused, build_document

from ._common import resolve_actor

KINDS = (DocumentKind.NATIONAL_REPORT, DocumentKind.REVIEW_SHEET)


class Command(BaseCommand):
    help = "Build the national report (PDF) or a project's review sheet (.pdf/.docx by suffix) as --actor sees it."

    def add_arguments(self, parser) -> None:
        parser.add_argument("kind", choices=[str(k) for k in KINDS])
        parser.add_argument("file")
        parser.add_argument("--actor", required=True, help="build as this user (scope and clearance)")
        parser.add_argument("--project", type=int, help="the project of a review sheet")

    def handle(self, *args, **opts) -> None:
        path = Path(opts["file"])
        params: dict = {}
        if opts["kind"] == DocumentKind.REVIEW_SHEET:
            if opts["project"] is None:
                raise CommandError("审查表须指定 --project / a review sheet needs --project ID")
            params = {"project_id": opts["project"], "fmt": path.suffix.lower().lstrip(".") or "pdf"}
        try:
            built = build_document(actor=resolve_actor(opts["actor"]), kind=opts["kind"], params=params)
        except (DocumentRefused, SourceMissing) as exc:
            raise CommandError(str(exc)) from exc
        with built.file, path.open("wb") as out:
            out.write(built.file.read())
        self.stdout.write(f"{built.filename}: {built.size} 字节 bytes, SHA-256 {built.sha256} → {path}")
