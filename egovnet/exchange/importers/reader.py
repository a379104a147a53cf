"""Streaming readers for .xlsx (openpyxl read-only) and CSV: constant memory whatever the file size."""

from __future__ import annotations

import csv
import io
import pickle
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import load_workbook

DATA_SHEET = "数据 Data"
CSV_SUFFIXES = {".csv", ".txt"}


class FileFormatError(ValueError):
    """The file cannot be read as a workbook / CSV of this registry (names what is wrong)."""


@dataclass
class RowProblem:
    """A row the reader could not read as it stands (an over-long field, bytes that are not text): reported as
    that row's error instead of stopping the whole file. ``cells`` keeps what could be read (for the annotated
    workbook); ``column`` is the 0-based column of the problem, when known."""

    message: str
    column: int | None = None
    cells: list = field(default_factory=list)


_UNDECODABLE = re.compile("[\udc80-\udcff]")  # bytes kept by errors="surrogateescape"


@dataclass
class SheetSource:
    """A file to read: its path, format and (estimated) number of data rows for the progress bar."""

    path: Path
    fmt: str  # "xlsx" | "csv"
    encoding: str = "utf-8-sig"
    estimate: int = 0  # data rows expected (progress bar): known for CSV at once, for .xlsx once opened

    @classmethod
    def open(cls, path: str | Path, fmt: str | None = None) -> SheetSource:
        path = Path(path)
        fmt = fmt or ("csv" if path.suffix.lower() in CSV_SUFFIXES else "xlsx")
        if fmt not in {"csv", "xlsx"}:
            raise FileFormatError(f"不支持的文件格式 {fmt} / unsupported format {fmt}: use .xlsx or .csv")
        source = cls(path=path, fmt=fmt)
        if fmt == "csv":
            source.encoding = _sniff_encoding(path)
            with path.open("rb") as fh:
                lines = sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
            source.estimate = max(lines - 1, 0)
        return source

    def rows(self) -> Iterator[tuple[int, list]]:
        """(sheet row number, cell values) for the header (row 1) and every non-empty row after it."""
        if self.fmt == "csv":
            yield from self._csv_rows()
        else:
            yield from self._xlsx_rows()

    def _csv_rows(self) -> Iterator[tuple[int, list | RowProblem]]:
        # surrogateescape: a byte that is not valid text becomes that row's error, not an exception mid-file
        with self.path.open(encoding=self.encoding, errors="surrogateescape", newline="") as fh:
            reader, number = csv.reader(fh), 0
            while True:
                number += 1
                try:
                    row = next(reader)
                except StopIteration:
                    return
                except csv.Error as exc:
                    yield number, RowProblem(_csv_error_message(exc))
                    continue
                if number == 1 or any(cell.strip() for cell in row):
                    yield number, _checked_text(row, self.encoding)

    def _xlsx_rows(self) -> Iterator[tuple[int, list]]:
        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # zip / XML errors: say so in both languages, without the library's internals
            raise FileFormatError(
                "无法读取工作簿：文件已损坏，或不是 Excel .xlsx 文件。请用 Excel 另存为 .xlsx 后重新上传。"
                " / Cannot read the workbook: the file is damaged or not an Excel .xlsx file; save it as .xlsx "
                "and upload it again."
            ) from exc
        try:
            ws = _data_sheet(wb)
            if ws.max_row:  # from the sheet's <dimension> (Excel writes it; openpyxl's write-only mode does not)
                self.estimate = ws.max_row - 1
            for number, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if number == 1 or any(v not in (None, "") for v in row):
                    yield number, list(row)
        finally:
            wb.close()


class SpooledSource:
    """Pass 1 reads the file and keeps its raw cells in a temporary file (pickled chunks of rows); pass 2 replays
    them instead of parsing the workbook's XML again. Disk, not memory: the spool holds one chunk at a time."""

    def __init__(self, source: SheetSource, chunk: int = 1000) -> None:
        self.source, self.path, self.chunk = source, source.path, chunk
        self.file = tempfile.TemporaryFile()
        self.recorded = False

    @property
    def estimate(self) -> int:
        return self.source.estimate

    def rows(self) -> Iterator[tuple[int, list]]:
        if self.recorded:
            yield from self._replay()
            return
        self.file.seek(0)
        self.file.truncate()
        buffer: list[tuple[int, list]] = []
        for item in self.source.rows():
            buffer.append(item)
            if len(buffer) >= self.chunk:
                pickle.dump(buffer, self.file, protocol=pickle.HIGHEST_PROTOCOL)
                buffer = []
            yield item
        pickle.dump(buffer, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.recorded = True

    def _replay(self) -> Iterator[tuple[int, list]]:
        self.file.seek(0)
        while True:
            try:
                chunk = pickle.load(self.file)  # our own temporary file, written above
            except EOFError:
                return
            yield from chunk

    def close(self) -> None:
        self.file.close()


def _csv_error_message(exc: csv.Error) -> str:
    if "field larger than field limit" in str(exc):
        limit = csv.field_size_limit()
        return (
            f"本行有单元格超过 {limit} 个字符，无法读取（可能缺少结束引号）。请检查引号或缩短内容。"
            f" / A cell of this row is longer than {limit} characters and cannot be read (perhaps a closing "
            "quote is missing): check the quotes or shorten the text."
        )
    return "本行不是有效的 CSV 格式（请检查引号）。 / This row is not valid CSV (check the quotes)."


def _checked_text(row: list[str], encoding: str) -> list[str] | RowProblem:
    for i, cell in enumerate(row):
        if _UNDECODABLE.search(cell):
            shown = "GB 18030" if encoding == "gb18030" else "UTF-8"
            cleaned = [_UNDECODABLE.sub("\ufffd", c) for c in row]
            return RowProblem(
                f"第 {i + 1} 列含有不是 {shown} 文本的字节（文件编码混杂或已损坏）。请将整个文件另存为 UTF-8 编码的 CSV。"
                f" / Column {i + 1} holds bytes that are not {shown} text (mixed or damaged encoding): "
                "save the whole file as CSV in UTF-8.",
                column=i,
                cells=cleaned,
            )
    return row


def _data_sheet(wb):
    return wb[DATA_SHEET] if DATA_SHEET in wb.sheetnames else wb.worksheets[0]


def _sniff_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) or GB 18030 (what Chinese Excel writes for "CSV")."""
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not just a character cut at the chunk boundary
            return "gb18030"
    return "utf-8-sig"


def csv_text_rows(text: str) -> Iterator[list[str]]:
    """CSV rows of an in-memory string (tests and small uploads)."""
    yield from csv.reader(io.StringIO(text))
