# ruff: noqa: F811 - pytest fixtures imported from egovnet.reports.tests.factories
"""Capacity routing on a small hand-checked topology, what-if without writes, redaction."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from egovnet.core.models import RoleAssignment
from egovnet.networks.choices import ComponentKind
from egovnet.networks.planning.hotspots import capacity_report
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import connect, fast_divisions, link, org, planner, platform, system  # noqa: F401
from egovnet.systems.choices import SecrecyGrade, TargetNetwork
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def net(fast_divisions, planner):
    """M(metro)–B(backbone)–P(河北)–F1(石家庄)–C1(长安区), P–F2(唐山); five systems (see each comment)."""
    n = {
        "M": platform(planner, Level.CENTRAL, None, kind=ComponentKind.MAN, name="中央城域网"),
        "B": platform(planner, Level.CENTRAL, None, kind=ComponentKind.WAN_BACKBONE, name="中央广域骨干网"),
        "P": platform(planner, Level.PROVINCIAL, "130000", name="河北省级平台"),
        "F1": platform(planner, Level.PREFECTURE, "130100", name="石家庄"),
        "F2": platform(planner, Level.PREFECTURE, "130200", name="唐山"),
        "C1": platform(planner, Level.COUNTY, "130102", name="长安区"),
    }
    n["l_MB"] = link(planner, n["M"], n["B"], 1000)
    n["l_BP"] = link(planner, n["B"], n["P"], 100)
    n["l_PF1"] = link(planner, n["P"], n["F1"], 50)
    n["l_PF2"] = link(planner, n["P"], n["F2"], 50)
    n["l_F1C1"] = link(planner, n["F1"], n["C1"], 10)
    central = org(planner, "110000", level=Level.CENTRAL, name="某部委")
    hebei = org(planner, "130000", level=Level.PROVINCIAL, name="河北省某厅")
    county = org(planner, "130102", name="长安区某局")
    connect(planner, county, n["C1"])
    n["orgs"] = {"central": central, "hebei": hebei, "county": county}
    # s1: P -> F1, F2, C1 at 10 each: P–F1 +20, P–F2 +10, F1–C1 +10
    n["s1"] = system(planner, hebei, ["provincial", "prefecture", "county"], 10, name="省级业务系统")
    # s2: M -> P at 30: M–B +30, B–P +30
    n["s2"] = system(planner, central, ["central", "provincial"], 30, name="部委系统甲")
    # s3 (classified 秘密): M -> P, F1, F2 at 40: M–B +120, B–P +120, P–F1 +40, P–F2 +40
    n["s3"] = system(
        planner,
        central,
        ["central", "provincial", "prefecture"],
        40,
        name="机要系统",
        is_classified=True,
        secrecy_grade=SecrecyGrade.MIMI,
    )
    # s4: county connected to C1, up to the province at 5: F1–C1 +5, P–F1 +5
    n["s4"] = system(planner, county, ["county", "provincial"], 5, name="县级上报系统")
    # not routed: intranet-bound, and an extranet system without a bandwidth figure
    system(planner, central, ["central", "provincial"], 999, target_network=TargetNetwork.INTRANET)
    system(planner, central, ["central", "provincial"], None)
    return n


def _by_link(rows):
    return {r["link"]: r for r in rows}


def test_demand_routed_per_link_matches_hand_computation(net, planner):
    report = capacity_report(planner)
    rows = _by_link(report["links"])
    expected = {"l_MB": 150, "l_BP": 150, "l_PF1": 65, "l_PF2": 50, "l_F1C1": 15}
    assert {k: rows[net[k].pk]["demand_mbps"] for k in expected} == expected
    assert set(report["oversubscribed"]) == {net["l_BP"].pk, net["l_PF1"].pk, net["l_F1C1"].pk}
    assert rows[net["l_PF2"].pk]["oversubscribed"] is False  # demand equal to capacity is not over
    assert rows[net["l_BP"].pk]["utilisation_percent"] == 150.0
    assert report["systems_routed"] == 4 and report["systems_without_bandwidth"] == 1
    top = rows[net["l_BP"].pk]["top_systems"]
    assert [(t["system"], t["mbps"]) for t in top] == [(net["s3"].pk, 120), (net["s2"].pk, 30)]


def test_classified_names_are_redacted_for_readers_without_clearance(net, planner):
    reader = get_user_model().objects.create_user("viewer-cap", password="x")
    RoleAssignment.objects.create(user=reader, role="viewer")
    top = _by_link(capacity_report(reader)["links"])[net["l_BP"].pk]["top_systems"]
    assert top[0]["name"] == REDACTED_NAME and top[1]["name"] == "部委系统甲"
    reader.clearance = 1
    reader.save()
    reader = get_user_model().objects.get(pk=reader.pk)
    top = _by_link(capacity_report(reader)["links"])[net["l_BP"].pk]["top_systems"]
    assert top[0]["name"] == "机要系统"
    assert "机要系统" not in str(capacity_report(None))


def test_out_of_scope_systems_are_shown_by_number_only(net):
    reader = get_user_model().objects.create_user("hebei-staff", password="x", clearance=2)
    RoleAssignment.objects.create(user=reader, role="viewer", org_scope=net["orgs"]["hebei"])
    top = _by_link(capacity_report(reader)["links"])[net["l_PF1"].pk]["top_systems"]
    names = {t["system"]: t["name"] for t in top}
    assert names[net["s1"].pk] == "省级业务系统"
    assert "机要系统" not in names[net["s3"].pk] and "outside your scope" in names[net["s3"].pk]


def _db_state():
    state = {}
    for model in apps.get_models():
        state[model._meta.label] = list(model.objects.order_by("pk").values())
    return state


def test_what_if_adds_and_moves_without_writing(net, planner):
    before = _db_state()
    spec = {
        "add": [
            {
                "name": "新建监管平台",
                "owner": net["orgs"]["central"].pk,
                "coverage_levels": ["provincial"],
                "bandwidth_mbps": 100,
            }
        ],
        "move": [
            {"system": net["s1"].pk, "bandwidth_mbps": 1},
            {"system": net["s2"].pk, "target_network": TargetNetwork.INTRANET},
        ],
    }
    report = capacity_report(planner, what_if=spec)
    assert _db_state() == before
    delta = _by_link(report["what_if"]["links"])
    assert delta[net["l_BP"].pk]["demand_mbps"] == 150 + 100 - 30
    assert delta[net["l_BP"].pk]["delta_mbps"] == 70
    assert delta[net["l_PF1"].pk]["demand_mbps"] == 65 - 20 + 2
    assert net["l_PF1"].pk not in report["what_if"]["oversubscribed"]
    assert delta[net["l_BP"].pk]["top_systems"] == [
        {"system": net["s3"].pk, "name": "机要系统", "mbps": 120},
        {"system": None, "name": "新建监管平台", "mbps": 100},
    ]
    assert _by_link(report["links"])[net["l_BP"].pk]["demand_mbps"] == 150  # baseline unchanged


def test_what_if_rejects_bad_rows_naming_them(net):
    with pytest.raises(ValidationError) as exc:
        capacity_report(
            None,
            what_if={
                "add": [{"owner": 999999, "coverage_levels": ["x"], "bandwidth_mbps": 1}],
                "move": [{"system": 424242}],
            },
        )
    assert set(exc.value.message_dict) == {"add[0]", "move[0]"}
    assert "owner" in exc.value.message_dict["add[0]"][0]
    with pytest.raises(ValidationError):
        capacity_report(None, what_if={"unknown": []})


def test_capacity_report_takes_a_fixed_number_of_queries(net, planner, django_assert_max_num_queries):
    for i in range(20):
        system(planner, net["orgs"]["hebei"], ["prefecture"], i + 1)
    with django_assert_max_num_queries(13):  # 5 fingerprint aggregates + 8 reads
        capacity_report(planner)


def test_routed_baseline_is_reused_until_something_changes(net, planner, django_assert_max_num_queries):
    capacity_report(planner)
    with django_assert_max_num_queries(7):  # 5 fingerprint aggregates + 2 for names; no routing reads
        again = capacity_report(planner)
    assert _by_link(again["links"])[net["l_BP"].pk]["demand_mbps"] == 150
    system(planner, net["orgs"]["central"], ["provincial"], 10)
    assert _by_link(capacity_report(planner)["links"])[net["l_BP"].pk]["demand_mbps"] == 160
