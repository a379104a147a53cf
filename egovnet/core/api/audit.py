"""Redaction of audit entries for readers: classified names and grades never leave through the log.

An entry about an application system carries snapshots with the system's name, grade and
classification reference. If either snapshot describes a classified system whose grade is above
the reader's clearance, those fields are replaced in *both* snapshots (a name recorded before the
system was classified is just as sensitive afterwards). ``object_repr`` is already safe:
``str(system)`` never contains a classified name.
"""

from __future__ import annotations

from typing import Any

from egovnet.core import permissions
from egovnet.systems.choices import GRADE_RANK
from egovnet.systems.queries import REDACTED_NAME

SYSTEM_LABEL = "systems.applicationsystem"
SENSITIVE_FIELDS = {"name": REDACTED_NAME, "secrecy_grade": None, "secrecy_ref": None}


def _hidden(snapshot: dict | None, rank: int) -> bool:
    if not snapshot or not snapshot.get("is_classified"):
        return False
    return GRADE_RANK.get(snapshot.get("secrecy_grade") or "", 99) > rank


def entry_is_redacted(entry: Any, user: Any) -> bool:
    if entry.object_type != SYSTEM_LABEL:
        return False
    rank = permissions.clearance_rank(user)
    return _hidden(entry.before, rank) or _hidden(entry.after, rank)


def redact_snapshot(snapshot: dict | None) -> dict | None:
    if snapshot is None:
        return None
    return {k: (SENSITIVE_FIELDS[k] if k in SENSITIVE_FIELDS else v) for k, v in snapshot.items()}
