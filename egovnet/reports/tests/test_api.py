"""Reports API and UI: coverage, targets, capacity (what-if via POST, nothing saved), redaction, auth."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth import get_user_model
from rest_framework.test import APIClient

from egovnet.core.models import RoleAssignment
from egovnet.geo.models import Division
from egovnet.networks.choices import ComponentKind
from egovnet.networks.models import NetworkLink
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import connect, link, org, platform, system
from egovnet.systems.choices import SecrecyGrade
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(fast_divisions, planner):
    backbone = platform(planner, Level.CENTRAL, None, kind=ComponentKind.WAN_BACKBONE, name="中央广域骨干网")
    prov = platform(planner, Level.PROVINCIAL, "130000", name="河北省级平台")
    pref = platform(planner, Level.PREFECTURE, "130100", name="石家庄平台")
    county = platform(planner, Level.COUNTY, "130102", name="长安区平台")
    uplink = link(planner, backbone, prov, 100)
    link(planner, prov, pref, 1000)
    link(planner, pref, county, 1000)
    central = org(planner, "110000", level=Level.CENTRAL, name="某部委")
    connect(planner, org(planner, "130102"), county)
    system(
        planner,
        central,
        ["central", "provincial"],
        300,
        name="密件流转",
        is_classified=True,
        secrecy_grade=SecrecyGrade.MIMI,
    )
    return {"uplink": uplink, "central": central}


@pytest.fixture
def viewer(db):
    user = get_user_model().objects.create_user("viewer-api", password="pw")
    RoleAssignment.objects.create(user=user, role="viewer")
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_api_needs_authentication(db):
    for url in ("/api/reports/coverage/", "/api/reports/capacity/", "/api/reports/targets/"):
        assert APIClient().get(url).status_code in (401, 403)


def test_coverage_api(world, viewer):
    data = viewer.get("/api/reports/coverage/").json()
    hebei = next(p for p in data["provinces"] if p["code"] == "130000")
    assert hebei["linked_to_backbone"] and hebei["counties_covered"] == 1 and hebei["departments_connected"] == 1
    assert data["national"]["counties_total"] == 2848 and data["excluded"] == ["350527"]
    assert data["excluded_map_codes"] == ["710000", "810000", "820000"]
    assert any(r["code"] == "130100" for r in hebei["regions"])
    early = viewer.get("/api/reports/coverage/?date=2000-01-01").json()
    assert early["national"]["counties_covered"] == 0
    bad = viewer.get("/api/reports/coverage/?date=2015-13-01")
    assert bad.status_code == 400 and "date" in bad.json()


def test_targets_api(world, viewer):
    data = viewer.get("/api/reports/targets/?date=2016-01-01").json()
    codes = {t["code"]: t for t in data["targets"]}
    assert codes["art3-county-coverage"]["status"] == "late"
    assert codes["art1-unified-network"]["current_percent"] == round(100 / 31, 2)


def test_capacity_api_redacts_and_what_if_saves_nothing(world, viewer):
    data = viewer.get("/api/reports/capacity/").json()
    uplink = next(r for r in data["links"] if r["link"] == world["uplink"].pk)
    assert uplink["oversubscribed"] and uplink["top_systems"][0]["name"] == REDACTED_NAME
    assert "密件流转" not in json.dumps(data, ensure_ascii=False)
    before = (ApplicationSystem.objects.count(), NetworkLink.objects.count())
    spec = {
        "add": [
            {"name": "新系统", "owner": world["central"].pk, "coverage_levels": ["provincial"], "bandwidth_mbps": 50}
        ]
    }
    res = viewer.post("/api/reports/capacity/", spec, format="json")
    assert res.status_code == 200
    row = next(r for r in res.json()["what_if"]["links"] if r["link"] == world["uplink"].pk)
    assert row["delta_mbps"] == 50 and row["demand_mbps"] == 350
    assert (ApplicationSystem.objects.count(), NetworkLink.objects.count()) == before
    bad = viewer.post("/api/reports/capacity/", {"add": [{"owner": -1, "bandwidth_mbps": 0}]}, format="json")
    assert bad.status_code == 400 and "add[0]" in bad.json()


def test_dashboard_and_capacity_pages(world, client, planner):
    client.force_login(planner)
    page = client.get("/reports/")
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="coverage-map"' in html and "echarts.min.js" in html and "/reports/geo/licence.txt" in html
    assert "art3-county-coverage" in html and 'class="tabs"' in html
    assert "河北省" in client.get("/reports/?tab=provinces").content.decode()
    assert "six-organ-matrix" in client.get("/reports/?tab=intranet").content.decode()
    assert "中央广域骨干网 ↔ 河北省级平台" in client.get("/reports/?tab=capacity").content.decode()
    assert client.get("/reports/?date=nope").status_code == 400
    geo = client.get("/reports/geo/prefectures/130000.geojson").json()
    assert geo["features"] and all(f["properties"]["code"].startswith("13") for f in geo["features"])
    assert client.get("/reports/geo/provinces.geojson").status_code == 200
    assert "Apache" in client.get("/reports/geo/licence.txt").content.decode()
    res = client.post("/reports/capacity/", {"what_if": "{not json"})
    assert res.status_code == 400 and "JSON" in res.content.decode()
    spec = json.dumps({"move": [{"system": ApplicationSystem.objects.get().pk, "bandwidth_mbps": 1}]})
    res = client.post("/reports/capacity/", {"what_if": spec})
    assert res.status_code == 200 and "-299" in res.content.decode()


def test_dashboard_requires_login(client, db):
    assert client.get("/reports/").status_code == 302


def test_dashboard_dates_are_validated(world, client, planner):
    client.force_login(planner)
    response = client.get(f"/reports/?date={dt.date(2015, 1, 1).isoformat()}")
    assert response.status_code == 200 and response.context["day"] == dt.date(2015, 1, 1)
    response = client.get("/reports/?date=2015-13-01")
    assert response.status_code == 400
    assert "YYYY-MM-DD" in response.content.decode() and "2015-13-01" in response.content.decode()


def test_network_findings_from_the_engine(world, viewer, planner):
    from egovnet.networks.choices import Carries, IncorporatedInto, NetworkFamily
    from egovnet.networks.planning import topology
    from egovnet.networks.services import network_create

    legacy = network_create(
        actor=planner,
        name="四川存量网",
        family=NetworkFamily.DEDICATED,
        kind="wan_backbone",
        level=Level.PROVINCIAL,
        division=Division.objects.get(pk="510000"),
        owner=org(planner, "510000", level=Level.PROVINCIAL),
    )
    topology.provincial_network_create(
        actor=planner, network=legacy, carries=Carries.MIXED, incorporated_into=IncorporatedInto.NONE
    )
    system(planner, world["central"], ["central"], 1, name="公开查询")  # non-classified, owner not connected
    data = viewer.get("/api/reports/findings/").json()
    assert data["counts"]["R-3.1"] == 31  # no province has every prefecture and county covered
    assert data["counts"]["R-5.4"] == 1 and data["counts"]["R-3.2"] == 1  # 某部委 has a system, no connection
    mixed = next(f for f in data["findings"] if f["rule"] == "R-5.4")
    assert mixed["subject_name"] == "四川存量网" and mixed["message_zh"] and mixed["remediation_en"]
    hebei = next(f for f in data["findings"] if f["rule"] == "R-3.1" and f["subject"] == "130000")
    assert hebei["subject_name"] == "河北省"


def test_coverage_history_api(world, viewer, planner):
    from egovnet.networks.planning.snapshots import coverage_snapshot

    for day in (dt.date(2015, 1, 1), dt.date(2016, 1, 1)):
        coverage_snapshot(actor=planner, day=day)
    national = viewer.get("/api/reports/coverage/history/").json()["history"]
    assert [r["date"] for r in national] == ["2015-01-01", "2016-01-01"]
    hebei = viewer.get("/api/reports/coverage/history/?division=130000").json()["history"]
    assert hebei[-1]["linked_to_backbone"] and hebei[-1]["counties_total"] == 167
    shijiazhuang = viewer.get("/api/reports/coverage/history/?division=130100").json()["history"]
    assert shijiazhuang[-1]["scope"] == "prefecture" and shijiazhuang[-1]["platform_present"]
    assert viewer.get("/api/reports/coverage/history/?division=13").status_code == 400


def test_admin_adds_a_target_through_the_api(world, viewer, planner):
    body = {
        "code": "county-2030",
        "title": "县级全覆盖 All counties",
        "metric": "county_coverage",
        "target_percent": 100,
        "deadline": "2030-12-31",
        "article": "第三条",
    }
    assert viewer.post("/api/reports/targets/", body, format="json").status_code == 403
    admin = APIClient()
    admin.force_authenticate(planner)
    created = admin.post("/api/reports/targets/", body, format="json")
    assert created.status_code == 201
    bad = admin.post("/api/reports/targets/", {**body, "code": "x2", "metric": "nope", "colour": 1}, format="json")
    assert bad.status_code == 400 and "colour" in bad.json()
    bad = admin.post("/api/reports/targets/", {**body, "code": "x3", "metric": "nope"}, format="json")
    assert bad.status_code == 400 and "metric" in bad.json()
    targets = {t["code"]: t for t in viewer.get("/api/reports/targets/").json()["targets"]}
    assert targets["county-2030"]["builtin"] is False and targets["county-2030"]["article"] == "第三条"


def test_capacity_links_are_paginated_busiest_first(world, client, planner, monkeypatch, django_assert_max_num_queries):
    from egovnet.reports import summaries

    monkeypatch.setattr(summaries, "LINKS_PER_PAGE", 2)  # one page size for the live and the stored report
    client.force_login(planner)
    first = client.get("/reports/capacity/").content.decode()
    assert first.count("<tr class=") == 2 and "page=2" in first
    second = client.get("/reports/capacity/", {"page": 2}).content.decode()
    assert second.count("<tr class=") == 1
    over = client.get("/reports/capacity/", {"over": "1"}).content.decode()
    assert over.count("<tr class=") == over.count('class="over"')
    with django_assert_max_num_queries(25):  # the capacity report's own queries, not one per link
        client.get("/reports/capacity/", {"page": 2})


def test_capacity_what_if_by_form_picks_by_name(world, client, planner):
    client.force_login(planner)
    page = client.get("/reports/capacity/").content.decode()
    assert 'hx-get="/systems/lookup/"' in page and 'hx-get="/orgs/lookup/"' in page and "<textarea" not in page
    assert page.count('<datalist id="dl-change_system">') == 1
    system = ApplicationSystem.objects.get()
    res = client.post("/reports/capacity/", {"change_system": f"{system.pk} {system.name}", "change_bandwidth": "1"})
    assert res.status_code == 200 and "-299" in res.content.decode()
    central = world["central"]
    res = client.post("/reports/capacity/", {"add_name": "新系统", "add_owner": f"{central.pk} {central.name}",
                                             "add_coverage": ["provincial"], "add_bandwidth": "50"})  # fmt: skip
    assert res.status_code == 200 and "<td>50.0</td>" in res.content.decode() and "新系统 (50.0)" in res.content.decode()
    res = client.post("/reports/capacity/", {"add_name": "新系统"})  # owner, levels and bandwidth missing
    assert res.status_code == 400 and "Needed to add an application" not in res.content.decode()
    assert NetworkLink.objects.count() and ApplicationSystem.objects.count() == 1  # nothing saved
