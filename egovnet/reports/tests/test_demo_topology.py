"""The demo topology loads once, through the audited services, and gives the dashboards something to show."""

from __future__ import annotations

import pytest

from egovnet.networks.demo_topology import load_demo_topology
from egovnet.networks.models import CoverageSnapshot, IntranetNode, Network
from egovnet.networks.planning.coverage import compute_coverage
from egovnet.networks.planning.hotspots import capacity_report
from egovnet.networks.planning.targets import targets_report

pytestmark = pytest.mark.django_db


def test_demo_topology_is_idempotent_and_feeds_every_report(fast_divisions, planner):
    assert load_demo_topology(planner) is True
    networks = Network.objects.count()
    assert load_demo_topology(planner) is False and Network.objects.count() == networks
    report = compute_coverage()
    assert report.provinces_linked == 31
    assert 90 < report.national.shares()["county_coverage"] < 100
    assert IntranetNode.objects.count() == 7
    assert CoverageSnapshot.objects.filter(scope="national").count() == 11
    capacity = capacity_report(None)
    assert capacity["oversubscribed"] and capacity["systems_routed"] == 5
    statuses = {t["code"]: t["status"] for t in targets_report()["targets"]}
    assert statuses["art1-unified-network"] == "met" and statuses["art3-county-coverage"] == "late"
