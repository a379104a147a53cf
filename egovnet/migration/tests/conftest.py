"""Fixtures of the migration tests: a ministry with a sub-unit, another ministry, networks, systems, users."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from egovnet.core.choices import Clearance, Role
from egovnet.core.tests import factories as f
from egovnet.geo.models import Division
from egovnet.networks.choices import ComponentKind, NetworkFamily, NetworkStatus
from egovnet.networks.models import Network
from egovnet.orgs.choices import Level
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import CurrentNetwork, SecrecyGrade
from egovnet.systems.models import ApplicationSystem


def make_network(
    owner: Organisation, name: str, *, established_on=dt.date(2008, 1, 1), family=NetworkFamily.DEDICATED, **kw
):
    return Network.objects.create(
        name=name,
        family=family,
        kind=kw.pop(
            "kind", ComponentKind.WAN_BACKBONE if family == NetworkFamily.DEDICATED else ComponentKind.PLATFORM
        ),
        level=kw.pop("level", Level.CENTRAL),
        owner=owner,
        status=kw.pop("status", NetworkStatus.ACTIVE),
        established_on=established_on,
        annual_om_cost_10k_yuan=kw.pop("cost", Decimal("100")),
        **kw,
    )


def make_system(owner: Organisation, name: str, network: Network | None, grade: str = "", **kw) -> ApplicationSystem:
    return ApplicationSystem.objects.create(
        name=name,
        owner=owner,
        is_classified=bool(grade),
        secrecy_grade=grade,
        current_network=CurrentNetwork.DEDICATED if network else CurrentNetwork.EXTRANET,
        current_dedicated_network=network,
        **kw,
    )


@pytest.fixture
def world(db):
    beijing = Division.objects.create(code="110000", name="北京市", level="province", province_code="110000")
    henan = Division.objects.create(code="410000", name="河南省", level="province", province_code="410000")
    ministry = f.make_org("水利部", division=beijing)
    bureau = f.make_org("水利部信息中心", division=beijing, parent=ministry)
    other = f.make_org("农业农村部", division=beijing)
    local = f.make_org("河南省水利厅", division=henan, level=Level.PROVINCIAL)
    legacy = make_network(ministry, "水利专网")
    newnet = make_network(ministry, "水利新专网", established_on=dt.date(2015, 6, 1))
    other_net = make_network(other, "农业专网")
    local_net = make_network(local, "河南水利专网", level=Level.PROVINCIAL, division=henan)
    extranet = make_network(
        ministry, "水利部政务外网接入", family=NetworkFamily.EXTRANET, established_on=dt.date(2010, 1, 1)
    )
    systems = {
        "flood": make_system(ministry, "防汛调度系统", legacy),
        "water": make_system(bureau, "水资源管理系统", legacy),
        "secret": make_system(ministry, "水利涉密系统", legacy, grade=SecrecyGrade.JIMI),
        "topsecret": make_system(ministry, "水利绝密系统", legacy, grade=SecrecyGrade.JUEMI),
        "other": make_system(other, "农业系统", other_net),
        "local": make_system(local, "河南水利系统", local_net),
    }
    users = {
        "staff": f.make_user("staff", role=Role.DEPARTMENT_STAFF, org_scope=ministry),
        "lead": f.make_user("lead", role=Role.DEPARTMENT_LEAD, org_scope=ministry),
        "other_staff": f.make_user("other_staff", role=Role.DEPARTMENT_STAFF, org_scope=other),
        "drc": f.make_user("drc", role=Role.DRC_REVIEWER),
        "finance": f.make_user("finance", role=Role.FINANCE_OFFICER),
        "viewer": f.make_user("viewer", role=Role.VIEWER, org_scope=ministry),
        "cleared": f.make_user("cleared", role=Role.DEPARTMENT_STAFF, org_scope=ministry, clearance=Clearance.JIMI),
        "nobody": f.make_user("nobody"),
    }
    return {
        "beijing": beijing,
        "henan": henan,
        "ministry": ministry,
        "bureau": bureau,
        "other": other,
        "local": local,
        "legacy": legacy,
        "newnet": newnet,
        "other_net": other_net,
        "local_net": local_net,
        "extranet": extranet,
        "systems": systems,
        "users": users,
    }
