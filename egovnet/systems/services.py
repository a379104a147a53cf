"""Application-system services: the only write path (UI, API, CLI, imports)."""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from egovnet.core import permissions
from egovnet.core.choices import Clearance
from egovnet.core.services import create_object, delete_object, update_object
from egovnet.policy.services import refresh_findings_on_commit

from .choices import GRADE_RANK
from .models import ApplicationSystem
from .queries import may_see

# The fields the services accept: the admin, the write serializer and imports all use this list.
FIELDS = (
    "name",
    "owner",
    "is_classified",
    "secrecy_grade",
    "mlps_level",
    "current_network",
    "current_dedicated_network",
    "target_network",
    "public_facing",
    "cross_region",
    "cross_department",
    "shares_basic_info",
    "coverage_levels",
    "bandwidth_mbps",
    "status",
    "secrecy_ref",
    "is_demo",
)


def _authorize(actor: Any, action: str, owner: Any, system: ApplicationSystem | None = None) -> None:
    permissions.authorize_for_org(actor, action, ApplicationSystem, owner)
    probe = system
    if probe is not None and not may_see(actor, probe):
        raise PermissionDenied(
            "您的涉密资格不足以处理该涉密系统。 / Your clearance does not cover this classified system."
        )


def _authorize_grade(actor: Any, data: dict[str, Any]) -> None:
    """Registering a classified system needs a clearance covering its grade.

    绝密 is above every clearance the platform grants: a 机密-cleared user may register one, but its
    name is then shown to nobody (docs/decisions/0004).
    """
    if data.get("is_classified"):
        grade = data.get("secrecy_grade", "")
        needed = min(GRADE_RANK.get(grade, 0), Clearance.JIMI)
        if permissions.clearance_rank(actor) < needed:
            raise PermissionDenied("您的涉密资格不足以登记该密级的系统。 / Your clearance does not cover this grade.")


def system_create(*, actor: Any, reason: str = "", **data: Any) -> ApplicationSystem:
    _authorize(actor, "add", data["owner"])
    _authorize_grade(actor, data)
    return refresh_findings_on_commit(create_object(actor=actor, model=ApplicationSystem, data=data, reason=reason))


def system_update(
    *, actor: Any, system: ApplicationSystem, expected_version: int | None, reason: str = "", **changes: Any
) -> ApplicationSystem:
    _authorize(actor, "change", system.owner, system)
    if "owner" in changes:
        _authorize(actor, "change", changes["owner"])
    _authorize_grade(
        actor,
        {
            "is_classified": changes.get("is_classified", system.is_classified),
            "secrecy_grade": changes.get("secrecy_grade", system.secrecy_grade),
        },
    )
    before = copy.copy(system)  # a new owner: the previous one's is refreshed too
    updated = update_object(actor=actor, obj=system, changes=changes, expected_version=expected_version, reason=reason)
    refresh_findings_on_commit(before)
    return refresh_findings_on_commit(updated)


def system_delete(
    *, actor: Any, system: ApplicationSystem, expected_version: int | None = None, reason: str = ""
) -> None:
    _authorize(actor, "delete", system.owner, system)
    with transaction.atomic():  # the refresh (keys taken now) runs after the delete commits
        refresh_findings_on_commit(system)
        delete_object(actor=actor, obj=system, expected_version=expected_version, reason=reason)
