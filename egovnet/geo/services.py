"""Loading the national division code list (``egovnet load-divisions``)."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from egovnet.core import audit
from egovnet.core.choices import AuditAction

from .choices import DivisionLevel
from .models import Division

DEFAULT_FILE = Path(__file__).with_name("data") / "divisions.csv"
DEFAULT_SOURCE = "MCA 县以上行政区划代码 2025-12"
_LEVEL_ORDER = {DivisionLevel.PROVINCE: 0, DivisionLevel.PREFECTURE: 1, DivisionLevel.COUNTY: 2}
_REQUIRED = ("code", "name", "level", "parent_code")


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    renamed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    invalidated: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    unchanged: int = 0

    def summary(self) -> str:
        return (
            f"created {len(self.created)}, renamed {len(self.renamed)}, changed {len(self.changed)}, "
            f"invalidated {len(self.invalidated)}, restored {len(self.restored)}, unchanged {self.unchanged}"
        )


def read_division_file(path: Path) -> list[dict[str, str]]:
    """Parse and validate the whole file first; raise ValidationError naming every bad line."""
    errors: list[str] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise ValidationError(f"{path.name}: missing column(s) {', '.join(missing)}")
        rows = list(reader)
    codes = {r["code"].strip() for r in rows}
    seen: set[str] = set()
    for line, row in enumerate(rows, start=2):
        code, level, parent = row["code"].strip(), row["level"].strip(), (row["parent_code"] or "").strip()
        if not (len(code) == 6 and code.isdigit()):
            errors.append(f"line {line}: code {code!r} is not a 6-digit GB/T 2260 code")
        if code in seen:
            errors.append(f"line {line}: code {code} appears twice")
        seen.add(code)
        if level not in DivisionLevel.values:
            errors.append(f"line {line}: level {level!r} is not one of {', '.join(DivisionLevel.values)}")
        if not row["name"].strip():
            errors.append(f"line {line}: name is empty")
        if level == DivisionLevel.PROVINCE and parent:
            errors.append(f"line {line}: a province has no parent_code")
        if level != DivisionLevel.PROVINCE and parent not in codes:
            errors.append(f"line {line}: parent_code {parent!r} is not in the file")
    if errors:
        raise ValidationError(errors)
    return rows


def _row_values(row: dict[str, str]) -> dict[str, Any]:
    code = row["code"].strip()
    level = row["level"].strip()
    parent = (row.get("parent_code") or "").strip() or None
    province = (row.get("province_code") or "").strip() or (code[:2] + "0000")
    prefecture = (row.get("prefecture_code") or "").strip()
    if not prefecture and level == DivisionLevel.COUNTY and parent and parent != province:
        prefecture = parent
    return {
        "name": row["name"].strip(),
        "level": level,
        "parent_id": parent,
        "kind": (row.get("type") or "").strip(),
        "province_code": province,
        "prefecture_code": prefecture,
        "note": (row.get("note") or "").strip(),
    }


def divisions_load(
    *, actor: Any, path: Path = DEFAULT_FILE, as_of: dt.date | None = None, source: str = DEFAULT_SOURCE
) -> LoadReport:
    """Bring the division table in line with a code list, all-or-nothing and idempotently.

    New codes are created (valid from ``as_of`` unless the table was empty), changed names are kept in
    ``name_history``, codes missing from the list become invalid from ``as_of``.
    """
    rows = read_division_file(path)
    rows.sort(key=lambda r: (_LEVEL_ORDER[r["level"].strip()], r["code"]))
    day = as_of or dt.date.today()
    report = LoadReport()
    pending: list[audit.PendingEntry] = []
    with transaction.atomic():
        existing = {d.code: d for d in Division.objects.all()}
        first_load = not existing
        for row in rows:
            code, values = row["code"].strip(), _row_values(row)
            div = existing.get(code)
            if div is None:
                div = Division(code=code, source=source, valid_from=None if first_load else day, **values)
                div.save(force_insert=True)
                report.created.append(code)
                pending.append(audit.entry_for(div, action=AuditAction.CREATE, after=audit.snapshot(div)))
                continue
            before = audit.snapshot(div)
            changed = [k for k, v in values.items() if getattr(div, k) != v]
            if div.valid_to is not None:
                div.valid_to = None
                report.restored.append(code)
                changed.append("valid_to")
            if not changed:
                report.unchanged += 1
                continue
            if "name" in changed:
                div.name_history = [*div.name_history, {"name": div.name, "until": day.isoformat()}]
                report.renamed.append(code)
            elif code not in report.restored:
                report.changed.append(code)
            for k, v in values.items():
                setattr(div, k, v)
            div.source = source
            div.save()
            pending.append(audit.entry_for(div, action=AuditAction.UPDATE, before=before, after=audit.snapshot(div)))
        listed = {r["code"].strip() for r in rows}
        for code, div in existing.items():
            if code not in listed and div.valid_to is None:
                before = audit.snapshot(div)
                div.valid_to = day
                div.save(update_fields=["valid_to"])
                report.invalidated.append(code)
                pending.append(
                    audit.entry_for(
                        div,
                        action=AuditAction.UPDATE,
                        before=before,
                        after=audit.snapshot(div),
                        reason="removed from code list",
                    )
                )
        if pending:
            audit.record_many(actor=actor, entries=pending)
    return report
