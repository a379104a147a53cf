"""Audit entries prepared for display: field diff, and redaction of classified names.

Which entries and fields are withheld is declared by the app that owns the model
(``core.registry.register_audit_redactor``), and decided as for the API (``core.api.audit``): e.g. a
system's name, grade and classification reference are withheld when the reader's clearance does not cover
the grade in either snapshot of the entry, or the system as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .api.audit import entry_is_redacted, hidden_now_keys, redact_repr
from .models import AuditEntry
from .registry import audit_redactor

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


def _diff(before: dict | None, after: dict | None) -> list[DiffRow]:
    b, a = before or {}, after or {}
    keys = [k for k in dict.fromkeys([*b, *a]) if k not in IGNORED and b.get(k) != a.get(k)]
    return [DiffRow(k, b.get(k), a.get(k)) for k in keys]


def redact_entries(entries: list[AuditEntry], user: Any) -> list[EntryView]:
    hidden_now = hidden_now_keys(entries, user)  # one query per page, not per entry
    out = []
    for e in entries:
        redact = entry_is_redacted(e, user, hidden_now)
        rows = _diff(e.before, e.after)
        if redact:
            sensitive = audit_redactor(e.object_type).sensitive
            for row in rows:
                if row.field in sensitive:
                    row.before = WITHHELD if row.before not in (None, "") else row.before
                    row.after = WITHHELD if row.after not in (None, "") else row.after
        repr_ = redact_repr(e.object_repr, e.object_type) if redact else e.object_repr
        out.append(EntryView(e, repr_, rows, redact))
    return out
