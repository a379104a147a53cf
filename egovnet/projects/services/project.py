"""Project services: create, update, applications, co-built local parts."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Length
from django.utils import timezone

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import ServiceError
from egovnet.core.services import create_object, update_object
from egovnet.networks.choices import ComponentKind
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation

from ..choices import ProjectStatus, Stage
from ..models import LocalPart, NetworkComponent, Project, ProjectApplication
from ..refresh import refresh_project_on_commit

FIELDS = (
    "name", "kind", "cobuilt", "approval_path", "approval_regime", "simplified_basis", "act_date",
    "total_investment_10k_yuan", "national_approval_ref", "network_use_requirements", "network_use_na_reason",
    "is_demo", "approver",
)  # fmt: skip
_WIDTH = {Level.PROVINCIAL: 2, Level.PREFECTURE: 4, Level.COUNTY: 6}


def same_level_drc(org: Organisation) -> Organisation | None:
    """The development and reform commission at the owner's level (context.md §4.2 item 3)."""
    qs = Organisation.objects.filter(kind=OrgKind.DEVELOPMENT_REFORM, level=org.level)
    if org.level != Level.CENTRAL:
        qs = qs.filter(division__code__startswith=(org.division_id or "")[: _WIDTH[org.level]])
    return qs.order_by(Length("path"), "id").first()


def project_create(*, actor: Any, owner: Organisation, name: str, reason: str = "", **data: Any) -> Project:
    permissions.authorize_for_org(actor, "add", Project, owner)
    unknown = set(data) - set(FIELDS)
    if unknown:
        raise ValidationError({k: "未知字段 / unknown field" for k in unknown})
    if data.get("approver") is None:
        data["approver"] = same_level_drc(owner)
    if data["approver"] is None:
        raise ServiceError(
            "登记簿中没有项目建设单位同级的发展改革部门，无法确定审批机关。请管理员先登记。"
            " / No same-level development and reform commission is registered for the owner; register it first.",
            code="approver_missing",
        )
    project = create_object(actor=actor, model=Project, data={"owner": owner, "name": name, **data}, reason=reason)
    refresh_project_on_commit(project)
    return project


def project_update(
    *, actor: Any, project: Project, expected_version: int | None, reason: str = "", **changes: Any
) -> Project:
    permissions.authorize_for_org(actor, "change", Project, project.owner)
    unknown = set(changes) - set(FIELDS)
    if unknown:
        raise ValidationError({k: "不可修改 / not editable here" for k in unknown})
    if project.status != ProjectStatus.ACTIVE:
        raise ServiceError("已结束的项目不能修改。 / A completed or withdrawn project cannot be edited.", code="closed")
    _check_changes(project, changes)
    project = update_object(actor=actor, obj=project, changes=changes, expected_version=expected_version, reason=reason)
    refresh_project_on_commit(project)
    return project


def _check_changes(project: Project, changes: dict[str, Any]) -> None:
    """Fields that decide which rules apply cannot be bent once the project is under way."""
    errors = {}
    if "approver" in changes and changes["approver"] != project.approver:
        errors["approver"] = (
            "审批机关在立项时确定，不能由建设单位更改。 / The approving authority is fixed at creation."
        )
    if project.stage != Stage.NEEDS_ANALYSIS:
        for name in ("approval_path", "cobuilt"):
            if name in changes and changes[name] != getattr(project, name):
                errors[name] = "需求分析阶段之后不能更改。 / Cannot be changed after the needs analysis."
    new_date = changes.get("act_date")
    if new_date is not None:
        if new_date > timezone.localdate():
            errors["act_date"] = "行为日期不能晚于今天。 / The act date cannot be in the future."
        elif project.act_date and new_date < project.act_date:
            errors["act_date"] = "行为日期只能向后推进。 / The act date can only move forward."
    if errors:
        raise ValidationError(errors)


def project_add_application(
    *, actor: Any, project: Project, system: Any, local_part: LocalPart | None = None
) -> ProjectApplication:
    permissions.authorize_for_org(actor, "change", Project, project.owner)
    if local_part is not None and local_part.project_id != project.pk:
        raise ValidationError({"local_part": "地方部分不属于本项目。 / The local part belongs to another project."})
    owner = local_part.owner if local_part else project.owner
    if not (system.owner.path or "").startswith(owner.path):
        raise ValidationError(
            {
                "system": "应用系统须属于项目建设单位（或其下级）。 / The system must belong to the owner (or its subtree)."
            }
        )
    if ProjectApplication.objects.filter(project=project, system=system).exists():
        raise ValidationError({"system": "该系统已在本项目中。 / The system is already in this project."})
    with transaction.atomic():
        pa = ProjectApplication.objects.create(project=project, system=system, local_part=local_part)
        audit.record(actor=actor, action=AuditAction.CREATE, obj=pa, after=audit.snapshot(pa))
        refresh_project_on_commit(project)
    return pa


def project_set_deployment(*, actor: Any, application: ProjectApplication, deployed_network: str) -> ProjectApplication:
    """Record the network an application actually runs on (checked at completion acceptance, art. 11¶2)."""
    permissions.authorize_for_org(actor, "change", Project, application.project.owner)
    with transaction.atomic():
        before = audit.snapshot(application)
        application.deployed_network = deployed_network
        application.full_clean()
        application.save(update_fields=["deployed_network"])
        audit.record(
            actor=actor, action=AuditAction.UPDATE, obj=application, before=before, after=audit.snapshot(application)
        )
        refresh_project_on_commit(application.project_id)
    return application


def local_part_create(
    *,
    actor: Any,
    project: Project,
    division: Any,
    owner: Organisation,
    name: str,
    local_drc: Organisation | None = None,
) -> LocalPart:
    permissions.authorize_for_org(actor, "change", Project, project.owner)
    if not project.cobuilt:
        raise ValidationError(
            {
                "project": "只有中央和地方共建项目才有地方部分（第十条）。 / Only co-built projects have local parts (art. 10)."
            }
        )
    if (
        division.level != "province"
        or owner.level != Level.PROVINCIAL
        or not (owner.division_id or "").startswith(division.code[:2])
    ):
        raise ValidationError(
            {
                "owner": "地方部分的建设单位须为该省的省级部门。 / The local owner must be a provincial department of that province."
            }
        )
    if owner.kind != OrgKind.GOVERNMENT_DEPARTMENT:
        raise ValidationError(
            {
                "owner": "地方部分的建设单位须为该省的地方政府部门（第十条）。 / The local owner must be a government "
                "department of that province (art. 10)."
            }
        )
    local_drc = local_drc or same_level_drc(owner)
    if local_drc is not None and not (
        local_drc.kind == OrgKind.DEVELOPMENT_REFORM
        and local_drc.level == Level.PROVINCIAL
        and (local_drc.division_id or "").startswith(division.code[:2])
    ):
        raise ValidationError(
            {
                "local_drc": f"审批地方部分的须为{division.name}发展改革委，{local_drc.name}不是（第十条）。 / The local "
                f"part is approved by the DRC of its own province; {local_drc.name} is not it (art. 10)."
            }
        )
    if local_drc is None:
        raise ServiceError(
            "该省没有登记发展改革委。 / No provincial DRC is registered for that province.", code="approver_missing"
        )
    part = create_object(
        actor=actor,
        model=LocalPart,
        data={"project": project, "division": division, "owner": owner, "name": name, "local_drc": local_drc},
    )
    refresh_project_on_commit(project)
    return part


def network_component_add(
    *,
    actor: Any,
    project: Project,
    name: str,
    kind: str,
    built_on: str,
    local_part: LocalPart | None = None,
    serves: list | None = None,
    **flags: bool,
) -> NetworkComponent:
    """Record a network component the project builds (judged by R-10.2 and R-12.1)."""
    if local_part is not None and local_part.project_id != project.pk:
        raise ValidationError({"local_part": "地方部分不属于本项目。 / The local part belongs to another project."})
    owner = local_part.owner if local_part else project.owner
    if not (
        permissions.can_for_org(actor, "change", Project, project.owner)
        or permissions.can_for_org(actor, "change", Project, owner)
    ):
        permissions.authorize_for_org(actor, "change", Project, project.owner)
    if kind == ComponentKind.PLATFORM:
        raise ValidationError(
            {"kind": "项目组成部分请选择骨干网、城域网、接入线路等具体类型。 / Choose a concrete component kind."}
        )
    allowed = {"dedicated_to_single_department", "new_or_extended", "interconnects_own_sites"}
    if set(flags) - allowed:
        raise ValidationError({k: "未知字段 / unknown field" for k in set(flags) - allowed})
    with transaction.atomic():
        component = create_object(actor=actor, model=NetworkComponent, data={
            "project": project, "local_part": local_part, "name": name, "kind": kind, "built_on": built_on, **flags})  # fmt: skip
        if serves:
            component.serves.set(serves)
        refresh_project_on_commit(project)
    return component
