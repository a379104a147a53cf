"""Audit entries prepared for display: field diff, and redaction of classified system names.

A system's name, grade and classification reference are withheld when the reader's clearance does
not cover the grade in either snapshot of the entry, or the system as it is now (a system classified
later must not leak its name through an old entry).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from egovnet.core import permissions
from egovnet.systems import redaction
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, visible_condition

from .models import AuditEntry

SYSTEM_TYPE = ApplicationSystem._meta.label_lower
SENSITIVE = ("name", "secrecy_grade", "secrecy_ref")
IGNORED = {"last_updated", "version", "created"}
WITHHELD = "【不予显示 withheld】"


@dataclass
class DiffRow:
    field: str
    before: Any
    after: Any


@dataclass
class EntryView:
    entry: AuditEntry
    object_repr: str
    diff: list[DiffRow]
    redacted: bool


def _hidden_grade(snapshot: dict | None, rank: int) -> bool:
    return redaction.snapshot_hidden(snapshot, rank)


def _diff(before: dict | None, after: dict | None) -> list[DiffRow]:
    b, a = before or {}, after or {}
    keys = [k for k in dict.fromkeys([*b, *a]) if k not in IGNORED and b.get(k) != a.get(k)]
    return [DiffRow(k, b.get(k), a.get(k)) for k in keys]


def redact_entries(entries: list[AuditEntry], user: Any) -> list[EntryView]:
    rank = permissions.clearance_rank(user)
    system_ids = {e.object_id for e in entries if e.object_type == SYSTEM_TYPE and e.object_id.isdigit()}
    hidden_now: set[str] = set()
    if system_ids:  # one query per page, not per entry
        hidden = ApplicationSystem.objects.filter(pk__in=system_ids).exclude(visible_condition(user))
        hidden_now = {str(pk) for pk in hidden.values_list("pk", flat=True)}
    out = []
    for e in entries:
        redact = e.object_type == SYSTEM_TYPE and (
            e.object_id in hidden_now or _hidden_grade(e.before, rank) or _hidden_grade(e.after, rank)
        )
        rows = _diff(e.before, e.after)
        if redact:
            for row in rows:
                if row.field in SENSITIVE:
                    row.before = WITHHELD if row.before not in (None, "") else row.before
                    row.after = WITHHELD if row.after not in (None, "") else row.after
        repr_ = REDACTED_NAME if redact and not e.object_repr.startswith("涉密系统") else e.object_repr
        out.append(EntryView(e, repr_, rows, redact))
    return out
