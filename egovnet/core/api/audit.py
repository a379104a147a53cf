"""Redaction of audit entries for readers: classified names and grades never leave through the log.

The same rule as the web UI (``core.audit_view``): an entry about an application system is redacted
when the reader's clearance does not cover the grade in either snapshot of the entry, or the system
as it is now (a system classified later must not leak its name through an old entry). Redacted, the
snapshots show ``REDACTED_NAME`` and no grade or classification reference, and an ``object_repr``
recorded while the system was still unclassified (its plain name) is replaced too.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast

from egovnet.core import permissions
from egovnet.core.permissions import has_national_role  # noqa: F401 — also importable from here
from egovnet.systems.choices import GRADE_RANK
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, visible_condition

SYSTEM_LABEL = ApplicationSystem._meta.label_lower
SENSITIVE_FIELDS = {"name": REDACTED_NAME, "secrecy_grade": None, "secrecy_ref": None}
SAFE_REPR_PREFIX = "涉密系统"  # str() of a classified system never contains its name


def snapshot_hidden(snapshot: dict | None, rank: int) -> bool:
    if not snapshot or not snapshot.get("is_classified"):
        return False
    return GRADE_RANK.get(snapshot.get("secrecy_grade") or "", 99) > rank


def hidden_system_ids(entries: Iterable[Any], user: Any) -> set[str]:
    """Ids (as strings) of the entries' systems that are hidden from ``user`` now: one query per page."""
    ids = {e.object_id for e in entries if e.object_type == SYSTEM_LABEL and e.object_id.isdigit()}
    if not ids:
        return set()
    hidden = ApplicationSystem.objects.filter(pk__in=ids).exclude(visible_condition(user))
    return {str(pk) for pk in hidden.values_list("pk", flat=True)}


def entry_is_redacted(entry: Any, user: Any, hidden_now: set[str] | None = None) -> bool:
    if entry.object_type != SYSTEM_LABEL:
        return False
    if hidden_now is None:
        hidden_now = hidden_system_ids([entry], user)
    rank = permissions.clearance_rank(user)
    return entry.object_id in hidden_now or snapshot_hidden(entry.before, rank) or snapshot_hidden(entry.after, rank)


def redact_snapshot(snapshot: dict | None) -> dict | None:
    if snapshot is None:
        return None
    return {k: (SENSITIVE_FIELDS[k] if k in SENSITIVE_FIELDS else v) for k, v in snapshot.items()}


def redact_repr(object_repr: str) -> str:
    return object_repr if object_repr.startswith(SAFE_REPR_PREFIX) else REDACTED_NAME


def hidden_now_annotation(user: Any) -> Exists:
    """Per-row "is this entry's system hidden from ``user`` now" for querysets of audit entries."""
    hidden = (
        ApplicationSystem.objects.annotate(sid=Cast("pk", CharField()))
        .filter(sid=OuterRef("object_id"))
        .exclude(visible_condition(user))
    )
    return Exists(hidden)


