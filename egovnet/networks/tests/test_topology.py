# ruff: noqa: F811 - pytest fixtures imported from egovnet.reports.tests.factories
"""Topology write services: authorized in scope, validated with article references, audited, versioned."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError

from egovnet.core.errors import ConcurrentEditError
from egovnet.core.models import AuditEntry, RoleAssignment
from egovnet.geo.models import Division
from egovnet.networks.choices import Carries, IncorporatedInto, LinkKind, NetworkFamily, NetworkZone
from egovnet.networks.models import Connection, NetworkLink
from egovnet.networks.planning import topology
from egovnet.networks.planning.facts import department_connection_facts, province_network_facts
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import connect, fast_divisions, link, org, planner, platform, system  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def hebei(fast_divisions, planner):
    return {
        "P": platform(planner, Level.PROVINCIAL, "130000"),
        "F": platform(planner, Level.PREFECTURE, "130100"),
        "G": platform(planner, Level.PREFECTURE, "410100"),
    }


def _officer(role, division=None):
    user = get_user_model().objects.create_user(f"{role}-{division}", password="x")
    RoleAssignment.objects.create(
        user=user, role=role, division_scope=Division.objects.get(pk=division) if division else None
    )
    return user


def test_extranet_officer_links_inside_scope_only_and_writes_are_audited(hebei):
    officer = _officer("extranet_center_officer", "130000")
    new = topology.link_create(actor=officer, a=hebei["P"], b=hebei["F"], capacity_mbps=100)
    assert AuditEntry.objects.filter(object_type__icontains="networklink", object_id=str(new.pk)).exists()
    with pytest.raises(PermissionDenied):
        topology.link_create(actor=officer, a=hebei["G"], b=hebei["P"], capacity_mbps=100)
    with pytest.raises(PermissionDenied):
        topology.link_create(actor=_officer("viewer"), a=hebei["F"], b=hebei["G"], capacity_mbps=1)
    updated = topology.link_update(actor=officer, link=new, expected_version=1, capacity_mbps=200)
    assert updated.version == 2
    with pytest.raises(ConcurrentEditError):
        topology.link_update(actor=officer, link=new, expected_version=1, capacity_mbps=300)
    assert NetworkLink.objects.get(pk=new.pk).capacity_mbps == 200


def test_link_validation_cites_the_articles(hebei, planner):
    intranet = platform(planner, Level.PROVINCIAL, "130000", family=NetworkFamily.INTRANET)
    with pytest.raises(ValidationError) as exc:
        link(planner, hebei["P"], intranet, 10)
    assert "第一条" in str(exc.value)
    with pytest.raises(ValidationError) as exc:
        link(planner, hebei["P"], hebei["F"], None)
    assert "capacity_mbps" in exc.value.message_dict
    other = platform(planner, Level.CENTRAL, None, family=NetworkFamily.INTRANET)
    with pytest.raises(ValidationError) as exc:
        link(planner, other, intranet, 10, kind=LinkKind.SECURE_LINK)  # intranet: no capacity, needs attestation
    assert {"capacity_mbps"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        link(planner, other, intranet, None, kind=LinkKind.SECURE_LINK)
    assert "attestation_ref" in exc.value.message_dict


def test_connections_need_zone_dates_and_attestation(hebei, planner):
    dept = org(planner, "130102")
    with pytest.raises(ValidationError) as exc:
        topology.connection_create(actor=planner, organisation=dept, platform=hebei["F"], connected_on=dt.date.today())
    assert "zone" in exc.value.message_dict
    with pytest.raises(ValidationError):
        connect(planner, dept, hebei["F"], on=dt.date(2020, 1, 1), disconnected_on=dt.date(2019, 1, 1))
    intranet = platform(planner, Level.PROVINCIAL, "130000", family=NetworkFamily.INTRANET)
    with pytest.raises(ValidationError) as exc:
        topology.connection_create(actor=planner, organisation=dept, platform=intranet, connected_on=dt.date.today())
    assert "attestation_ref" in exc.value.message_dict
    staff = get_user_model().objects.create_user("staff-elsewhere", password="x")
    RoleAssignment.objects.create(user=staff, role="department_staff", org_scope=org(planner, "410102"))
    with pytest.raises(PermissionDenied):
        connect(staff, dept, hebei["F"])
    assert Connection.objects.count() == 0


def test_policy_facts_for_departments_and_provinces(hebei, planner):
    dept, lonely = org(planner, "130102"), org(planner, "130104")
    connect(planner, dept, hebei["F"], zone=NetworkZone.PRIVATE_VPN_ZONE)
    system(planner, lonely, ["county"], 1, public_facing=True, current_network="internet")
    facts = department_connection_facts([dept.pk, lonely.pk])
    assert facts[dept.pk]["connected"] and facts[dept.pk]["zones"] == [NetworkZone.PRIVATE_VPN_ZONE]
    assert facts[lonely.pk] == {
        **facts[lonely.pk],
        "connected": False,
        "non_classified_systems": 1,
        "extranet_candidates_off_extranet": 1,
    }
    topology.provincial_network_create(
        actor=planner, network=hebei["P"], carries=Carries.MIXED, incorporated_into=IncorporatedInto.NONE
    )
    with pytest.raises(ValidationError):
        topology.provincial_network_create(actor=planner, network=hebei["F"], carries=Carries.CLASSIFIED)
    province = province_network_facts()["130000"]
    assert province["parallel_networks"] == 1 and province["networks"][0]["carries"] == Carries.MIXED
    assert province["platform_present"] and province["prefecture_coverage"] == round(100 / 11, 2)


def test_engine_shaped_records(hebei, planner):
    from egovnet.networks.planning.facts import (
        coverage_records,
        department_connection_records,
        provincial_network_records,
    )

    dept = org(planner, "130102")
    connect(planner, dept, hebei["F"])
    assert department_connection_records([dept.pk]) == [
        {"department": str(dept.pk), "extranet_connected": True, "non_classified_apps": 0}
    ]
    hebei_record = next(r for r in coverage_records() if r["province"] == "130000")
    assert hebei_record == {
        "province": "130000",
        "prefectures_total": 11,
        "prefectures_covered": 1,
        "counties_total": 167,
        "counties_covered": 0,
    }
    topology.provincial_network_create(
        actor=planner,
        network=hebei["P"],
        carries=Carries.NON_CLASSIFIED,
        incorporated_into=IncorporatedInto.EXTRANET_SYSTEM,
        link_to_central=True,
        link_ref="R-1",
    )
    assert provincial_network_records() == [
        {
            "id": str(hebei["P"].pk),
            "province": "130000",
            "carries": "non_classified",
            "incorporated_into": "extranet",
            "link_to_central": True,
        }
    ]
