"""Redaction of audit entries for readers: classified names and grades never leave through the log.

The same rule as the web UI (``core.audit_view``) and the admin. Which entries and fields are withheld is
declared by the app that owns the model (``core.registry.register_audit_redactor``; application systems:
``systems.audit_redaction``): an entry is redacted when the reader may not see its object as it is now, or
when either recorded snapshot is beyond the reader's clearance. Redacted, the snapshots show the declared
replacement values, and an ``object_repr`` that may carry the withheld name is replaced too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import BooleanField, CharField, Exists, ExpressionWrapper, OuterRef, Q, Value
from django.db.models.functions import Cast

from egovnet.core import permissions
from egovnet.core.permissions import has_national_role  # noqa: F401 — also importable from here
from egovnet.core.registry import audit_redactor, audit_redactors

HiddenKeys = set[tuple[str, str]]  # (object_type, object_id) of the entries hidden from a reader now


def hidden_now_keys(entries: Iterable[Any], user: Any) -> HiddenKeys:
    """The entries' objects hidden from ``user`` now: one query per redacted model on the page."""
    wanted: dict[str, set[str]] = {}
    for e in entries:
        if audit_redactor(e.object_type) is not None and e.object_id.isdigit():
            wanted.setdefault(e.object_type, set()).add(e.object_id)
    out: HiddenKeys = set()
    for object_type, ids in wanted.items():
        hidden = audit_redactor(object_type).hidden(user).filter(pk__in=ids)
        out.update((object_type, str(pk)) for pk in hidden.values_list("pk", flat=True))
    return out


def entry_is_redacted(entry: Any, user: Any, hidden_now: HiddenKeys | None = None) -> bool:
    redactor = audit_redactor(entry.object_type)
    if redactor is None:
        return False
    if hidden_now is None:
        hidden_now = hidden_now_keys([entry], user)
    rank = permissions.clearance_rank(user)
    return (
        (entry.object_type, entry.object_id) in hidden_now
        or redactor.snapshot_hidden(entry.before, rank)
        or redactor.snapshot_hidden(entry.after, rank)
    )


def entry_beyond_rank(entry: Any, rank: int) -> bool:
    """Either recorded snapshot of ``entry`` is beyond the clearance ``rank``."""
    redactor = audit_redactor(entry.object_type)
    return redactor is not None and (
        redactor.snapshot_hidden(entry.before, rank) or redactor.snapshot_hidden(entry.after, rank)
    )


def redact_snapshot(snapshot: dict | None, object_type: str) -> dict | None:
    redactor = audit_redactor(object_type)
    if snapshot is None or redactor is None:
        return snapshot
    return {k: (redactor.sensitive[k] if k in redactor.sensitive else v) for k, v in snapshot.items()}


def redact_repr(object_repr: str, object_type: str) -> str:
    redactor = audit_redactor(object_type)
    if redactor is None or (redactor.safe_repr_prefix and object_repr.startswith(redactor.safe_repr_prefix)):
        return object_repr
    return redactor.redacted_repr


def hidden_now_annotation(user: Any) -> ExpressionWrapper | Value:
    """Per-row "is this entry's object hidden from ``user`` now" for querysets of audit entries."""
    cond = Q()
    for object_type, redactor in audit_redactors():
        ids = redactor.hidden(user).annotate(sid=Cast("pk", CharField())).filter(sid=OuterRef("object_id"))
        cond |= Q(Exists(ids), object_type=object_type)
    return ExpressionWrapper(cond, output_field=BooleanField()) if cond else Value(False)
