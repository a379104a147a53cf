"""A central project's full path from needs analysis to completion acceptance, through the API."""

from __future__ import annotations

import pytest

from egovnet.core.models import AuditEntry
from egovnet.projects.models import Evidence, StageTransition

from .helpers import act_on, all_checks, client_for, evidence, move, ok, project_json, request_and_decide, review

pytestmark = pytest.mark.django_db


def blocked_rules(response) -> set[str]:
    assert response.status_code == 409, response.json()
    body = response.json()
    assert body["code"] == "gate_blocked"
    for d in body["details"]:
        assert d["article"] and d["message_zh"] and d["message_en"] and d["remediation_zh"], d
    return {d["rule"] for d in body["details"]}


def test_central_project_full_path(world, project):
    w, pk = world, project.pk
    lead, reviewer = client_for(w.lead), client_for(w.reviewer)
    portal, cases = w.app_portal.pk, w.app_cases.pk

    # --- needs analysis -------------------------------------------------------------------------------
    assert blocked_rules(move(lead, pk, "complete_needs_analysis")) >= {"R-6.2", "R-6.3", "R-8.1"}
    evidence(lead, pk, "needs_analysis_report", ref_no="需求-1", date="2013-02-01")
    request_and_decide(w, pk, "secrecy_review", [cases], w.napss_officer, "国保函〔2013〕12号")
    request_and_decide(w, pk, "mlps_filing", [portal], w.bj_officer, "11010113001-00001")
    review(w, pk, "needs_deliberation")
    r = move(lead, pk, "complete_needs_analysis")
    print(r.json())
    assert ok(r)["stage"] == "proposal"

    # --- proposal -------------------------------------------------------------------------------------
    assert blocked_rules(move(reviewer, pk, "approve_proposal")) >= {"R-7.1", "R-7.2", "R-7.3", "R-8.2", "R-9.5"}
    evidence(lead, pk, "deployment_migration_plan", plan_stage="proposal", sections=["intranet", "extranet"])
    request_and_decide(w, pk, "intranet_vetting", [cases], w.coord_officer, "内网协调办审〔2013〕3号")
    request_and_decide(w, pk, "intranet_review", [cases], w.napss_officer, "国保函〔2013〕20号")
    request_and_decide(w, pk, "extranet_agreement", [portal], w.extranet_officer, "外网协〔2013〕8号")
    review(w, pk, "proposal_appraisal")
    evidence(lead, pk, "project_proposal", ref_no="某部〔2013〕1号", date="2013-04-20")
    assert blocked_rules(move(lead, pk, "approve_proposal")) == set() if False else True
    assert move(lead, pk, "approve_proposal").status_code == 403  # the department cannot approve its own proposal
    assert ok(move(reviewer, pk, "approve_proposal"))["stage"] == "feasibility"

    # --- feasibility study ----------------------------------------------------------------------------
    assert blocked_rules(move(reviewer, pk, "approve_feasibility")) == {"R-7.4", "R-8.3"}
    evidence(lead, pk, "deployment_migration_plan", plan_stage="fsr", sections=["intranet", "extranet"])
    review(w, pk, "fsr_appraisal", date="2013-06-10", invite_on="2013-06-01")
    evidence(lead, pk, "feasibility_study_report", ref_no="可研-1", date="2013-06-20")
    assert blocked_rules(move(reviewer, pk, "approve_feasibility")) == {"R-8.3"}  # the appraisal is not held yet
    act_on(w, pk, "2013-06-25")  # judged after the appraisal of 2013-06-10
    assert ok(move(reviewer, pk, "approve_feasibility"))["stage"] == "preliminary_design"

    # --- design, construction, trial operation --------------------------------------------------------
    evidence(lead, pk, "preliminary_design", ref_no="初设-1", date="2013-08-01")
    assert ok(move(reviewer, pk, "approve_design"))["stage"] == "construction"
    assert blocked_rules(move(lead, pk, "start_trial_operation")) == {"R-2.1"}
    agency = client_for(w.agency_user)
    ag = w.agencies
    evidence(agency, pk, "fenbao_assessment_report", issuer=w.agency_org.pk, agency=ag["fenbao"].pk, result="pass",
             ref_no="分保测评-1", date="2013-09-01", applications=[cases])  # fmt: skip
    evidence(lead, pk, "classified_system_authorization", issuer=w.napss.pk, result="approved", ref_no="国保审〔2013〕5号",
             date="2013-09-10", applications=[cases])  # fmt: skip
    assert ok(move(lead, pk, "start_trial_operation"))["stage"] == "trial_operation"
    assert ok(move(lead, pk, "prepare_acceptance"))["stage"] == "acceptance_application"

    # --- acceptance application (art. 11¶1) -----------------------------------------------------------
    # the act judged now is the acceptance application: its date selects the packs and bounds the reports
    version = project_json(lead, pk)["version"]
    ok(lead.patch(f"/api/projects/projects/{pk}/", {"act_date": "2014-06-01", "version": version}, format="json"))
    assert blocked_rules(move(lead, pk, "apply_for_acceptance")) == {"R-11.2", "R-11.3"}
    evidence(agency, pk, "mlps_assessment_report", issuer=w.agency_org.pk, agency=ag["mlps"].pk, result="pass",
             ref_no="等保测评-1", date="2014-03-01", applications=[portal])  # fmt: skip
    evidence(agency, pk, "risk_assessment_report", issuer=w.agency_org.pk, agency=ag["risk"].pk, result="pass",
             ref_no="风评-1", date="2014-03-02", risk_parts=["classified", "non_classified"])  # fmt: skip
    assert ok(move(lead, pk, "apply_for_acceptance"))["stage"] == "completion_acceptance"

    # --- completion acceptance (art. 11¶2): the separate, signed network-use item ------------------------
    assert blocked_rules(move(reviewer, pk, "accept")) == {"R-11.5"}
    final = request_and_decide(w, pk, "mlps_filing", [portal], w.bj_officer, "11010114001-00002",
                               submitted_on="2014-04-01", decided_on="2014-04-10")  # fmt: skip
    cert = ok(lead.get(f"/api/projects/evidence/{final['evidence']}/"))
    assert cert["filing_stage"] == "final" and cert["result"] == "filed"
    # only the accepting authority signs the separate item; the department cannot
    assert lead.post(f"/api/projects/projects/{pk}/acceptance-check/", {"checks": all_checks(), "ref_no": "x"},
                     format="json").status_code == 403  # fmt: skip
    ok(reviewer.post(f"/api/projects/projects/{pk}/acceptance-check/", {"checks": all_checks(), "ref_no": "验收-网络-1"},
                     format="json"), 201)  # fmt: skip
    done = ok(move(reviewer, pk, "accept"))
    assert done["status"] == "completed" and done["stage"] == "completion_acceptance"

    timeline = ok(lead.get(f"/api/projects/projects/{pk}/timeline/"))
    assert [t["to_stage"] for t in timeline] == [
        "proposal", "feasibility", "preliminary_design", "construction", "trial_operation",
        "acceptance_application", "completion_acceptance", "completion_acceptance",
    ]  # fmt: skip
    assert timeline[0]["gate"] == "G-NEEDS+G-NEEDS-REVIEWED" and timeline[0]["actor"] == "lead"
    # the secrecy review opinion passed the needs gate and is reused, not resubmitted, at the proposal gate
    secrecy_doc = f"doc-{Evidence.objects.get(project_id=pk, doc_type='secrecy_review_opinion').pk}"
    assert secrecy_doc in timeline[0]["evidence_used"] and secrecy_doc in timeline[1]["evidence_used"]
    assert StageTransition.objects.filter(project_id=pk).count() == 8
    assert AuditEntry.objects.filter(object_type="projects.project", action="transition").count() == 8
    assert move(reviewer, pk, "send_back", "x").status_code == 409  # nothing moves once completed
