"""Upload → validate (dry run) → report → confirm → import; templates, exports and documents downloads."""

from __future__ import annotations

import io
import uuid
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from egovnet.core import permissions
from egovnet.core.db_router import reads_from_replica

from . import jobs
from .annotate import annotated_workbook
from .choices import FINAL_STATUSES, JobStatus
from .documents import render_national_report_pdf, render_review_sheet
from .documents.builders import SourceMissing, build_national_report, build_review_sheet
from .exporters import XLSX_TYPE, export_response, readable_queryset
from .importers import all_specs, get_spec
from .models import ImportJob
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
            stored = jobs.upload_dir() / f"{uuid.uuid4().hex}.{fmt}"
            with stored.open("wb") as fh:
                for chunk in upload.chunks():
                    fh.write(chunk)
            job = ImportJob.objects.create(
                user=request.user, registry=spec_name, original_name=upload.name[:255], stored_path=str(stored), fmt=fmt
            )
            jobs.start(job, write=False)
            return redirect("exchange:import_job", pk=job.pk)
    recent = ImportJob.objects.filter(user=request.user)[:10]
    return render(
        request,
        "exchange/import_start.html",
        {"specs": specs, "error": error, "recent": recent},
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
    if job.status != JobStatus.REJECTED:
        raise Http404("no errors to annotate")
    buffer = io.BytesIO()
    annotated_workbook(job.stored_path, job.fmt, get_spec(job.registry), job.report.get("errors", []), buffer)
    buffer.seek(0)
    name = f"{Path(job.original_name).stem}-errors.xlsx"
    return FileResponse(buffer, as_attachment=True, filename=name, content_type=XLSX_TYPE)


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
        queryset = spec.filterset(request.GET, queryset=queryset).qs
    return export_response(request, queryset, spec, fmt)


@login_required
def review_sheet(request, project_id: int, fmt: str):
    if fmt not in {"pdf", "docx"}:
        raise Http404(fmt)
    try:
        data = build_review_sheet(project_id, request.user)
    except SourceMissing as exc:
        return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    except ObjectDoesNotExist as exc:
        raise Http404(str(exc)) from exc
    content, content_type = render_review_sheet(data, fmt)
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="review-sheet-{project_id}.{fmt}"'
    return response


@login_required
@reads_from_replica
def national_report(request):
    data = build_national_report(request.user)
    response = HttpResponse(render_national_report_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="national-progress-report.pdf"'
    return response
