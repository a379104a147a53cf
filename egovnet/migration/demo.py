"""Demo migration data on top of the demo registry: plans in every state, two fiscal years of O&M lines.

``load_demo_migration(actor)`` is called by the demo loader with a trusted actor. It looks up the demo's
dedicated networks and the systems they carry (``is_demo``), creates what is missing, and goes through
the services, so the demo is audited like real data. It is idempotent.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from egovnet.core.choices import Role
from egovnet.core.models import RoleAssignment
from egovnet.geo.models import Division
from egovnet.networks.choices import ComponentKind, NetworkFamily, NetworkStatus
from egovnet.networks.models import Network
from egovnet.networks.services import network_create
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create
from egovnet.systems.choices import CurrentNetwork, SecrecyGrade
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.services import system_create

from . import services
from .choices import BudgetObjectKind, ExceptionStatus, ItemStatus
from .models import MigrationPlan

STATES = ("in_progress", "versioned", "submitted", "draft", "none")


@dataclass
class Group:
    department: Organisation
    networks: list[Network] = field(default_factory=list)
    systems: list[ApplicationSystem] = field(default_factory=list)


def _demo_groups() -> list[Group]:
    nets = (
        Network.objects.filter(
            family=NetworkFamily.DEDICATED, is_demo=True, status__in=[NetworkStatus.ACTIVE, NetworkStatus.MIGRATING]
        )
        .exclude(kind=ComponentKind.LAN)
        .select_related("owner")
        .order_by("id")
    )
    groups: dict[int, Group] = {}
    for net in nets:
        systems = list(
            ApplicationSystem.objects.filter(
                current_dedicated_network=net, owner__path__startswith=net.owner.path
            ).select_related("owner")
        )
        if not systems:
            continue
        group = groups.setdefault(net.owner_id, Group(net.owner))
        group.networks.append(net)
        group.systems.extend(systems)
    return list(groups.values())


def _fallback_group(actor: Any, n: int, dept: Organisation | None = None) -> Group:
    """A department (new, or an existing demo one) with a dedicated network carrying three systems."""
    existing = dept is not None
    if dept is None:
        division = Division.objects.filter(code="110000").first() or Division.objects.filter(level="province").first()
        if division is None:
            raise LookupError("demo migration: load the divisions first (egovnet load-divisions)")
        dept = organisation_create(
            actor=actor,
            name=f"演示迁移部委{n}",
            kind=OrgKind.GOVERNMENT_DEPARTMENT,
            level=Level.CENTRAL,
            division=division,
            in_beijing=True,
            is_demo=True,
        )
    short = dept.short_name or dept.name
    net = network_create(
        actor=actor,
        name=f"{short}业务专网（演示）",
        family=NetworkFamily.DEDICATED,
        kind=ComponentKind.WAN_BACKBONE,
        level=dept.level,
        division=dept.division,
        owner=dept,
        established_on=dt.date(2008 + n % 4, 3, 1),
        annual_om_cost_10k_yuan=Decimal(120 + 40 * n),
        is_demo=True,
    )
    systems = [
        system_create(
            actor=actor,
            name=f"{short}{label}（演示）",
            owner=dept,
            is_classified=bool(grade),
            secrecy_grade=grade,
            mlps_level=None if grade else 3,
            current_network=CurrentNetwork.DEDICATED,
            current_dedicated_network=net,
            is_demo=True,
        )
        for label, grade in _system_specs(existing=existing)
    ]
    return Group(dept, [net], systems)


def _system_specs(*, existing: bool) -> tuple[tuple[str, str], ...]:
    """Three systems; a classified one only in departments created here (an existing demo department's
    uncleared users must keep seeing no classified system of theirs — the registry demo's invariant)."""
    third = ("内部办公系统", "" if existing else SecrecyGrade.MIMI)
    return (("业务审批系统", ""), ("数据交换系统", ""), third)


def _department_user_orgs() -> list[Organisation]:
    """Demo departments whose staff or leads can log in: they should see a plan and what is late."""
    ids = RoleAssignment.objects.filter(
        role__in=[Role.DEPARTMENT_STAFF, Role.DEPARTMENT_LEAD], org_scope__is_demo=True
    ).values("org_scope_id")
    return list(Organisation.objects.filter(pk__in=ids).order_by("path"))


def _groups(actor: Any) -> list[Group]:
    groups = _demo_groups()
    owners = {g.department.pk for g in groups}
    first = []
    for n, org in enumerate(_department_user_orgs(), start=1):
        if not any(path_owner_in(org, g.department) for g in groups) and org.pk not in owners:
            first.append(_fallback_group(actor, 10 + n, org))
            owners.add(org.pk)
    groups = first + groups
    n = 0
    while len(groups) < len(STATES):
        n += 1
        groups.append(_fallback_group(actor, n))
    return groups


def path_owner_in(org: Organisation, dept: Organisation) -> bool:
    return (dept.path or "").startswith(org.path or "-")


def _plan(actor: Any, group: Group, today: dt.date, title_suffix: str = "") -> MigrationPlan:
    plan = services.plan_create(
        actor=actor,
        department=group.department,
        title=f"{group.department.short_name or group.department.name}业务专网迁移计划{title_suffix}",
        scheme="一期：非涉密应用迁入政务外网；二期：涉密应用迁入政务内网；三期：撤除原专网线路。",
        phases=[
            {"name": "一期", "until": (today + dt.timedelta(days=90)).isoformat()},
            {"name": "二期", "until": (today + dt.timedelta(days=270)).isoformat()},
        ],
        is_demo=True,
    )
    version = plan.effective_version
    for n, system in enumerate(group.systems[:8]):
        network = next((x for x in group.networks if x.pk == system.current_dedicated_network_id), group.networks[0])
        services.item_add(
            actor=actor,
            version=version,
            system=system,
            from_network=network,
            planned_date=today + dt.timedelta(days=-200 + 120 * n),
        )
    return plan


def _submit(actor: Any, plan: MigrationPlan) -> Any:
    v = plan.versions.order_by("-number").first()
    return services.version_submit(actor=actor, version=v, expected_version=v.version)


def _approve(actor: Any, plan: MigrationPlan, ref: str) -> Any:
    v = _submit(actor, plan)
    return services.version_approve(actor=actor, version=v, expected_version=v.version, approval_ref=ref)


def _progress(actor: Any, version: Any, today: dt.date) -> None:
    items = list(version.items.order_by("planned_date", "id"))
    for n, item in enumerate(items[:-1]):  # the last one stays planned; the first planned dates are past → overdue
        if n % 3 == 1:
            continue  # left overdue on purpose
        day = today - dt.timedelta(days=260 - 70 * n)
        item = services.item_record_progress(
            actor=actor, item=item, expected_version=item.version, status=ItemStatus.IN_PROGRESS, effective_on=day
        )
        services.item_record_progress(
            actor=actor,
            item=item,
            expected_version=item.version,
            status=ItemStatus.CUT_OVER,
            cutover_ref=f"割接备案〔{day.year}〕{item.pk}号",
            cutover_date=day + dt.timedelta(days=20),
        )


def _budget(actor: Any, group: Group, years: tuple[int, int]) -> None:
    for year in years:
        for net in group.networks:
            services.budget_line_create(
                actor=actor,
                department=group.department,
                fiscal_year=year,
                object_kind=BudgetObjectKind.NETWORK,
                network=net,
                amount_10k_yuan=net.annual_om_cost_10k_yuan or Decimal("150"),
                basis="专网线路租用及设备维保",
                is_demo=True,
            )
        for system in group.systems[:3]:
            services.budget_line_create(
                actor=actor,
                department=group.department,
                fiscal_year=year,
                object_kind=BudgetObjectKind.APPLICATION,
                system=system,
                amount_10k_yuan=Decimal("35.50"),
                basis="应用系统运行维护",
                is_demo=True,
            )


def _new_networks(actor: Any, group: Group) -> None:
    """Two post-notice dedicated networks: one without an exception (R-12.2 → 0), one with an approved one."""
    for n, (name, excepted) in enumerate((("应急专线（通知后新建）", False), ("特殊业务专网（经批准例外）", True))):
        net = network_create(
            actor=actor,
            name=f"{group.department.short_name or group.department.name}{name}",
            family=NetworkFamily.DEDICATED,
            kind=ComponentKind.ACCESS_LINES,
            level=group.department.level,
            division=group.department.division,
            owner=group.department,
            established_on=dt.date(2015 + n, 6, 1),
            annual_om_cost_10k_yuan=Decimal("60"),
            is_demo=True,
        )
        if excepted:
            services.network_exception_record(
                actor=actor,
                network=net,
                status=ExceptionStatus.APPROVED,
                reference="发改高技〔2016〕演示例外1号",
                legal_basis="法定特殊业务网络（演示）",
                approved_on=dt.date(2016, 3, 1),
            )
        group.networks.append(net)  # its O&M lines are added with the group's budget


def load_demo_migration(actor: Any, today: dt.date | None = None) -> dict[str, int]:
    """Plans in every state, two fiscal years of O&M lines, one proposal under review. Idempotent."""
    if MigrationPlan.objects.filter(is_demo=True).exists():
        return {}
    today = today or timezone.localdate()
    years = (today.year, today.year + 1)
    with transaction.atomic():
        groups = _groups(actor)
        a, b, c, d = groups[:4]
        plan_a = _plan(actor, a, today)
        _progress(actor, _approve(actor, plan_a, "发改办高技〔演示〕1号"), today)
        plan_b = _plan(actor, b, today)
        _progress(actor, _approve(actor, plan_b, "发改办高技〔演示〕2号"), today)
        draft = services.version_new_draft(actor=actor, plan=plan_b)
        v2 = services.version_submit(actor=actor, version=draft, expected_version=draft.version)
        services.version_approve(
            actor=actor, version=v2, expected_version=v2.version, approval_ref="发改办高技〔演示〕3号"
        )
        services.version_new_draft(actor=actor, plan=plan_b)  # v3 draft open for changes
        _submit(actor, _plan(actor, c, today))
        _plan(actor, d, today)  # draft only; groups[4:] keep no plan (R-4.1 findings)
        _new_networks(actor, a)
        for group in (a, b, c, d):
            _budget(actor, group, years)
        proposal = services.proposal_generate(actor=actor, department=a.department, fiscal_year=years[1], as_of=today)
    return {"plans": 4, "departments_without_plan": max(len(groups) - 4, 0), "proposal": proposal.pk}
