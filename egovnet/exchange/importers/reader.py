"""Streaming readers for .xlsx (openpyxl read-only) and CSV: constant memory whatever the file size."""

from __future__ import annotations

import csv
import io
import pickle
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

DATA_SHEET = "数据 Data"
CSV_SUFFIXES = {".csv", ".txt"}


class FileFormatError(ValueError):
    """The file cannot be read as a workbook / CSV of this registry (names what is wrong)."""


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

    def _csv_rows(self) -> Iterator[tuple[int, list]]:
        with self.path.open(encoding=self.encoding, newline="") as fh:
            for number, row in enumerate(csv.reader(fh), start=1):
                if number == 1 or any(cell.strip() for cell in row):
                    yield number, row

    def _xlsx_rows(self) -> Iterator[tuple[int, list]]:
        try:
            wb = load_workbook(self.path, read_only=True, data_only=True)
        except Exception as exc:  # zip / XML errors: say so in both languages
            raise FileFormatError(f"无法读取工作簿：{exc} / cannot read the workbook: {exc}") from exc
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
