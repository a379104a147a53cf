"""What the audit log withholds about a classified application system (registered with ``core.registry``).

A system's name, grade and classification reference are withheld when the reader's clearance does not cover
the grade in either snapshot of an entry, or the system as it is now (a system classified later must not leak
its name through an old entry).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from egovnet.core.registry import AuditRedactor

from .choices import GRADE_RANK
from .models import ApplicationSystem
from .queries import REDACTED_NAME, visible_condition


def hidden(user: Any) -> QuerySet:
    return ApplicationSystem.objects.exclude(visible_condition(user))


def snapshot_hidden(snapshot: dict | None, rank: int) -> bool:
    if not snapshot or not snapshot.get("is_classified"):
        return False
    return GRADE_RANK.get(snapshot.get("secrecy_grade") or "", 99) > rank


REDACTOR = AuditRedactor(
    hidden=hidden,
    snapshot_hidden=snapshot_hidden,
    sensitive={"name": REDACTED_NAME, "secrecy_grade": None, "secrecy_ref": None},
    redacted_repr=REDACTED_NAME,
    safe_repr_prefix="涉密系统",  # str() of a classified system never contains its name
)
