"""The simplified path's conditions (R-7.6, the threshold a pack parameter) and the intranet's reach (R-4.2, A-4.3)."""

from __future__ import annotations

import copy
import datetime as dt

from egovnet.policy.dossier import check_dossier
from egovnet.policy.engine.model import Outcome, Strength
from egovnet.policy.engine.registry import get_pack
from egovnet.policy.tests.helpers import app, base


def _simplified(investment, basis: str) -> dict:
    return base(
        stage="needs_analysis",
        approval_path="simplified",
        total_investment_10k_yuan=investment,
        simplified_basis=basis,
    )


def _finding(report, rule: str, subject: str = "project"):
    return next(f for f in report.findings if f.rule == rule and f.subject == subject)


def test_a_4800_project_citing_below_3000_cannot_take_the_simplified_path():
    report = check_dossier(_simplified(4800, "低于3000万"))
    f = _finding(report, "R-7.6")
    assert f.outcome == Outcome.FAIL and f.article == 7 and f.strength == Strength.MUST
    assert "4800" in f.message.zh and "3000" in f.message.zh and "4800" in f.message.en
    assert f.remediation.zh and f.remediation.en
    assert not report.can_advance and "R-7.6" in report.verdict.blocking  # needs analysis cannot complete


def test_below_the_threshold_or_a_special_case_qualifies():
    assert _finding(check_dossier(_simplified(2800, "低于3000万")), "R-7.6").outcome == Outcome.PASS
    assert _finding(check_dossier(_simplified(4800, "抢险救灾急需，经国务院同意")), "R-7.6").outcome == Outcome.PASS


def test_the_threshold_is_the_pack_parameter_in_force():
    pack = get_pack("ndrc-2012-1986")
    assert pack.param("simplified_threshold_10k_yuan", dt.date(2020, 1, 1)) == 3000  # dated, sourced (ADR 0311)
    changed = copy.deepcopy(pack)
    changed.params["simplified_threshold_10k_yuan"] = 5000
    report = check_dossier(_simplified(4800, "低于5000万"), packs=[changed])
    assert _finding(report, "R-7.6").outcome == Outcome.PASS


def test_the_fsr_in_lieu_rule_applies_the_same_conditions():
    d = _simplified(4800, "总投资低于3000万元")
    d["project"]["stage"] = "feasibility"
    d["documents"].append({"id": "fsr", "type": "feasibility_study_report", "in_lieu_of_proposal": True})
    report = check_dossier(d)
    assert _finding(report, "R-9.6").outcome == Outcome.FAIL
    assert _finding(report, "R-7.6").outcome == Outcome.FAIL


def test_a_county_level_classified_application_on_the_intranet_is_warned_of_the_reach():
    d = base(stage="needs_analysis")
    app(d, "app-1")["coverage_levels"] = ["central", "provincial", "prefecture", "county"]
    f = _finding(check_dossier(d), "R-4.2", "app-1")
    assert f.outcome == Outcome.FAIL and f.strength == Strength.IN_PRINCIPLE and f.article == 4
    assert "县级" in f.message.zh and "A-4.3" in f.message.zh and "reach" in f.message.en
    assert "local_classified_network" in f.remediation.zh


def test_a_classified_application_within_the_reach_passes():
    d = base(stage="needs_analysis")
    app(d, "app-1")["coverage_levels"] = ["central", "provincial"]
    assert _finding(check_dossier(d), "R-4.2", "app-1").outcome == Outcome.PASS
