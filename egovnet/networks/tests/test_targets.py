# ruff: noqa: F811 - pytest fixtures imported from egovnet.reports.tests.factories
"""Programme targets: snapshots kept by date, met / on track / late, slippage forecast."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied

from egovnet.core.models import AuditEntry
from egovnet.core.services import system_actor
from egovnet.networks.choices import (
    SIX_CENTRAL_ORGANS,
    IntranetNodeCode,
    LinkKind,
    NetworkFamily,
    TargetMetric,
    TargetStatus,
)
from egovnet.networks.models import CoverageSnapshot
from egovnet.networks.planning import topology
from egovnet.networks.planning.intranet import six_organ_matrix
from egovnet.networks.planning.snapshots import coverage_snapshot
from egovnet.networks.planning.targets import linear_forecast, target_create, targets_report
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import fast_divisions, link, planner, platform  # noqa: F401

pytestmark = pytest.mark.django_db


def _target(report, code):
    return next(t for t in report["targets"] if t["code"] == code)


def test_linear_forecast_hand_checked():
    points = [(dt.date(2014, 1, 1), 0.0), (dt.date(2015, 1, 1), 50.0)]
    assert linear_forecast(points, 100.0) == (dt.date(2016, 1, 1), "")
    assert linear_forecast(points[:1], 100.0) == (None, "insufficient_history")
    assert linear_forecast([(dt.date(2014, 1, 1), 5.0), (dt.date(2015, 1, 1), 5.0)], 100.0) == (None, "no_progress")


def test_snapshots_by_date_drive_status_and_slippage(fast_divisions, planner):
    platform(planner, Level.PREFECTURE, "130100", established_on=dt.date(2014, 1, 1))
    for code in ("130200", "130300"):
        platform(planner, Level.PREFECTURE, code, established_on=dt.date(2015, 1, 1))
    early = targets_report(dt.date(2015, 6, 1))
    assert _target(early, "art3-prefecture-coverage")["status"] == TargetStatus.UNKNOWN
    assert _target(early, "art3-prefecture-coverage")["forecast_note"] == "insufficient_history"

    actor = system_actor()
    assert coverage_snapshot(actor=actor, day=dt.date(2014, 6, 1)) == 1 + 31 + 333
    coverage_snapshot(actor=actor, day=dt.date(2015, 6, 1))
    coverage_snapshot(actor=actor, day=dt.date(2015, 6, 1))  # rewriting a date replaces its rows
    assert CoverageSnapshot.objects.filter(date=dt.date(2015, 6, 1), scope="national").count() == 1
    national = CoverageSnapshot.objects.get(date=dt.date(2014, 6, 1), scope="national")
    assert (national.prefectures_covered, national.prefectures_total) == (1, 333)
    assert AuditEntry.objects.filter(object_type="networks.coveragesnapshot").count() == 3

    late = targets_report(dt.date(2016, 1, 1))
    pref = _target(late, "art3-prefecture-coverage")
    assert pref["status"] == TargetStatus.LATE and pref["history_points"] == 2
    # +2 prefectures in a year at 2/333 ≈ 0.6 % a year: the remaining 99 % take more than a century
    assert pref["forecast_date"] is None and pref["forecast_note"] == "no_progress"
    assert "第三条" in pref["explanation"] and "no progress" in pref["explanation"]
    assert _target(late, "art2-six-organ-interconnection")["status"] == TargetStatus.LATE


def test_admin_target_met_and_on_track(fast_divisions, planner):
    platform(planner, Level.PREFECTURE, "130100", established_on=dt.date(2014, 1, 1))
    target_create(
        actor=planner,
        code="pref-one",
        title="至少一个地市 At least one prefecture",
        metric=TargetMetric.PREFECTURE_COVERAGE,
        target_percent=0.3,
        deadline=dt.date(2020, 1, 1),
    )
    target_create(
        actor=planner,
        code="pref-half",
        title="半数地市 Half of the prefectures",
        metric=TargetMetric.PREFECTURE_COVERAGE,
        target_percent=0.9,
        deadline=dt.date(2030, 1, 1),
    )
    platform(planner, Level.PREFECTURE, "130200", established_on=dt.date(2015, 1, 1))
    coverage_snapshot(actor=planner, day=dt.date(2014, 6, 1))
    coverage_snapshot(actor=planner, day=dt.date(2015, 6, 1))
    report = targets_report(dt.date(2015, 6, 1))
    one, half = _target(report, "pref-one"), _target(report, "pref-half")
    assert one["status"] == TargetStatus.MET and one["met_on"] == "2014-06-01" and not one["builtin"]
    assert half["status"] == TargetStatus.ON_TRACK and half["forecast_date"] < "2030-01-01"


def test_only_admins_manage_targets_and_snapshots(db):
    user = get_user_model().objects.create_user("plain", password="x")
    with pytest.raises(PermissionDenied):
        target_create(actor=user, code="x", title="x", metric=TargetMetric.COUNTY_COVERAGE, deadline=dt.date.today())
    with pytest.raises(PermissionDenied):
        coverage_snapshot(actor=user)


def test_six_organ_matrix_counts_only_attested_interconnections(fast_divisions, planner):
    nodes = {}
    for code in (IntranetNodeCode.CENTRAL_PLATFORM, *SIX_CENTRAL_ORGANS):
        net = platform(planner, Level.CENTRAL, None, family=NetworkFamily.INTRANET, attestation_ref=f"ATT-{code}")
        nodes[code] = topology.intranet_node_create(actor=planner, code=code, network=net).network
    organs = list(SIX_CENTRAL_ORGANS)
    for i, a in enumerate(organs):
        for b in organs[i + 1 :]:
            link(planner, nodes[a], nodes[b], None, kind=LinkKind.INTERCONNECTION, attestation_ref=f"REF-{a}-{b}")
    matrix = six_organ_matrix()
    assert (matrix["attested"], matrix["total"]) == (15, 15)
    hebei = platform(planner, Level.PROVINCIAL, "130000", family=NetworkFamily.INTRANET)
    link(
        planner,
        nodes[IntranetNodeCode.CENTRAL_PLATFORM],
        hebei,
        None,
        kind=LinkKind.SECURE_LINK,
        attestation_ref="SL-13",
    )
    report = targets_report()
    assert _target(report, "art2-six-organ-interconnection")["status"] == TargetStatus.MET
    assert _target(report, "art2-provincial-intranet-links")["current_percent"] == round(100 / 31, 2)


def test_evaluate_late_with_slippage_from_unsaved_rows():
    from egovnet.networks.planning.targets import BUILTIN_TARGETS, target_status

    county = next(t for t in BUILTIN_TARGETS if t.code == "art3-county-coverage")

    def row(day, covered):
        return CoverageSnapshot(date=day, scope="national", counties_total=100, counties_covered=covered)

    history = [row(dt.date(2014, 1, 1), 0), row(dt.date(2015, 1, 1), 50)]
    result = target_status(county, history, row(dt.date(2015, 6, 1), 60))
    assert result["status"] == TargetStatus.LATE
    assert (result["forecast_date"], result["slippage_days"]) == ("2016-01-01", 1)
    assert "滞后 slippage 1 天" in result["explanation"]
    on_time = target_status(
        county, [row(dt.date(2014, 1, 1), 0), row(dt.date(2014, 12, 1), 60)], row(dt.date(2015, 1, 1), 60)
    )
    assert on_time["status"] == TargetStatus.ON_TRACK and on_time["slippage_days"] < 0
