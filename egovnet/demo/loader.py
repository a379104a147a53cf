"""Loading the demo dataset through the service functions, all-or-nothing, so the audit log is real."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from egovnet.core import audit
from egovnet.core.choices import AuditAction
from egovnet.core.dbstats import refresh_planner_statistics
from egovnet.core.models import RoleAssignment
from egovnet.geo.choices import DivisionLevel
from egovnet.geo.models import Division
from egovnet.geo.services import divisions_load
from egovnet.migration.demo import load_demo_migration
from egovnet.networks.demo_topology import load_demo_topology
from egovnet.networks.models import Network
from egovnet.networks.services import network_create
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create
from egovnet.projects.demo import load_demo_projects
from egovnet.systems.services import system_create

from . import catalog
from .actor import trusted_system_actor

DEMO_PASSWORD = "Egovnet-Demo-2026"  # passes the password validators (docs/decisions/0021)
# The demo is present when its administrator exists (demo users are created last, in the same transaction).
MARKER_USERNAME = "admin"


def demo_present() -> bool:
    return get_user_model().objects.filter(username=MARKER_USERNAME, organisation__is_demo=True).exists()


def load_demo() -> bool:
    """Load the demo dataset if it is not there yet; return True when it was loaded now."""
    if demo_present():
        return False
    actor = trusted_system_actor()
    with transaction.atomic():
        if not Division.objects.exists():
            divisions_load(actor=actor)
        if demo_present():  # re-check inside the transaction (two starts at once)
            return False
        orgs = _load_orgs(actor)
        nets = _load_networks(actor, orgs)
        _load_systems(actor, orgs, nets)
        _load_users(actor, orgs)
        _load_domain_demos(actor)
        refresh_planner_statistics()
    return True


def _load_domain_demos(actor: Any) -> None:
    """Each domain app adds its own demo records on top of the registries (topology, plans, projects)."""
    load_demo_topology(actor)
    load_demo_migration(actor)
    load_demo_projects(actor)


def _provinces() -> list[tuple[str, str]]:
    return list(Division.objects.filter(level=DivisionLevel.PROVINCE).order_by("code").values_list("code", "name"))


def _load_orgs(actor: Any) -> dict[str, Organisation]:
    specs = catalog.central_orgs()
    for code, name in _provinces():
        specs += catalog.provincial_orgs(code, name)
    specs += catalog.local_orgs()
    divisions = Division.objects.in_bulk({s.division for s in specs})
    orgs: dict[str, Organisation] = {}
    for s in specs:
        if s.division not in divisions:
            raise LookupError(f"demo: division {s.division} of {s.name} is not loaded")
        orgs[s.key] = organisation_create(
            actor=actor,
            reason="演示数据 demo data",
            name=s.name,
            short_name=s.short_name,
            kind=s.kind,
            level=s.level,
            division=divisions[s.division],
            parent=orgs[s.parent] if s.parent else None,
            in_beijing=s.in_beijing,
            is_demo=True,
        )
    return orgs


def _load_networks(actor: Any, orgs: dict[str, Organisation]) -> dict[str, Network]:
    specs = catalog.network_specs()
    divisions = Division.objects.in_bulk({s.division for s in specs if s.division})
    nets: dict[str, Network] = {}
    for s in specs:
        net = network_create(
            actor=actor,
            reason="演示数据 demo data",
            name=s.name,
            family=s.family,
            kind=s.kind,
            level=s.level,
            division=divisions[s.division] if s.division else None,
            owner=orgs[s.owner],
            operator=orgs[s.operator] if s.operator else None,
            scope=s.scope,
            status=s.status,
            built_on=s.built_on,
            established_on=s.established_on,
            annual_om_cost_10k_yuan=s.cost,
            attestation_ref=s.attestation_ref,
            is_demo=True,
        )
        if s.key:
            nets[s.key] = net
    return nets


def _load_systems(actor: Any, orgs: dict[str, Organisation], nets: dict[str, Network]) -> None:
    for s in catalog.SYSTEMS:
        system_create(
            actor=actor,
            reason="演示数据 demo data",
            name=s.name,
            owner=orgs[s.owner],
            is_classified=bool(s.grade),
            secrecy_grade=s.grade,
            mlps_level=s.mlps_level,
            current_network=s.current_network,
            current_dedicated_network=nets[s.dedicated] if s.dedicated else None,
            target_network=s.target_network,
            public_facing=s.public_facing,
            cross_region=s.cross_region,
            cross_department=s.cross_department,
            shares_basic_info=s.shares_basic_info,
            coverage_levels=list(s.coverage),
            bandwidth_mbps=s.bandwidth,
            status=s.status,
            secrecy_ref=s.secrecy_ref,
            is_demo=True,
        )


def _user_snapshot(user: Any) -> dict:
    data = audit.snapshot(user) or {}
    data.pop("password", None)  # never a password hash in the audit log
    return data


def _load_users(actor: Any, orgs: dict[str, Organisation]) -> None:
    user_model = get_user_model()
    divisions = Division.objects.in_bulk({s.division_scope for s in catalog.user_specs() if s.division_scope})
    pending = []
    for s in catalog.user_specs():
        user = user_model(
            username=s.username,
            display_name=s.display_name,
            organisation=orgs[s.org] if s.org else None,
            clearance=s.clearance,
            is_superuser=s.superuser,
            is_staff=s.superuser,
        )
        user.set_password(DEMO_PASSWORD)
        user.save()
        assignment = RoleAssignment.objects.create(
            user=user,
            role=s.role,
            org_scope=orgs[s.org_scope] if s.org_scope else None,
            division_scope=divisions[s.division_scope] if s.division_scope else None,
        )
        pending.append(
            audit.entry_for(user, action=AuditAction.CREATE, after=_user_snapshot(user), reason="演示账号 demo login")
        )
        pending.append(
            audit.entry_for(
                assignment, action=AuditAction.CREATE, after=audit.snapshot(assignment), reason="演示账号 demo login"
            )
        )
    audit.record_many(actor=actor, entries=pending)
