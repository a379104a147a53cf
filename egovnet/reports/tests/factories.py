"""Shared fixtures and builders for the coverage / capacity / targets / reports tests.

Rows are created through the real services (organisation_create, network_create, link_create, …) by a
superuser actor, so the tests exercise the same authorized and audited write path as the UI and API.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.contrib.auth import get_user_model

from egovnet.core.services import system_actor
from egovnet.geo.models import Division
from egovnet.geo.services import DEFAULT_FILE, _row_values, divisions_load, read_division_file
from egovnet.networks.choices import ComponentKind, LinkKind, NetworkFamily, NetworkZone
from egovnet.networks.planning import topology
from egovnet.networks.services import network_create
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.services import organisation_create
from egovnet.systems.choices import TargetNetwork
from egovnet.systems.services import system_create

_seq = itertools.count(1)
D0 = dt.date(2014, 1, 1)


@pytest.fixture
def all_divisions(db):
    """The full shipped division list, loaded through the real loader (audited, validated)."""
    divisions_load(actor=system_actor())


@pytest.fixture
def fast_divisions(db):
    """The same 3,209 rows bulk-inserted (no audit entries): for tests about routing, not about the loader."""
    rows = read_division_file(DEFAULT_FILE)
    order = {"province": 0, "prefecture": 1, "county": 2}
    rows.sort(key=lambda r: (order[r["level"].strip()], r["code"]))
    Division.objects.bulk_create([Division(code=r["code"].strip(), **_row_values(r)) for r in rows], batch_size=1000)


@pytest.fixture
def planner(db):
    return get_user_model().objects.create_user(
        "cov-admin", password="x", is_superuser=True, is_staff=True, clearance=2
    )


def org(actor: Any, division: str, level: str = Level.COUNTY, kind: str = OrgKind.GOVERNMENT_DEPARTMENT, **kw) -> Any:
    n = next(_seq)
    return organisation_create(
        actor=actor,
        name=kw.pop("name", f"部门{n}"),
        kind=kind,
        level=level,
        division=Division.objects.get(pk=division) if division else None,
        **kw,
    )


def platform(
    actor: Any,
    level: str,
    division: str | None,
    *,
    owner: Any = None,
    kind: str = ComponentKind.PLATFORM,
    family: str = NetworkFamily.EXTRANET,
    established_on: dt.date | None = D0,
    **kw,
) -> Any:
    if owner is None:
        owner = org(
            actor,
            division or "110000",
            level=level if level != Level.CENTRAL else Level.CENTRAL,
            kind=OrgKind.EXTRANET_OPERATOR,
        )
    return network_create(
        actor=actor,
        name=kw.pop("name", f"{family}-{level}-{division or 'central'}-{next(_seq)}"),
        family=family,
        kind=kind,
        level=level,
        division=Division.objects.get(pk=division) if division else None,
        owner=owner,
        established_on=established_on,
        **kw,
    )


def link(actor: Any, a: Any, b: Any, capacity: int | None = 1000, **kw) -> Any:
    kw.setdefault("kind", LinkKind.BACKBONE)
    return topology.link_create(actor=actor, a=a, b=b, capacity_mbps=capacity, **kw)


def connect(actor: Any, organisation: Any, net: Any, on: dt.date = D0, **kw) -> Any:
    kw.setdefault("zone", NetworkZone.PUBLIC_NETWORK_ZONE)
    return topology.connection_create(actor=actor, organisation=organisation, platform=net, connected_on=on, **kw)


def system(actor: Any, owner: Any, coverage: list[str], bandwidth: int, **kw) -> Any:
    kw.setdefault("target_network", TargetNetwork.EXTRANET)
    return system_create(
        actor=actor,
        name=kw.pop("name", f"系统{next(_seq)}"),
        owner=owner,
        coverage_levels=coverage,
        bandwidth_mbps=bandwidth,
        **kw,
    )
