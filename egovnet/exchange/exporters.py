"""Exports: any queryset of a registry + its column spec → .xlsx or CSV, streamed, redacted like the screen.

For the list views (owned by the UI)::

    from egovnet.exchange.exporters import export_response, readable_queryset
    from egovnet.exchange.importers import get_spec

    def system_export(request, fmt):
        spec = get_spec("systems")
        qs = readable_queryset(spec, ApplicationSystem.objects.all(), request.user)  # restrict + annotations
        qs = ApplicationSystemFilterSet(request.GET, queryset=qs).qs               # the screen's filters
        return export_response(request, qs, spec, fmt)

``export_response`` always re-applies ``permissions.restrict(…, "view")`` and, for systems, the
clearance annotation of ``egovnet.systems.queries`` (a hidden name exports as ``REDACTED_NAME``
and its grade as empty), whatever queryset it is given. The columns of each registry are those of
its ``RegistrySpec`` (``egovnet/exchange/importers/registries.py``): ``编号 ID``, ``版本 Version`` and
then one column per ``Column`` in order; the exported file is a valid import file (round trip).
"""

from __future__ import annotations

import csv
import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from django.db.models import QuerySet
from django.http import FileResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from egovnet.core import permissions
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import annotate_visibility

from .importers.reader import DATA_SHEET
from .importers.spec import RegistrySpec

FORMATS = {"xlsx", "csv"}
CHUNK = 2000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def readable_queryset(spec: RegistrySpec, queryset: QuerySet, reader: Any) -> QuerySet:
    """The rows the reader may see, annotated exactly as the screen annotates them."""
    if spec.scope is not None:  # the list view's own scope (e.g. projects' reviewers), applied exactly
        qs = queryset.filter(pk__in=spec.scope(reader).values("pk"))
    else:
        qs = permissions.restrict(queryset, reader, "view")
    if qs.model is ApplicationSystem and "display_name" not in qs.query.annotations:
        qs = annotate_visibility(qs, reader)
    if spec.annotate is not None:
        qs = spec.annotate(qs, reader)
    return qs


def export_rows(spec: RegistrySpec, queryset: QuerySet, reader: Any) -> Iterator[list[Any]]:
    """Header row, then one list per record; constant memory (server-side chunked iteration)."""
    yield spec.headers()
    qs = readable_queryset(spec, queryset, reader)
    if not qs.query.order_by and not qs.model._meta.ordering:
        qs = qs.order_by("pk")
    extra = ["name_visible"] if qs.model is ApplicationSystem else []
    has_version = any(f.name == "version" for f in qs.model._meta.concrete_fields)
    fields = ["pk", *(["version"] if has_version else []), *dict.fromkeys(c.source for c in spec.columns), *extra]
    for row in qs.values(*fields).iterator(chunk_size=CHUNK):
        if spec.redact:
            row = spec.redact(reader, row)
        yield [row["pk"], row.get("version"), *(_cell(c.label_for(row[c.source])) for c in spec.columns)]


def _cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def write_xlsx(rows: Iterator[list[Any]], target: str | Path | IO[bytes]) -> int:
    """Write rows with openpyxl's write-only mode (rows go to a temp file, not memory). Returns data rows."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    ws.freeze_panes = "A2"
    count = -1
    for count, row in enumerate(rows):
        if count == 0:
            header = []
            for value in row:
                cell = WriteOnlyCell(ws, value=value)
                cell.font = Font(bold=True)
                header.append(cell)
            ws.append(header)
        else:
            ws.append(row)
    wb.save(target)
    return max(count, 0)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(rows: Iterator[list[Any]]) -> Iterator[str]:
    """UTF-8 CSV with a BOM (so Excel opens the Chinese correctly), one line at a time."""
    writer = csv.writer(_Echo())
    yield "\ufeff"
    for row in rows:
        yield writer.writerow(["" if v is None else v for v in row])


def write_csv(rows: Iterator[list[Any]], path: str | Path) -> int:
    lines = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        for chunk in csv_chunks(rows):
            fh.write(chunk)
            lines += 1
    return max(lines - 2, 0)  # minus the BOM and the header


def filename(spec: RegistrySpec, fmt: str) -> str:
    return f"{spec.name}-{timezone.localdate():%Y%m%d}.{fmt}"


def export_response(request: Any, queryset: QuerySet, spec: RegistrySpec, fmt: str) -> Any:
    """An HTTP download of ``queryset`` (already filtered by the list view) for ``request.user``."""
    if fmt not in FORMATS:
        return HttpResponseBadRequest("格式只能是 xlsx 或 csv / format must be xlsx or csv")
    rows = export_rows(spec, queryset, request.user)
    if fmt == "csv":
        response = StreamingHttpResponse(csv_chunks(rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename(spec, fmt)}"'
        return response
    spool = tempfile.TemporaryFile()
    write_xlsx(rows, spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename(spec, fmt), content_type=XLSX_TYPE)
