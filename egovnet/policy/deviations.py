"""Recorded policy deviations: an approved exception to an IN-PRINCIPLE rule for one subject (a system, a
network, an organisation or a project). ``deviation_create`` is the only write path (UI, API); the subject's
findings are refreshed after commit (ADR 0360)."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError

from egovnet.core import permissions
from egovnet.core.services import create_object, delete_object, update_object
from egovnet.policy.choices import SubjectType
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import PolicyDeviation
from egovnet.policy.refresh import refresh_on_commit
from egovnet.policy.subjects import source_for


def _subject_owner(subject_type: str, subject_id: Any) -> tuple[Any, Any]:
    """The organisation that owns a deviation's subject, and for a project its approving authority (the two
    scopes a deviation may be recorded from); refuses unknown subjects."""
    model = {
        SubjectType.SYSTEM: "systems.ApplicationSystem",
        SubjectType.NETWORK: "networks.Network",
        SubjectType.ORGANISATION: "orgs.Organisation",
        SubjectType.PROJECT: "projects.Project",
    }.get(subject_type)
    if model is None:
        raise ValidationError(
            {"subject_type": f"不能为该类对象登记例外 / deviations are not recorded for {subject_type!r} subjects"}
        )
    owner_path = "pk" if subject_type == SubjectType.ORGANISATION else "owner_id"
    approver_path = "approver_id" if subject_type == SubjectType.PROJECT else owner_path
    row = apps.get_model(model).objects.filter(pk=subject_id).values_list(owner_path, approver_path).first()
    if row is None:
        raise ValidationError({"subject_id": f"对象不存在 / no {subject_type} with id {subject_id!r}"})
    orgs = apps.get_model("orgs.Organisation").objects.in_bulk([i for i in row if i is not None])
    return orgs[row[0]], orgs.get(row[1])


def _authorize(actor: Any, action: str, owner: Any, authority: Any) -> None:
    """In the owner's scope, or (project) in the approving authority's; PermissionDenied otherwise."""
    if authority is None or not permissions.can_for_org(actor, action, PolicyDeviation, authority):
        permissions.authorize_for_org(actor, action, PolicyDeviation, owner)


def deviation_create(*, actor: Any, audit_reason: str = "", **data: Any) -> PolicyDeviation:
    """Record an exception for one subject — a system, network, organisation or project — authorized in the
    scope of the subject's owner (for a project: or of its approving authority, the DRC that judges it) and
    audited. ``owner`` is taken from the subject (a different one is refused); the rule must be one judged
    on that subject type. The subject's findings are refreshed after commit, so an approved, unexpired
    deviation turns an IN-PRINCIPLE fail into waived. (``reason`` is the deviation's own reason; the audit
    reason is ``audit_reason``.)"""
    if data.get("rule") not in {r for p in all_packs() for r in p.rules}:
        raise ValidationError({"rule": f"未知规则 / unknown rule: {data.get('rule')!r}"})
    subject_type = data.get("subject_type")
    owner, authority = _subject_owner(subject_type, data.get("subject_id"))
    _authorize(actor, "add", owner, authority)
    if data["rule"] not in source_for(subject_type).rule_ids:
        raise ValidationError(
            {"rule": f"{data['rule']} 不对该类对象判定 / {data['rule']} is not judged on {subject_type} subjects"}
        )
    if data.get("owner") is not None and data["owner"].pk != owner.pk:
        raise ValidationError({"owner": f"例外的所属单位须为对象的所属单位“{owner}” / the owner must be {owner}"})
    data["owner"] = owner
    dev = create_object(actor=actor, model=PolicyDeviation, data=data, reason=audit_reason)
    refresh_on_commit(dev.subject_type, [dev.subject_id])
    return dev


EDITABLE = frozenset({"reason", "legal_basis", "approver", "expires", "approved"})


def deviation_update(
    *, actor: Any, deviation: PolicyDeviation, expected_version: int | None, audit_reason: str = "", **changes: Any
) -> PolicyDeviation:
    """Correct, extend, approve or withdraw approval of a deviation (its rule and subject are fixed: record a new
    one instead); optimistic locking, audited, the subject's findings refreshed after commit."""

    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationError(
            {k: "不可修改：规则和对象须另行登记 / not editable: record a new deviation instead" for k in unknown}
        )
    _authorize(actor, "change", *_subject_owner(deviation.subject_type, deviation.subject_id))
    dev = update_object(
        actor=actor, obj=deviation, changes=changes, expected_version=expected_version, reason=audit_reason
    )
    refresh_on_commit(dev.subject_type, [dev.subject_id])
    return dev


def deviation_delete(
    *, actor: Any, deviation: PolicyDeviation, expected_version: int | None = None, audit_reason: str = ""
) -> None:
    """Remove a deviation recorded in error (audited); the subject's findings are refreshed after commit."""

    _authorize(actor, "delete", *_subject_owner(deviation.subject_type, deviation.subject_id))
    subject_type, subject_id = deviation.subject_type, deviation.subject_id
    delete_object(actor=actor, obj=deviation, expected_version=expected_version, reason=audit_reason)
    refresh_on_commit(subject_type, [subject_id])
