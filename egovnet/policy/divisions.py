"""Division names for the jurisdiction resolver, read from the GB/T 2260 CSV (no database needed).

Fails closed: when the table is missing, unreadable or empty, the directory raises :class:`DivisionDataMissing`
on every lookup, so a rule resolving an authority gives an indeterminate (blocking) finding that says the data
is missing, instead of naming an authority from code arithmetic.
"""

from __future__ import annotations

import csv
from pathlib import Path

from egovnet.policy.engine.jurisdiction import HeuristicDirectory

CSV_PATH = Path(__file__).resolve().parent.parent / "geo" / "data" / "divisions.csv"


class DivisionDataMissing(RuntimeError):
    """The division table (egovnet/geo/data/divisions.csv) could not be read: no authority can be resolved."""


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


class UnavailableDirectory(HeuristicDirectory):
    """Stands in for a division table that could not be read: every lookup raises."""

    def __init__(self, reason: str):
        self.reason = reason

    def _fail(self, code: str):
        raise DivisionDataMissing(
            f"行政区划数据缺失（{self.reason}），无法确定区划 {code} 的同级机关；请安装 egovnet/geo/data/divisions.csv。"
            f" / Division data missing ({self.reason}): cannot resolve the authority for division {code}; "
            "install egovnet/geo/data/divisions.csv."
        )

    def name(self, code: str) -> str | None:
        self._fail(code)

    def province_of(self, code: str) -> str:
        self._fail(code)

    def prefecture_of(self, code: str) -> str | None:
        self._fail(code)


_CACHE: dict[Path, CsvDirectory] = {}


def load_directory(path: Path = CSV_PATH) -> HeuristicDirectory:
    """The directory of ``path``; an :class:`UnavailableDirectory` when it cannot be read (not cached, so a table
    installed later is picked up)."""
    if path in _CACHE:
        return _CACHE[path]
    try:
        with path.open(encoding="utf-8") as fh:
            rows = {r["code"]: r for r in csv.DictReader(fh)}
    except (OSError, KeyError, csv.Error) as exc:
        return UnavailableDirectory(f"{path.name}: {type(exc).__name__}")
    if not rows:
        return UnavailableDirectory(f"{path.name}: empty")
    _CACHE[path] = directory = CsvDirectory(rows)
    return directory


def csv_directory() -> HeuristicDirectory:
    return load_directory(CSV_PATH)
