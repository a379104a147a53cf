"""Audit entries prepared for display: field diff, and redaction of classified names.

Which entries and fields are withheld is declared by the app that owns the model
(``core.registry.register_audit_redactor``), and decided as for the API (``core.api.audit``): e.g. a
system's name, grade and classification reference are withheld when the reader's clearance does not cover
the grade in either snapshot of the entry, or the system as it is now.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

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
    label: str = ""


def _model(object_type: str) -> Any:
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def type_label(object_type: str) -> str:
    """"projects.authorityrequest" → the model's verbose name ("主管部门申请"), never the code."""
    model = _model(object_type)
    return str(model._meta.verbose_name) if model is not None else object_type


def _labelled(object_type: str, row: DiffRow) -> DiffRow:
    """The field's verbose name, and a choice value's display label, for a diff row."""
    model = _model(object_type)
    name = row.field[:-3] if row.field.endswith("_id") else row.field
    try:
        field = model._meta.get_field(name) if model is not None else None
    except FieldDoesNotExist:
        field = None
    row.label = str(field.verbose_name) if field is not None else name.replace("_", " ")
    choices = dict(field.flatchoices) if field is not None and field.choices else {}
    if choices:
        row.before, row.after = (choices.get(v, v) if isinstance(v, str) else v for v in (row.before, row.after))
    return row


@dataclass
class EntryView:
    entry: AuditEntry
    object_repr: str
    diff: list[DiffRow]
    redacted: bool

    @property
    def type_label(self) -> str:
        return type_label(self.entry.object_type)

    @property
    def reason_text(self) -> str:
        """The reason in words where the record's app knows how (``AppConfig.audit_reason``)."""
        reason = self.entry.reason
        try:
            config = apps.get_app_config(self.entry.object_type.split(".")[0])
        except LookupError:
            return reason
        hook = getattr(config, "audit_reason", None)
        return hook(reason) if hook and reason else reason


def _diff(before: dict | None, after: dict | None) -> list[DiffRow]:
    b, a = before or {}, after or {}
    keys = [k for k in dict.fromkeys([*b, *a]) if k not in IGNORED and b.get(k) != a.get(k)]
    return [DiffRow(k, b.get(k), a.get(k)) for k in keys]


def _labelled_diff(e: AuditEntry) -> list[DiffRow]:
    return [_labelled(e.object_type, row) for row in _diff(e.before, e.after)]


def redact_entries(entries: list[AuditEntry], user: Any) -> list[EntryView]:
    hidden_now = hidden_now_keys(entries, user)  # one query per page, not per entry
    out = []
    for e in entries:
        redact = entry_is_redacted(e, user, hidden_now)
        rows = _labelled_diff(e)
        if redact:
            sensitive = audit_redactor(e.object_type).sensitive
            for row in rows:
                if row.field in sensitive:
                    row.before = WITHHELD if row.before not in (None, "") else row.before
                    row.after = WITHHELD if row.after not in (None, "") else row.after
        repr_ = redact_repr(e.object_repr, e.object_type) if redact else e.object_repr
        out.append(EntryView(e, repr_, rows, redact))
    return out
