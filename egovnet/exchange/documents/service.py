"""Building a document for a user: the one path for the synchronous downloads and the background document jobs.

:func:`build_document` authorises, builds (through the builders, which restrict and redact every row for the
reader) and audits; the review sheet's download view calls it in the request and
``exchange.tasks.build_document_job`` calls it on a worker, as the job's requester. Reports and exports read from
the replica when one is configured (ADR 0800).
"""

from __future__ import annotations

import hashlib
import io
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ObjectDoesNotExist
from django.http import QueryDict

from egovnet.core import audit
from egovnet.core.choices import AuditAction
from egovnet.core.db_router import replica_reads

from ..choices import DocumentKind
from ..exporters import FORMATS as EXPORT_FORMATS
from ..exporters import XLSX_TYPE, csv_chunks, export_rows, filename, readable_queryset, write_xlsx
from ..importers import get_spec
from . import render_national_report_pdf, render_review_sheet
from .builders import build_national_report, build_review_sheet

SHEET_FORMATS = {"pdf", "docx"}


class DocumentRefused(ValueError):
    """The request cannot be built as asked (unknown document, format or filter); the message says why and how."""


class DocumentNotFound(DocumentRefused):
    """The subject does not exist or the requester may not see it (the same answer for both: nothing leaks)."""


@dataclass
class BuiltDocument:
    file: IO[bytes]  # positioned at the start
    content_type: str
    filename: str
    size: int
    sha256: str


Builder = Callable[[Any, dict[str, Any]], tuple[IO[bytes], str, str]]


def _national_report(actor: Any, params: dict[str, Any]) -> tuple[IO[bytes], str, str]:
    with replica_reads():
        data = build_national_report(actor)
    return io.BytesIO(render_national_report_pdf(data)), "application/pdf", "national-progress-report.pdf"


def _review_sheet(actor: Any, params: dict[str, Any]) -> tuple[IO[bytes], str, str]:
    fmt = params.get("fmt", "pdf")
    if fmt not in SHEET_FORMATS:
        raise DocumentRefused("审查表格式只能是 pdf 或 docx / the review sheet's format must be pdf or docx")
    try:
        project_id = int(params["project_id"])
        data = build_review_sheet(project_id, actor)
    except (KeyError, TypeError, ValueError, ObjectDoesNotExist) as exc:
        raise DocumentNotFound("项目不存在或您无权查看 / no such project, or you may not see it") from exc
    content, content_type = render_review_sheet(data, fmt)
    return io.BytesIO(content), content_type, f"review-sheet-{project_id}.{fmt}"


def _export(actor: Any, params: dict[str, Any]) -> tuple[IO[bytes], str, str]:
    fmt = params.get("fmt", "xlsx")
    if fmt not in EXPORT_FORMATS:
        raise DocumentRefused("导出格式只能是 xlsx 或 csv / the export format must be xlsx or csv")
    try:
        spec = get_spec(str(params.get("registry", "")))
    except LookupError as exc:
        raise DocumentNotFound("没有这个登记簿 / no such registry") from exc
    spool = tempfile.TemporaryFile()
    with replica_reads():
        queryset = readable_queryset(spec, spec.model.objects.all(), actor)
        if spec.filterset is not None:
            filterset = spec.filterset(QueryDict(params.get("query", "")), queryset=queryset)
            if hasattr(filterset, "is_valid") and not filterset.is_valid():
                lines = "; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items())
                raise DocumentRefused(f"导出筛选条件无效，请修正后重试 / invalid export filters; correct them: {lines}")
            queryset = filterset.qs
        rows = export_rows(spec, queryset, actor)
        if fmt == "xlsx":
            write_xlsx(rows, spool)
        else:
            for chunk in csv_chunks(rows):
                spool.write(chunk.encode("utf-8"))
    content_type = XLSX_TYPE if fmt == "xlsx" else "text/csv; charset=utf-8"
    return spool, content_type, filename(spec, fmt)


BUILDERS: dict[str, Builder] = {
    DocumentKind.NATIONAL_REPORT: _national_report,
    DocumentKind.REVIEW_SHEET: _review_sheet,
    DocumentKind.EXPORT: _export,
}


def _digest(fh: IO[bytes]) -> tuple[int, str]:
    fh.seek(0)
    sha, size = hashlib.sha256(), 0
    while chunk := fh.read(1 << 20):
        sha.update(chunk)
        size += len(chunk)
    fh.seek(0)
    return size, sha.hexdigest()


def build_document(*, actor: Any, kind: str, params: dict[str, Any]) -> BuiltDocument:
    """Build one document as ``actor`` sees the data (restricted and redacted by the builders) and audit it.

    Fails closed: an inactive or anonymous actor is refused, and every refusal says what is wrong.
    """
    if not getattr(actor, "is_authenticated", False) or not getattr(actor, "is_active", False):
        raise DocumentRefused("账号已停用或未登录，不能生成文书 / an inactive or anonymous account cannot build documents")
    builder = BUILDERS.get(kind)
    if builder is None:
        raise DocumentRefused(f"没有这种文书：{kind} / no such document: {kind}")
    fh, content_type, name = builder(actor, params)
    size, sha256 = _digest(fh)
    audit.record_event(
        actor=actor,
        action=AuditAction.SYSTEM,
        object_type="exchange.document",
        object_id=str(kind),
        description=f"生成文书 generated document {name}",
        after={"kind": str(kind), "params": params, "size": size, "sha256": sha256},
    )
    return BuiltDocument(file=fh, content_type=content_type, filename=name, size=size, sha256=sha256)
