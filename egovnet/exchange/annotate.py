"""The annotated workbook: the uploaded rows with each bad cell filled red, a comment on it giving the
reason, and an "错误 Errors" column listing every problem of the row.

Streaming both ways (read-only reader, write-only writer): a 100k-row upload is annotated in bounded
memory; row numbers are kept, so "第 N 行" in the report is row N of the annotated sheet.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill

from .importers.reader import DATA_SHEET, RowProblem, SheetSource
from .importers.rows import _norm_header
from .importers.spec import RegistrySpec

ERROR_FILL = PatternFill("solid", fgColor="FFC7CE")
ERRORS_HEADER = "错误 Errors"


def _positions(header: list) -> dict[str, int]:
    positions: dict[str, int] = {}
    for i, value in enumerate(header):
        full, zh = _norm_header(value)
        positions.setdefault(full, i)
        positions.setdefault(zh, i)
    return positions


def _error_cell(ws: Any, value: Any, messages: list[str]) -> WriteOnlyCell:
    cell = WriteOnlyCell(ws, value=value)
    cell.fill = ERROR_FILL
    cell.comment = Comment("\n".join(messages), "egovnet")
    return cell


def annotated_workbook(
    path: str | Path, fmt: str, spec: RegistrySpec, errors: list[dict[str, Any]], target: str | Path | IO[bytes]
) -> None:
    """Write the annotated copy of the uploaded file (``errors``: dicts with row, column, message)."""
    by_row: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for error in errors:
        by_row[int(error["row"])].append(error)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    positions: dict[str, int] = {}
    width, written = 0, 0
    for number, cells in SheetSource.open(path, fmt).rows():
        if isinstance(cells, RowProblem):
            cells = cells.cells  # what could be read; the row's error says what could not
        while written < number - 1:  # keep the sheet's row numbers (empty rows were skipped by the reader)
            ws.append([])
            written += 1
        if number == 1:
            positions, width = _positions(cells), len(cells)
            header = [WriteOnlyCell(ws, value=v) for v in cells] + [WriteOnlyCell(ws, value=ERRORS_HEADER)]
            header[-1].font = Font(bold=True, color="9C0006")
            ws.append(header)
        else:
            ws.append(_annotated_row(ws, cells, width, positions, by_row.get(number, [])))
        written = number
    wb.save(target)


def _annotated_row(ws: Any, cells: list, width: int, positions: dict[str, int], row_errors: list[dict]) -> list:
    values: list[Any] = list(cells) + [None] * max(0, width - len(cells))
    if not row_errors:
        return values
    per_cell: dict[int, list[str]] = defaultdict(list)
    lines = []
    for error in row_errors:
        header, message = error.get("column") or "", error["message"]
        lines.append(f"{header}: {message}" if header else message)
        full, zh = _norm_header(header)
        col = positions.get(full, positions.get(zh))
        if col is not None:
            per_cell[col].append(message)
    out: list[Any] = [_error_cell(ws, value, per_cell[i]) if i in per_cell else value for i, value in enumerate(values)]
    summary = WriteOnlyCell(ws, value="\n".join(lines))
    summary.fill = ERROR_FILL
    return [*out, summary]
