"""Upload → validate (dry run) → report → confirm → import; templates, exports, documents and document jobs."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from egovnet.core import permissions
from egovnet.core.db_router import reads_from_replica

from . import document_jobs, jobs
from .choices import DOCUMENT_FINAL, FINAL_STATUSES, DocumentKind, DocumentStatus, JobStatus
from .documents.builders import SourceMissing
from .documents.service import SHEET_FORMATS, DocumentNotFound, build_document
from .exporters import XLSX_TYPE, export_response, readable_queryset
from .importers import all_specs, get_spec
from .models import DocumentJob, ImportJob
from .templates import build_template

MAX_UPLOAD_BYTES = 200 * 1024 * 1024
SUFFIXES = {".xlsx": "xlsx", ".csv": "csv"}


def _spec_or_404(name: str):
    try:
        return get_spec(name)
    except LookupError:
        raise Http404(name) from None


@login_required
@require_http_methods(["GET", "POST"])
def import_start(request):
    specs = [
        s
        for s in all_specs()
        if s.importable
        and (
            permissions.has_any_grant(request.user, "add", s.model)
            or permissions.has_any_grant(request.user, "change", s.model)
        )
    ]
    error = ""
    if request.method == "POST":
        upload, spec_name = request.FILES.get("file"), request.POST.get("registry", "")
        fmt = SUFFIXES.get(Path(upload.name).suffix.lower()) if upload else None
        if spec_name not in {s.name for s in specs}:
            error = "请选择您有权导入的登记簿 / choose a registry you may import into"
        elif upload is None or fmt is None:
            error = "请上传 .xlsx 或 .csv 文件 / upload an .xlsx or .csv file"
        elif upload.size > MAX_UPLOAD_BYTES:
            error = "文件超过 200 MB / the file is larger than 200 MB"
        else:
            stored = jobs.save_upload(upload, fmt)
            job = ImportJob.objects.create(
                user=request.user, registry=spec_name, original_name=upload.name[:255], stored_path=stored, fmt=fmt
            )
            jobs.start(job, write=False)
            return redirect("exchange:import_job", pk=job.pk)
    recent = ImportJob.objects.filter(user=request.user)[:10]
    return render(
        request,
        "exchange/import_start.html",
        {"specs": specs, "error": error, "recent": recent, "doc_key": uuid.uuid4().hex},
        status=400 if error else 200,
    )


def _job(request, pk: int) -> ImportJob:
    return get_object_or_404(ImportJob, pk=pk, user=request.user)


@login_required
def import_job(request, pk: int):
    job = _job(request, pk)
    return render(request, "exchange/import_job.html", {"job": job, "final": job.status in FINAL_STATUSES})


@login_required
def import_progress(request, pk: int):
    job = _job(request, pk)
    response = render(request, "exchange/_progress.html", {"job": job, "final": job.status in FINAL_STATUSES})
    if job.status in FINAL_STATUSES:
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_POST
def import_confirm(request, pk: int):
    job = _job(request, pk)
    if job.status != JobStatus.VALIDATED:
        raise PermissionDenied("只有校验通过的文件才能导入 / only a validated file can be imported")
    jobs.start(job, write=True)
    return redirect("exchange:import_job", pk=job.pk)


@login_required
def import_annotated(request, pk: int):
    job = _job(request, pk)
    stored = jobs.annotated_name(job)
    if job.status != JobStatus.REJECTED or not default_storage.exists(stored):
        raise Http404("no errors to annotate")
    name = f"{Path(job.original_name).stem}-errors.xlsx"
    return FileResponse(default_storage.open(stored, "rb"), as_attachment=True, filename=name, content_type=XLSX_TYPE)


@login_required
def template_download(request, registry: str):
    spec = _spec_or_404(registry)
    buffer = io.BytesIO()
    build_template(spec, buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename=f"{spec.name}-template.xlsx", content_type=XLSX_TYPE)


@login_required
@reads_from_replica
def export_registry(request, registry: str, fmt: str):
    """The whole registry in the reader's scope, narrowed by the list view's filters (same query parameters)."""
    spec = _spec_or_404(registry)
    queryset = readable_queryset(spec, spec.model.objects.all(), request.user)
    if spec.filterset is not None:
        filterset = spec.filterset(request.GET, queryset=queryset)
        if hasattr(filterset, "is_valid") and not filterset.is_valid():
            return _invalid_filters(filterset.errors)
        queryset = filterset.qs
    return export_response(request, queryset, spec, fmt)


def _invalid_filters(errors: dict) -> HttpResponse:
    """A filter the list would reject is not silently dropped from an export (that would export everything)."""
    lines = [f"{name}: {' '.join(messages)}" for name, messages in errors.items()]
    text = "导出筛选条件无效，请修正后重试。 / Invalid export filters; correct them and retry.\n" + "\n".join(lines)
    return HttpResponse(text, status=400, content_type="text/plain; charset=utf-8")


@login_required
def review_sheet(request, project_id: int, fmt: str):
    """A project's review sheet, built in the request (small: one project) by the same service as a document job."""
    if fmt not in SHEET_FORMATS:
        raise Http404(fmt)
    try:
        built = build_document(
            actor=request.user, kind=DocumentKind.REVIEW_SHEET, params={"project_id": project_id, "fmt": fmt}
        )
    except SourceMissing as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    except DocumentNotFound as exc:
        raise Http404(str(exc)) from exc
    with built.file:
        response = HttpResponse(built.file.read(), content_type=built.content_type)
    response["Content-Disposition"] = f'attachment; filename="{built.filename}"'
    return response


@login_required
def national_report(request):
    """The national report is built on a worker (it can take seconds): this page asks for one and lists the user's
    document jobs."""
    return render(request, "exchange/document_request.html", _documents_context(request))


def _documents_context(request) -> dict:
    return {
        "recent": DocumentJob.objects.filter(user=request.user).only(
            "pk", "kind", "status", "created", "finished", "download_name", "user_id"
        )[:10],
        "key": uuid.uuid4().hex,
        "kind": DocumentKind.NATIONAL_REPORT,
    }


REQUEST_PARAMS = {
    DocumentKind.NATIONAL_REPORT: (),
    DocumentKind.REVIEW_SHEET: ("project_id", "fmt"),
    DocumentKind.EXPORT: ("registry", "fmt", "query"),
}


@login_required
@require_POST
def document_request(request):
    """Ask for a document to be built in the background; a double click (same key) returns the same job."""
    kind = request.POST.get("kind", "")
    if kind not in REQUEST_PARAMS:
        return HttpResponse(
            "没有这种文书 / no such document", status=400, content_type="text/plain; charset=utf-8"
        )
    params = {name: request.POST[name] for name in REQUEST_PARAMS[kind] if name in request.POST}
    job = document_jobs.request_document(
        actor=request.user, kind=kind, params=params, key=request.POST.get("key", "")
    )
    return redirect("exchange:document_job", pk=job.pk)


def _document_job(request, pk: int) -> DocumentJob:
    """Only the requester's jobs: the file is redacted for them."""
    return get_object_or_404(DocumentJob, pk=pk, user=request.user)


@login_required
def document_job(request, pk: int):
    job = _document_job(request, pk)
    return render(request, "exchange/document_job.html", {"job": job, "final": job.status in DOCUMENT_FINAL})


@login_required
def document_progress(request, pk: int):
    job = _document_job(request, pk)
    final = job.status in DOCUMENT_FINAL
    response = render(request, "exchange/_document_progress.html", {"job": job, "final": final})
    if final:
        response["HX-Refresh"] = "true"
    return response


@login_required
def document_download(request, pk: int):
    job = _document_job(request, pk)
    if job.status != DocumentStatus.DONE or not job.stored_name:
        raise Http404("文书尚未生成 / the document is not ready")
    return FileResponse(
        default_storage.open(job.stored_name, "rb"),
        as_attachment=True,
        filename=job.download_name,
        content_type=job.content_type,
    )
