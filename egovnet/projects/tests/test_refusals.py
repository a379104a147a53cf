"""Each gate is refused for each missing item, named by rule and article (the engine judges; we route)."""

from __future__ import annotations

import datetime as dt

import pytest

from egovnet.projects import workflow
from egovnet.projects.choices import NetworkUseSubCheck, Stage
from egovnet.projects.models import Project
from egovnet.projects.services import acceptance_check_sign, evidence_create

from .helpers import client_for, evidence, move, ok, request_and_decide, review
from .test_full_path import blocked_rules

pytestmark = pytest.mark.django_db

NEEDS_ITEMS = {
    "secrecy_review": "R-6.2",
    "mlps_filing": "R-6.3",
    "deliberation": "R-8.1",
}


@pytest.mark.parametrize("missing", sorted(NEEDS_ITEMS))
def test_needs_gate_names_each_missing_item(world, project, missing):
    w, pk = world, project.pk
    lead = client_for(w.lead)
    evidence(lead, pk, "needs_analysis_report", ref_no="需求-1", date="2013-02-01")
    if missing != "secrecy_review":
        request_and_decide(w, pk, "secrecy_review", [w.app_cases.pk], w.napss_officer, "国保函〔2013〕12号")
    if missing != "mlps_filing":
        request_and_decide(w, pk, "mlps_filing", [w.app_portal.pk], w.bj_officer, "11010113001-00001")
    if missing != "deliberation":
        review(w, pk, "needs_deliberation")
    response = move(lead, pk, "complete_needs_analysis")
    assert blocked_rules(response) == {NEEDS_ITEMS[missing]}
    detail = response.json()["details"][0]
    assert detail["article_zh"].startswith("《发改高技〔2012〕1986号》第") and detail["remediation_en"]
    assert Project.objects.get(pk=pk).stage == Stage.NEEDS_ANALYSIS  # nothing moved


def test_rejected_decision_does_not_satisfy_the_gate(world, project):
    w, pk = world, project.pk
    req = ok(client_for(w.lead).post("/api/projects/requests/", {"project": pk, "kind": "secrecy_review",
                                                                  "applications": [w.app_cases.pk]}, format="json"), 201)  # fmt: skip
    ok(client_for(w.napss_officer).post(f"/api/projects/requests/{req['id']}/decide/",
                                        {"approve": False, "decision_ref": "国保函〔2013〕13号", "conditions": "补充定密依据",
                                         "version": req["version"]}, format="json"))  # fmt: skip
    assert "R-6.2" in blocked_rules(move(client_for(w.lead), pk, "complete_needs_analysis"))


def test_invitations_sent_after_the_meeting_do_not_count(world, project):
    w, pk = world, project.pk
    review(w, pk, "needs_deliberation", date="2013-04-01", invite_on="2013-04-05")
    assert "R-8.1" in blocked_rules(move(client_for(w.lead), pk, "complete_needs_analysis"))


def _at(project, stage, act=dt.date(2014, 6, 1)):
    Project.objects.filter(pk=project.pk).update(stage=stage, act_date=act)
    project.refresh_from_db()
    return project


def test_acceptance_application_refused_until_assessments_pass(world, project):
    w = world
    _at(project, Stage.ACCEPTANCE_APPLICATION)
    rules = {f.rule for f in workflow.gates.judge(project).failing}
    assert {"R-11.1", "R-11.2", "R-11.3"} <= rules
    # an agency whose MLPS qualification expired before the report: named by
    agency = w.agencies["mlps"]
    agency.valid_to = dt.date(2013, 12, 31)
    agency.save()
    evidence_create(actor=w.agency_user, project=project, doc_type="mlps_assessment_report", issuer=w.agency_org,
                    agency=agency, result="pass", date=dt.date(2014, 3, 1), applications=[w.app_portal])  # fmt: skip
    assert "R-11.4" in {f.rule for f in workflow.gates.judge(project).failing}


def test_failed_network_use_check_blocks_completion(world, project):
    w = world
    _at(project, Stage.COMPLETION_ACCEPTANCE)
    checks = {c: True for c in NetworkUseSubCheck.values} | {NetworkUseSubCheck.DEPLOYMENT: False}
    ev = acceptance_check_sign(actor=w.reviewer, project=project, checks=checks, ref_no="验收-1")
    assert ev.result == "fail" and ev.signed_by == w.reviewer
    response = move(client_for(w.reviewer), project.pk, "accept")
    assert "R-11.5" in blocked_rules(response)
    assert any(d["article"] == 11 for d in response.json()["details"])
