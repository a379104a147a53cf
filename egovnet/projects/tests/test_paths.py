"""The simplified path (FSR stands in for the proposal) and a central–local co-built project (article 10)."""

from __future__ import annotations

import pytest

from egovnet.projects.services import local_part_create, project_add_application, project_create
from egovnet.systems.services import system_create

from .conftest import ACT
from .helpers import (
    act_on,
    client_for,
    evidence,
    move,
    ok,
    pass_access,
    pass_needs,
    pass_proposal,
    request_and_decide,
    review,
)
from .test_full_path import blocked_rules

pytestmark = pytest.mark.django_db


def test_simplified_path_skips_the_proposal(world, project):
    w, pk = world, project.pk
    lead, reviewer = client_for(w.lead), client_for(w.reviewer)
    ok(lead.patch(f"/api/projects/projects/{pk}/", {"approval_path": "simplified", "simplified_basis": "总投资<3000万",
                                                     "total_investment_10k_yuan": "2500",
                                                     "version": project.version}, format="json"))  # fmt: skip
    pass_needs(w, pk)
    assert move(lead, pk, "complete_needs_analysis").status_code == 409  # the full-path transition does not exist
    assert ok(move(lead, pk, "complete_needs_analysis_simplified"))["stage"] == "feasibility"
    # the proposal's content and attachments are now required of the FSR
    rules = blocked_rules(move(reviewer, pk, "approve_feasibility"))
    assert {"R-7.1", "R-7.2", "R-7.3", "R-9.3", "R-9.4"} <= rules
    evidence(lead, pk, "deployment_migration_plan", plan_stage="fsr", sections=["intranet", "extranet"])
    pass_access(w, pk)
    review(w, pk, "fsr_appraisal", date="2013-04-10")
    evidence(lead, pk, "feasibility_study_report", ref_no="可研代建议书-1", date="2013-04-20", in_lieu_of_proposal=True)
    assert ok(move(reviewer, pk, "approve_feasibility"))["stage"] == "preliminary_design"
    # sending back skips the proposal stage that this path does not have
    back = ok(move(reviewer, pk, "send_back", "补充初设材料 / complete the design"))
    assert back["stage"] == "feasibility"


def test_the_simplified_path_is_refused_above_the_threshold(world, project):
    """R-7.6: a 4,800万 project whose basis is "低于3000万" cannot complete needs analysis on the simplified path."""
    w, pk = world, project.pk
    lead = client_for(w.lead)
    ok(lead.patch(f"/api/projects/projects/{pk}/", {"approval_path": "simplified", "simplified_basis": "低于3000万",
                                                     "total_investment_10k_yuan": "4800",
                                                     "version": project.version}, format="json"))  # fmt: skip
    pass_needs(w, pk)
    r = move(lead, pk, "complete_needs_analysis_simplified")
    assert r.status_code == 409 and blocked_rules(r) == {"R-7.6"}
    [d] = [d for d in r.json()["details"] if d["rule"] == "R-7.6"]
    assert d["article_zh"] == "《发改高技〔2012〕1986号》第七条" and "4800" in d["message_zh"] and "3000" in d["message_en"]


@pytest.fixture
def cobuilt(world):
    w = world
    p = project_create(actor=w.lead, owner=w.ministry, name="共建工程", act_date=ACT, cobuilt=True,
                       national_approval_ref="发改高技〔2013〕100号")  # fmt: skip
    w.app_portal = project_add_application(actor=w.lead, project=p, system=w.portal)
    w.app_cases = project_add_application(actor=w.lead, project=p, system=w.cases)
    w.lp = local_part_create(actor=w.lead, project=p, division=w.ha_dept.division, owner=w.ha_dept, name="河南部分")
    w.ha_system = system_create(actor=w.admin, name="河南子系统", owner=w.ha_dept, mlps_level=2, current_network="extranet",
                                target_network="extranet", coverage_levels=["provincial"], bandwidth_mbps=10)  # fmt: skip
    return p


def test_cobuilt_local_parts_use_local_authorities_and_local_approvals(world, cobuilt):
    w, pk = world, cobuilt.pk
    lead, reviewer, ha = client_for(w.lead), client_for(w.reviewer), client_for(w.ha_lead)
    assert w.lp.local_drc == w.ha_drc
    pass_needs(w, pk)
    ok(move(lead, pk, "complete_needs_analysis"))
    pass_proposal(w, pk)
    ok(move(reviewer, pk, "approve_proposal"))
    # The local part's application joins after the national proposal. (The engine's still judges every
    # application against the central owner's PSB — facts.Application has no local-part link; see the report.)
    w.app_ha = project_add_application(actor=w.lead, project=cobuilt, system=w.ha_system, local_part=w.lp)
    # the local part files with its local same-level PSB, not Beijing's
    req = ok(ha.post("/api/projects/requests/", {"project": pk, "kind": "mlps_filing", "applications": [w.app_ha.pk],
                                                 "local_part": w.lp.pk, "submitted_on": "2013-03-01"}, format="json"), 201)  # fmt: skip
    assert req["authority"]["id"] == w.ha_psb.pk and "公安" in req["resolver_explanation"]
    assert client_for(w.bj_officer).post(f"/api/projects/requests/{req['id']}/decide/",
                                         {"approve": True, "decision_ref": "x", "version": 1}, format="json").status_code == 403  # fmt: skip
    inbox = ok(client_for(w.bj_officer).get("/api/projects/requests/inbox/"))
    assert req["id"] not in [r["id"] for r in inbox["results"]]
    ok(client_for(w.ha_officer).post(f"/api/projects/requests/{req['id']}/decide/",
                                     {"approve": True, "decision_ref": "41000013001-1", "version": 1,
                                      "decided_on": "2013-03-05"}, format="json"))  # fmt: skip
    evidence(lead, pk, "deployment_migration_plan", plan_stage="fsr", sections=["intranet", "extranet"])
    review(w, pk, "fsr_appraisal", date="2013-06-10", invite_on="2013-06-01")
    evidence(lead, pk, "feasibility_study_report", ref_no="可研-1", date="2013-06-20")
    evidence(ha, pk, "feasibility_study_report", ref_no="豫可研-1", date="2013-06-25", local_part=w.lp.pk)
    act_on(w, pk, "2013-06-26")  # judged after the FSR appraisal of 2013-06-10
    rules = blocked_rules(move(reviewer, pk, "approve_feasibility"))
    assert rules == {"R-10.1", "R-10.3"}
    # the central department's opinion on the local part, then the local DRC's approval citing the national one
    evidence(lead, pk, "central_department_opinion", issuer=w.ministry.pk, local_part=w.lp.pk, result="approved",
             addresses_network_use=True, date="2013-06-28")  # fmt: skip
    ha_drc = client_for(w.ha_reviewer)
    evidence(ha_drc, pk, "local_drc_approval", issuer=w.ha_drc.pk, local_part=w.lp.pk, result="approved",
             approves="feasibility_study_report", references=["发改高技〔2013〕100号"], date="2013-07-01")  # fmt: skip
    # a local part that plans its own private WAN conflicts with the national approval → sent back
    ok(ha.post(f"/api/projects/projects/{pk}/network-components/", {
        "name": "河南专用骨干网", "kind": "wan_backbone", "built_on": "carrier_leased", "local_part": w.lp.pk,
        "dedicated_to_single_department": True, "new_or_extended": True}, format="json"), 201)  # fmt: skip
    assert "R-10.2" in blocked_rules(move(reviewer, pk, "approve_feasibility"))
    from egovnet.projects.models import NetworkComponent

    NetworkComponent.objects.filter(project_id=pk).update(built_on="extranet")  # redesigned onto the extranet
    assert ok(move(reviewer, pk, "approve_feasibility"))["stage"] == "preliminary_design"
    assert blocked_rules(move(reviewer, pk, "approve_design")) == {"R-10.3"}
    evidence(ha_drc, pk, "local_drc_approval", issuer=w.ha_drc.pk, local_part=w.lp.pk, result="approved",
             approves="preliminary_design", references=["发改高技〔2013〕100号"], date="2013-08-01")  # fmt: skip
    assert ok(move(reviewer, pk, "approve_design"))["stage"] == "construction"
    # the local DRC reviewer sees the co-built project; the local department too
    assert ok(ha_drc.get(f"/api/projects/projects/{pk}/"))["id"] == pk
    assert ok(ha.get(f"/api/projects/projects/{pk}/"))["id"] == pk


__all__ = ["request_and_decide"]


def test_a_local_part_of_another_project_is_refused(world, cobuilt, project):
    from django.core.exceptions import ValidationError

    from egovnet.projects.services import evidence_create

    with pytest.raises(ValidationError) as exc:
        evidence_create(actor=world.lead, project=project, doc_type="feasibility_study_report", local_part=world.lp)
    assert "local_part" in exc.value.message_dict


def test_a_local_part_is_approved_by_the_drc_of_its_own_province(world, cobuilt, make_org, divisions):
    """R-10.3: an approval of the Henan part issued by the Guangdong DRC does not count; nor may the local part be
    recorded with another province's DRC, or with an owner that is not a local government department."""
    from django.core.exceptions import ValidationError

    from egovnet.geo.models import Division
    from egovnet.policy.divisions import csv_directory
    from egovnet.policy.engine import evaluate, packs_in_force
    from egovnet.projects.facts import build_snapshot
    from egovnet.projects.services import evidence_create

    w = world
    gd_drc = make_org("广东省发展和改革委员会", kind="development_reform", level="provincial", division="440000")
    evidence_create(actor=w.admin, project=cobuilt, doc_type="feasibility_study_report", local_part=w.lp, date=ACT)
    evidence_create(actor=w.admin, project=cobuilt, doc_type="local_drc_approval", issuer=gd_drc, local_part=w.lp,
                    result="approved", approves="feasibility_study_report", references=["发改高技〔2013〕100号"],
                    date=ACT)  # fmt: skip
    snap = build_snapshot(cobuilt)
    found = {f.subject: f for f in evaluate(snap, packs_in_force(ACT), gates=("G-LOCAL-FSR",), directory=csv_directory())
             if f.rule == "R-10.3"}  # fmt: skip
    bad = found[f"lp-{w.lp.pk}:feasibility_study_report"]
    assert str(bad.outcome) == "fail" and "广东省发展和改革委员会" in bad.message.zh and "第十条" in bad.message.zh
    assert "province" in bad.message.en and bad.remediation.zh
    assert str(found[f"lp-{w.lp.pk}:owner"].outcome) == "pass"
    with pytest.raises(ValidationError) as exc:
        local_part_create(actor=w.lead, project=cobuilt, division=Division.objects.get(pk="440000"),
                          owner=make_org("广东省某厅", level="provincial", division="440000"), name="广东部分",
                          local_drc=w.ha_drc)  # fmt: skip
    assert "local_drc" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        local_part_create(actor=w.lead, project=cobuilt, division=Division.objects.get(pk="440000"), name="广东部分",
                          owner=make_org("广东省公安厅", kind="public_security", level="provincial", division="440000"))  # fmt: skip
    assert "owner" in exc.value.message_dict
