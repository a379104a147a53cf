"""A department takes a central project from needs analysis to completion acceptance in the web UI, and the
authorities decide their requests from their inboxes (issue 4, "done when"). Judged today, so the packs in
force today apply (发改高技[2012]1986号 and the 国办发〔2019〕57号 overlay)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from egovnet.projects import gates
from egovnet.projects.models import AuthorityRequest, Project, ReviewMeeting

from .test_ui import login

pytestmark = pytest.mark.django_db


def _decide_all(world, project):
    officers = [world.napss_officer, world.bj_officer, world.coord_officer, world.extranet_officer]
    for req in AuthorityRequest.objects.filter(project=project, status="pending"):
        for officer in officers:
            c = login(officer)
            page = c.get("/projects/tasks/").content.decode()
            if f"/projects/requests/{req.pk}/decide/" in page:  # it is in this officer's inbox
                c.post(f"/projects/requests/{req.pk}/decide/", {"version": req.version, "approve": "1",
                                                                 "decision_ref": f"{req.kind}-{req.pk}"})  # fmt: skip
                break
        assert AuthorityRequest.objects.get(pk=req.pk).status == "approved", req.kind


def _review(world, project, review_type):
    today = timezone.localdate()
    reviewer = login(world.reviewer)
    reviewer.post(f"/projects/{project.pk}/meetings/", {"review_type": review_type,
                                                        "date": today - dt.timedelta(days=1),
                                                        "invite_on": today - dt.timedelta(days=10)})  # fmt: skip
    m = ReviewMeeting.objects.filter(project=project, review_type=review_type).latest("id")
    reviewer.post(
        f"/projects/{project.pk}/meetings/conclude/", {"meeting": m.pk, "version": m.version, "opinion": "同意"}
    )


def _move(user, project, name):
    project.refresh_from_db()
    login(user).post(
        f"/projects/{project.pk}/transition/", {"transition": name, "version": project.version, "note": ""}
    )
    project.refresh_from_db()
    return project


def _why(project):
    return [f.line() for f in gates.judge(project).failing]


def test_full_path_in_the_ui(world):
    lead = login(world.lead)
    lead.post(
        "/projects/add/", {"name": "界面全流程工程", "owner": world.ministry.pk, "kind": "new", "approval_path": "full"}
    )
    p = Project.objects.get(name="界面全流程工程")
    today = timezone.localdate().isoformat()
    for system in (world.portal, world.cases):
        lead.post(f"/projects/{p.pk}/applications/", {"system": system.pk})
    apps = {a.system_id: a.pk for a in p.applications.all()}
    portal, cases = apps[world.portal.pk], apps[world.cases.pk]

    def doc(**data):
        r = lead.post(f"/projects/{p.pk}/evidence/", {"date": today, **data}, follow=True)
        assert r.status_code == 200

    def ask(kind, app):
        lead.post(f"/projects/{p.pk}/requests/", {"kind": kind, "applications": [app]})

    # needs analysis
    doc(doc_type="needs_analysis_report", ref_no="需求-1")
    ask("secrecy_review", cases)
    ask("mlps_filing", portal)
    _decide_all(world, p)
    _review(world, p, "needs_deliberation")
    assert _move(world.lead, p, "complete_needs_analysis").stage == "proposal", _why(p)
    # proposal
    doc(doc_type="deployment_migration_plan", plan_stage="proposal", sections=["intranet", "extranet"])
    for kind, app in (("intranet_vetting", cases), ("intranet_review", cases), ("extranet_agreement", portal)):
        ask(kind, app)
    _decide_all(world, p)
    _review(world, p, "proposal_appraisal")
    doc(doc_type="project_proposal", ref_no="某部〔2026〕1号")
    doc(doc_type="crypto_application_plan", ref_no="密码方案-1")  # 国办发〔2019〕57号 (R57-21.1)
    assert _move(world.reviewer, p, "approve_proposal").stage == "feasibility", _why(p)
    # feasibility, design
    doc(doc_type="deployment_migration_plan", plan_stage="fsr", sections=["intranet", "extranet"])
    doc(doc_type="crypto_application_plan", ref_no="密码方案-1", applications=[portal, cases])
    _review(world, p, "fsr_appraisal")
    doc(doc_type="feasibility_study_report", ref_no="可研-1")
    assert _move(world.reviewer, p, "approve_feasibility").stage == "preliminary_design", _why(p)
    doc(doc_type="preliminary_design", ref_no="初设-1")
    assert _move(world.reviewer, p, "approve_design").stage == "construction", _why(p)
    # before trial operation: fenbao test and authorisation of the classified system (references only)
    ag = world.agencies
    doc(doc_type="fenbao_assessment_report", issuer=world.agency_org.pk, agency=ag["fenbao"].pk, result="pass",
        ref_no="分保-1", applications=[cases])  # fmt: skip
    doc(doc_type="classified_system_authorization", issuer=world.napss.pk, result="approved", ref_no="国保审-1",
        applications=[cases])  # fmt: skip
    assert _move(world.lead, p, "start_trial_operation").stage == "trial_operation", _why(p)
    assert _move(world.lead, p, "prepare_acceptance").stage == "acceptance_application", _why(p)
    # art. 11¶1: assessments before the application
    doc(doc_type="mlps_assessment_report", issuer=world.agency_org.pk, agency=ag["mlps"].pk, result="pass",
        ref_no="等测-1", applications=[portal])  # fmt: skip
    doc(doc_type="risk_assessment_report", issuer=world.agency_org.pk, agency=ag["risk"].pk, result="pass",
        ref_no="风评-1", risk_parts=["classified", "non_classified"])  # fmt: skip
    doc(doc_type="crypto_assessment_report", issuer=world.agency_org.pk, agency=ag["crypto"].pk, result="pass",
        ref_no="密评-1", applications=[portal])  # fmt: skip
    assert _move(world.lead, p, "apply_for_acceptance").stage == "completion_acceptance", _why(p)
    # art. 11¶2: final filing, then the separately signed network-use check, then acceptance
    ask("mlps_filing", portal)
    _decide_all(world, p)
    login(world.reviewer).post(f"/projects/{p.pk}/acceptance-check/", {
        "ref_no": "验收-网络-1", "secrecy_review_conditions_met": "on", "graded_filed_tested": "on",
        "deployment_matches_approval": "on"})  # fmt: skip
    assert _move(world.reviewer, p, "accept").status == "completed", _why(p)
    page = lead.get(f"/projects/{p.pk}/").content.decode()
    assert page.count("<li>") >= 8 and "项目已结束" in page
