"""The annotated workbook: the uploaded rows with each bad cell filled red, a comment on it giving the
reason, and an "错误 Errors" column listing every problem of the row."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from .importers.reader import DATA_SHEET, SheetSource
from .importers.rows import _norm_header
from .importers.spec import RegistrySpec

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERRORS_HEADER = "错误 Errors"


def _load(path: str | Path, fmt: str) -> Workbook:
    if fmt == "xlsx":
        wb = load_workbook(path)
        if DATA_SHEET in wb.sheetnames:
            wb.move_sheet(DATA_SHEET, -wb.sheetnames.index(DATA_SHEET))
            wb.active = 0
        return wb
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    source = SheetSource.open(path, "csv")
    with source.path.open(encoding=source.encoding, newline="") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    return wb


def annotated_workbook(
    path: str | Path, fmt: str, spec: RegistrySpec, errors: list[dict[str, Any]], target: str | Path | IO[bytes]
) -> None:
    """Write the annotated copy of the uploaded file (``errors``: dicts with row, column, message)."""
    wb = _load(path, fmt)
    ws = wb.worksheets[0]
    positions: dict[str, int] = {}
    for i, cell in enumerate(ws[1], start=1):
        full, zh = _norm_header(cell.value)
        positions.setdefault(full, i)
        positions.setdefault(zh, i)
    error_col = ws.max_column + 1
    ws.cell(row=1, column=error_col, value=ERRORS_HEADER).font = Font(bold=True, color="9C0006")
    by_row: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for error in errors:
        by_row[int(error["row"])].append(error)
    for row, row_errors in sorted(by_row.items()):
        lines = []
        for error in row_errors:
            header, message = error.get("column") or "", error["message"]
            lines.append(f"{header}: {message}" if header else message)
            full, zh = _norm_header(header)
            col = positions.get(full, positions.get(zh))
            if col is not None:
                cell = ws.cell(row=row, column=col)
                cell.fill = ERROR_FILL
                previous = cell.comment.text + "\n" if cell.comment else ""
                cell.comment = Comment(previous + message, "egovnet")
        target_cell = ws.cell(row=row, column=error_col, value="\n".join(lines))
        target_cell.fill = ERROR_FILL
    ws.column_dimensions[ws.cell(row=1, column=error_col).column_letter].width = 80
    wb.save(target)
