"""egovnet coverage / capacity / targets: text and JSON output, snapshots, what-if files, bad input."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from egovnet.networks.choices import ComponentKind
from egovnet.networks.models import CoverageSnapshot
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import link, org, platform, system
from egovnet.systems.models import ApplicationSystem

pytestmark = pytest.mark.django_db


def _run(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def small(fast_divisions, planner):
    backbone = platform(planner, Level.CENTRAL, None, kind=ComponentKind.WAN_BACKBONE, name="骨干网")
    prov = platform(planner, Level.PROVINCIAL, "130000", name="河北平台", established_on=dt.date(2015, 1, 1))
    link(planner, backbone, prov, 10)
    system(planner, org(planner, "110000", level=Level.CENTRAL), ["provincial"], 25, name="部委系统")


def test_coverage_text_json_and_snapshot(small):
    text = _run("coverage", "--date", "2016-01-01")
    assert "provinces linked 1/31" in text and "130000 河北省: platform=yes backbone=yes" in text
    data = json.loads(_run("coverage", "--format", "json", "--date", "2014-01-01", "--snapshot"))
    assert data["national"]["provinces_linked"] == 0 and data["date"] == "2014-01-01"
    assert CoverageSnapshot.objects.filter(date=dt.date(2014, 1, 1)).count() == 365
    with pytest.raises(CommandError, match="--date"):
        _run("coverage", "--date", "yesterday")


def test_capacity_text_json_and_what_if(small, tmp_path):
    text = _run("capacity")
    assert "1 over-subscribed" in text and "25/10 Mbps 250.0% OVER [部委系统 25]" in text
    data = json.loads(_run("capacity", "--format", "json"))
    assert data["links"][0]["demand_mbps"] == 25
    spec = tmp_path / "w.json"
    spec.write_text(json.dumps({"move": [{"system": ApplicationSystem.objects.get().pk, "bandwidth_mbps": 5}]}))
    text = _run("capacity", "--what-if", str(spec))
    assert "what-if: 0 over-subscribed" in text and "Δ-20" in text
    spec.write_text("{")
    with pytest.raises(CommandError, match="not valid JSON"):
        _run("capacity", "--what-if", str(spec))
    spec.write_text(json.dumps({"add": [{"owner": 0}]}))
    with pytest.raises(CommandError, match=r"add\[0\]"):
        _run("capacity", "--what-if", str(spec))


def test_targets_text_and_json(small):
    text = _run("targets", "--date", "2016-01-01")
    assert "[late] art1-unified-network" in text
    data = json.loads(_run("targets", "--format", "json", "--date", "2016-01-01"))
    assert {t["code"] for t in data["targets"]} >= {"art3-county-coverage", "art2-six-organ-interconnection"}
