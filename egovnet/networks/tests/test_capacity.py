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
    n["l_BP"] = link(planner, n["B"], n["P"], 60)
    n["l_PF1"] = link(planner, n["P"], n["F1"], 20)
    n["l_PF2"] = link(planner, n["P"], n["F2"], 18)
    n["l_F1C1"] = link(planner, n["F1"], n["C1"], 10)
    central = org(planner, "110000", level=Level.CENTRAL, name="某部委")
    hebei = org(planner, "130000", level=Level.PROVINCIAL, name="河北省某厅")
    county = org(planner, "130102", name="长安区某局")
    connect(planner, county, n["C1"])
    n["orgs"] = {"central": central, "hebei": hebei, "county": county}
    # Each application's bandwidth is shared by its N destinations (ADR 0502).
    # s1: P -> F1, F2, C1 (N=3) at 9: 3 each; P–F1 +6 (F1 and C1 behind it), P–F2 +3, F1–C1 +3
    n["s1"] = system(planner, hebei, ["provincial", "prefecture", "county"], 9, name="省级业务系统")
    # s2: M -> P at 30: M–B +30, B–P +30
    n["s2"] = system(planner, central, ["central", "provincial"], 30, name="部委系统甲")
    # s3 (classified 秘密): M -> P, F1, F2 (N=3) at 45: M–B +45, B–P +45, P–F1 +15, P–F2 +15
    n["s3"] = system(
        planner,
        central,
        ["central", "provincial", "prefecture"],
        45,
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
    expected = {"l_MB": 75, "l_BP": 75, "l_PF1": 26, "l_PF2": 18, "l_F1C1": 8}
    assert {k: rows[net[k].pk]["demand_mbps"] for k in expected} == expected
    assert set(report["oversubscribed"]) == {net["l_BP"].pk, net["l_PF1"].pk}
    assert rows[net["l_PF2"].pk]["oversubscribed"] is False  # demand equal to capacity is not over
    assert rows[net["l_BP"].pk]["utilisation_percent"] == 125.0
    assert report["systems_routed"] == 4 and report["systems_without_bandwidth"] == 1
    top = rows[net["l_BP"].pk]["top_systems"]
    assert [(t["system"], t["mbps"]) for t in top] == [(net["s3"].pk, 45), (net["s2"].pk, 30)]


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
    assert delta[net["l_BP"].pk]["demand_mbps"] == 75 + 100 - 30
    assert delta[net["l_BP"].pk]["delta_mbps"] == 70
    assert delta[net["l_PF1"].pk]["demand_mbps"] == round(26 - 6 + 2 / 3, 2)
    assert net["l_PF1"].pk in report["what_if"]["oversubscribed"] and not report["what_if"]["newly_oversubscribed"]
    assert delta[net["l_BP"].pk]["top_systems"] == [
        {"system": None, "name": "新建监管平台", "mbps": 100},
        {"system": net["s3"].pk, "name": "机要系统", "mbps": 45},
    ]
    assert _by_link(report["links"])[net["l_BP"].pk]["demand_mbps"] == 75  # baseline unchanged


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
    assert _by_link(again["links"])[net["l_BP"].pk]["demand_mbps"] == 75
    system(planner, net["orgs"]["central"], ["provincial"], 10)
    assert _by_link(capacity_report(planner)["links"])[net["l_BP"].pk]["demand_mbps"] == 85


def test_unlinked_duplicates_do_not_hijack_and_unreachable_destinations_are_counted(net, planner):
    # Someone registers a second, unlinked 河北 platform and a second central metro network.
    platform(planner, Level.PROVINCIAL, "130000", name="河北重复平台")
    platform(planner, Level.CENTRAL, None, kind=ComponentKind.MAN, name="重复城域网")
    # An unlinked prefecture platform: s1 and s3 cannot reach it (now N=4); the share bound for it is not
    # routed, the rest still is: B–P 30 + 45·3/4, P–F1 9·2/4 + 45/4 + 5.
    platform(planner, Level.PREFECTURE, "130300", name="秦皇岛（未连通）")
    report = capacity_report(planner)
    rows = _by_link(report["links"])
    assert rows[net["l_BP"].pk]["demand_mbps"] == 63.75 and rows[net["l_PF1"].pk]["demand_mbps"] == 20.75
    assert report["systems_routed"] == 4 and report["systems_unroutable"] == 0
    assert report["systems_partially_routed"] == 2 and report["destinations_unreachable"] == 2
