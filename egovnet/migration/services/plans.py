"""Migration plan services (第四条): the only write path for plans, versions and items.

R-4.1 judges a dedicated network on its owner's approved plan version (an item moving off it, a scheme):
approving a version, editing a version's scheme and adding, changing or removing items refresh the
findings of the networks concerned (the items' ``from_network``) after commit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import ServiceError
from egovnet.core.services import create_object, delete_object, lock_for_update, update_object
from egovnet.networks.choices import NetworkFamily
from egovnet.policy.choices import SubjectType
from egovnet.policy.packs.ndrc_2012_1986.placement import expected_network
from egovnet.policy.services import refresh_on_commit

from ..choices import ITEM_STATUS_ORDER, ItemStatus, PlanStatus
from ..models import ItemStatusChange, MigrationItem, MigrationPlan, PlanVersion

PLAN_FIELDS = frozenset({"target_network", "deviation_ref", "planned_date", "from_network", "notes"})
PROGRESS_FIELDS = frozenset({"cutover_ref", "cutover_date", "decommission_ref", "decommission_date"})


def _read_only(version: PlanVersion) -> ServiceError:
    return ServiceError(
        f"第四条：迁移计划第 {version.number} 版状态为“{version.get_status_display()}”，不可修改；"
        "如需变更，请基于已批准版本新建草稿版本。"
        f" / Article 4: version {version.number} of the migration plan is {version.status} and read-only; "
        "to change it, start a new draft version from the approved one.",
        code="read_only",
    )


def _refresh_networks(*, plan: MigrationPlan | None = None, version: PlanVersion | None = None) -> None:
    """Refresh (after commit) the networks the items of a plan (every version) or of one version move off."""
    items = (
        MigrationItem.objects.filter(plan_version__plan=plan)
        if plan
        else MigrationItem.objects.filter(plan_version=version)
    )
    refresh_on_commit(SubjectType.NETWORK, set(items.values_list("from_network_id", flat=True)))


def _require_draft(version: PlanVersion) -> None:
    if version.status != PlanStatus.DRAFT:
        raise _read_only(version)


def plan_create(
    *, actor: Any, department: Any, title: str, scheme: str = "", phases: list | None = None, is_demo: bool = False
) -> MigrationPlan:
    """A department's plan with its first draft version."""
    permissions.authorize_for_org(actor, "add", MigrationPlan, department)
    if MigrationPlan.objects.filter(department=department).exists():
        raise ServiceError(
            f"“{department}”已有迁移计划，请在其中新建版本。 / {department} already has a migration plan; add a version to it.",
            code="exists",
        )
    with transaction.atomic():
        plan = create_object(
            actor=actor, model=MigrationPlan, data={"department": department, "title": title, "is_demo": is_demo}
        )
        version = create_object(
            actor=actor,
            model=PlanVersion,
            data={"plan": plan, "number": 1, "scheme": scheme, "phases": phases or []},
        )
        plan.effective_version = version
        plan.save(update_fields=["effective_version"])
    return plan


def version_update(*, actor: Any, version: PlanVersion, expected_version: int | None, **changes: Any) -> PlanVersion:
    permissions.authorize_for_org(actor, "change", PlanVersion, version.plan.department)
    unknown = set(changes) - {"scheme", "phases"}
    if unknown:
        raise ValidationError(
            {name: "此处只能修改实施方案和阶段。 / Only the scheme and phases are edited here." for name in unknown}
        )
    _require_draft(version)
    version = update_object(actor=actor, obj=version, changes=changes, expected_version=expected_version)
    _refresh_networks(version=version)
    return version


def expected_target(system: Any) -> str | None:
    """The pack's placement rule (第四条) for a registered system; None when its grade is not recorded."""
    return expected_network(system.is_classified, system.secrecy_grade or None)


def _check_item(
    *, version: PlanVersion, system: Any, from_network: Any, target_network: str, deviation_ref: str
) -> None:
    department = version.plan.department
    errors: dict[str, str] = {}
    if not (system.owner.path or "").startswith(department.path):
        errors["system"] = (
            f"第四条：该应用不属于“{department}”（或其下属单位），不能列入本计划。"
            f" / Article 4: the application does not belong to {department} or its sub-units."
        )
    if from_network.family != NetworkFamily.DEDICATED:
        errors["from_network"] = (
            "第四条：迁出网络必须是业务专网。 / Article 4: the network migrated from must be a dedicated network."
        )
    expected = expected_target(system)
    if expected is None:
        errors["target_network"] = (
            "《发改高技〔2012〕1986号》第四条：该应用为涉密应用但未登记密级（secrecy_grade），无法按定位规则确定目标网络"
            "（绝密级不得部署在政务内网）；请先在应用登记中补录密级。"
            " / NDRC [2012] No. 1986, art. 4: the application is classified but its secrecy grade (secrecy_grade) is not"
            " recorded, so the placement rule cannot give its target (绝密 may not go on the intranet); record the grade."
        )
    elif target_network != expected and not deviation_ref.strip():
        errors["target_network"] = (
            f"第四条：按定位规则该应用应迁往“{expected}”，改为“{target_network}”须填写经批准的偏离文号。"
            f" / Article 4: by the placement rule this application goes to {expected}; "
            f"moving it to {target_network} needs an approved deviation reference."
        )
    if errors:
        raise ValidationError(errors)


def item_add(
    *,
    actor: Any,
    version: PlanVersion,
    system: Any,
    from_network: Any,
    planned_date: dt.date,
    target_network: str = "",
    deviation_ref: str = "",
    notes: str = "",
) -> MigrationItem:
    permissions.authorize_for_org(actor, "add", MigrationItem, version.plan.department)
    _require_draft(version)
    target_network = target_network or expected_target(system) or ""
    _check_item(
        version=version,
        system=system,
        from_network=from_network,
        target_network=target_network,
        deviation_ref=deviation_ref,
    )
    if MigrationItem.objects.filter(plan_version=version, system=system).exists():
        raise ValidationError(
            {"system": "第四条：该应用已在本版本计划中。 / Article 4: the application is already in this version."}
        )
    item = create_object(
        actor=actor,
        model=MigrationItem,
        data={
            "plan_version": version,
            "is_effective": version.plan.effective_version_id == version.pk,
            "system": system,
            "from_network": from_network,
            "target_network": target_network,
            "deviation_ref": deviation_ref,
            "planned_date": planned_date,
            "notes": notes,
        },
    )
    refresh_on_commit(SubjectType.NETWORK, [item.from_network_id])
    return item


def item_update(*, actor: Any, item: MigrationItem, expected_version: int | None, **changes: Any) -> MigrationItem:
    """Change the plan content of an item (draft versions only)."""
    permissions.authorize_for_org(actor, "change", MigrationItem, item.plan_version.plan.department)
    unknown = set(changes) - PLAN_FIELDS
    if unknown:
        raise ValidationError(
            {
                name: "该字段不属于计划内容；进度和证明请用“登记进度”。 / Not plan content; record progress instead."
                for name in unknown
            }
        )
    _require_draft(item.plan_version)
    merged = {f: changes.get(f, getattr(item, f)) for f in ("from_network", "target_network", "deviation_ref")}
    _check_item(version=item.plan_version, system=item.system, **merged)
    before = item.from_network_id
    item = update_object(actor=actor, obj=item, changes=changes, expected_version=expected_version)
    refresh_on_commit(SubjectType.NETWORK, [before, item.from_network_id])
    return item


def item_delete(*, actor: Any, item: MigrationItem, expected_version: int | None = None) -> None:
    permissions.authorize_for_org(actor, "delete", MigrationItem, item.plan_version.plan.department)
    _require_draft(item.plan_version)
    network_id = item.from_network_id
    delete_object(actor=actor, obj=item, expected_version=expected_version)
    refresh_on_commit(SubjectType.NETWORK, [network_id])


def _check_progress(item: MigrationItem, status: str, evidence: dict[str, Any]) -> None:
    get = lambda name: evidence.get(name, getattr(item, name))  # noqa: E731
    errors: dict[str, str] = {}
    if ITEM_STATUS_ORDER[ItemStatus(status)] < ITEM_STATUS_ORDER[ItemStatus(item.status)]:
        errors["status"] = (
            "第四条：迁移状态不能倒退；如割接回退，请在新版本计划中重新安排。"
            " / Article 4: the status cannot go backwards; re-plan a rolled-back cut-over in a new version."
        )
    if status in (ItemStatus.CUT_OVER, ItemStatus.DECOMMISSIONED) and not (get("cutover_ref") and get("cutover_date")):
        errors["cutover_ref"] = (
            "第四条：割接须填写割接证明文号和日期（不得上传涉密内容）。"
            " / Article 4: a cut-over needs the evidence reference and date (no classified content)."
        )
    if status == ItemStatus.DECOMMISSIONED and not (get("decommission_ref") and get("decommission_date")):
        errors["decommission_ref"] = (
            "第四条：原专网撤除须填写撤除证明文号和日期。"
            " / Article 4: decommissioning needs the evidence reference and date of the old network's removal."
        )
    if errors:
        raise ValidationError(errors)


def item_record_progress(
    *,
    actor: Any,
    item: MigrationItem,
    expected_version: int | None,
    status: str,
    effective_on: dt.date | None = None,
    **evidence: Any,
) -> MigrationItem:
    """Record execution of the effective version: status and evidence references (+ history row)."""
    plan = item.plan_version.plan
    permissions.authorize_for_org(actor, "change", MigrationItem, plan.department)
    if plan.effective_version_id != item.plan_version_id:
        raise ServiceError(
            "第四条：只能在生效版本的计划事项上登记进度。 / Article 4: progress is recorded on the effective version only.",
            code="not_effective",
        )
    unknown = set(evidence) - PROGRESS_FIELDS
    if unknown:
        raise ValidationError({name: "未知的证明字段。 / Unknown evidence field." for name in unknown})
    if status not in ItemStatus.values:
        raise ValidationError({"status": f"未知状态 / unknown status {status!r}; use {', '.join(ItemStatus.values)}."})
    _check_progress(item, status, evidence)
    previous = item.status
    with transaction.atomic():
        item = update_object(
            actor=actor, obj=item, changes={"status": status, **evidence}, expected_version=expected_version
        )
        if previous != status:
            ItemStatusChange.objects.create(
                plan=plan,
                system_id=item.system_id,
                from_network_id=item.from_network_id,
                from_status=previous,
                to_status=status,
                effective_on=effective_on or _default_effective_on(item, status),
                actor=actor,
            )
    return item


def _default_effective_on(item: MigrationItem, status: str) -> dt.date:
    if status == ItemStatus.CUT_OVER and item.cutover_date:
        return item.cutover_date
    if status == ItemStatus.DECOMMISSIONED and item.decommission_date:
        return item.decommission_date
    return timezone.localdate()


def version_submit(*, actor: Any, version: PlanVersion, expected_version: int | None) -> PlanVersion:
    permissions.authorize_for_org(actor, "transition", PlanVersion, version.plan.department)
    _require_draft(version)
    missing = []
    if not version.scheme.strip():
        missing.append("scheme")
    if not version.items.exists():
        missing.append("items")
    if missing:
        raise ValidationError(
            {
                name: "第四条（R-4.1）：提交前须有实施方案和至少一个迁移事项。"
                " / Article 4 (R-4.1): a plan needs an implementation scheme and at least one item before submission."
                for name in missing
            }
        )
    return update_object(
        actor=actor,
        obj=version,
        changes={"status": PlanStatus.SUBMITTED, "submitted_at": timezone.now(), "submitted_by": actor},
        expected_version=expected_version,
        reason="submit",
    )


def version_return(*, actor: Any, version: PlanVersion, expected_version: int | None, reason: str) -> PlanVersion:
    """A reviewer sends a submitted version back to draft, with a reason."""
    permissions.authorize_for_org(actor, "decide", PlanVersion, version.plan.department)
    if version.status != PlanStatus.SUBMITTED:
        raise ServiceError("只能退回已提交的版本。 / Only a submitted version can be returned.", code="state")
    if not reason.strip():
        raise ValidationError({"reason": "退回须说明理由。 / Returning a plan needs a reason."})
    return update_object(
        actor=actor, obj=version, changes={"status": PlanStatus.DRAFT}, expected_version=expected_version, reason=reason
    )


def _carry_progress(source: PlanVersion, target: PlanVersion) -> None:
    """Copy execution status and evidence from the previous effective items, where further along."""
    previous = {i.system_id: i for i in source.items.all()}
    for item in target.items.all():
        old = previous.get(item.system_id)
        if old and ITEM_STATUS_ORDER[ItemStatus(old.status)] > ITEM_STATUS_ORDER[ItemStatus(item.status)]:
            item.status = old.status
            for name in PROGRESS_FIELDS:
                setattr(item, name, getattr(old, name))
            item.save()


def version_approve(
    *, actor: Any, version: PlanVersion, expected_version: int | None, approval_ref: str = ""
) -> PlanVersion:
    plan = version.plan
    permissions.authorize_for_org(actor, "decide", PlanVersion, plan.department)
    if version.status != PlanStatus.SUBMITTED:
        raise ServiceError(
            "第四条：只能批准已提交的版本。 / Article 4: only a submitted version can be approved.", code="state"
        )
    with transaction.atomic():
        previous = plan.effective_version
        if previous and previous.pk != version.pk:
            _carry_progress(previous, version)
        approved = update_object(
            actor=actor,
            obj=version,
            changes={
                "status": PlanStatus.APPROVED,
                "approved_at": timezone.now(),
                "approved_by": actor,
                "approval_ref": approval_ref,
            },
            expected_version=expected_version,
            reason="approve",
        )
        superseded = list(plan.versions.filter(status=PlanStatus.APPROVED).exclude(pk=version.pk))
        for old in superseded:
            old.status = PlanStatus.SUPERSEDED
            old.save(update_fields=["status"])
        audit.record_many(
            actor=actor,
            entries=[audit.entry_for(o, action=AuditAction.TRANSITION, after={"status": o.status}) for o in superseded],
        )
        MigrationItem.objects.filter(plan_version__plan=plan, is_effective=True).update(is_effective=False)
        approved.items.update(is_effective=True)
        plan.effective_version = approved
        plan.has_approved = True
        plan.save(update_fields=["effective_version", "has_approved"])
        _refresh_networks(plan=plan)  # the new version's networks and those of the superseded ones
    return approved


def version_new_draft(*, actor: Any, plan: MigrationPlan) -> PlanVersion:
    """A new draft copied from the approved version (the only way to change an approved plan)."""
    permissions.authorize_for_org(actor, "add", PlanVersion, plan.department)
    with transaction.atomic():
        plan = lock_for_update(plan, None)
        if plan.versions.filter(status__in=[PlanStatus.DRAFT, PlanStatus.SUBMITTED]).exists():
            raise ServiceError(
                "第四条：已有草稿或待审版本，请先完成它。 / Article 4: a draft or submitted version already exists.",
                code="open_version",
            )
        source = plan.versions.filter(status=PlanStatus.APPROVED).first()
        if source is None:
            raise ServiceError(
                "第四条：尚无已批准版本可复制。 / Article 4: there is no approved version to copy.", code="state"
            )
        number = (plan.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        draft = create_object(
            actor=actor,
            model=PlanVersion,
            data={"plan": plan, "number": number, "scheme": source.scheme, "phases": source.phases, "based_on": source},
        )
        copies = [
            MigrationItem(
                plan_version=draft,
                **{
                    f.name: getattr(i, f.name)
                    for f in MigrationItem._meta.concrete_fields
                    if f.name not in ("id", "plan_version", "version", "created", "last_updated", "is_effective")
                },
            )
            for i in source.items.all()
        ]
        created = MigrationItem.objects.bulk_create(copies)
        audit.record_many(
            actor=actor,
            entries=[audit.entry_for(c, action=AuditAction.CREATE, after=audit.snapshot(c)) for c in created],
        )
    return draft
