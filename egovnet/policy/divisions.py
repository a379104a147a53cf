"""Division names for the jurisdiction resolver, read from the GB/T 2260 CSV (no database needed)."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

from egovnet.policy.engine.jurisdiction import HeuristicDirectory

CSV_PATH = Path(__file__).resolve().parent.parent / "geo" / "data" / "divisions.csv"


class CsvDirectory(HeuristicDirectory):
    def __init__(self, rows: dict[str, dict[str, str]]):
        self._rows = rows

    def name(self, code: str) -> str | None:
        row = self._rows.get(code)
        return row["name"] if row else None

    def province_of(self, code: str) -> str:
        row = self._rows.get(code)
        return row["province_code"] if row and row["province_code"] else super().province_of(code)

    def prefecture_of(self, code: str) -> str | None:
        row = self._rows.get(code)
        if row is None:
            return super().prefecture_of(code)
        return row["prefecture_code"] or None


@functools.cache
def csv_directory() -> CsvDirectory:
    try:
        with CSV_PATH.open(encoding="utf-8") as fh:
            rows = {r["code"]: r for r in csv.DictReader(fh)}
    except OSError:
        rows = {}
    return CsvDirectory(rows)
