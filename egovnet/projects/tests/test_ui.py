"""The web UI: project page (next gate and what is missing), transition forms, stale forms, inbox decisions."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egovnet.projects.models import AuthorityRequest, Project
from egovnet.projects.services import evidence_create, request_submit

from .helpers import pass_needs

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_project_page_shows_the_next_gate_and_exactly_what_is_missing(world, project):
    page = login(world.lead).get(f"/projects/{project.pk}/").content.decode()
    for needle in ("需求分析报告评议", "R-6.2", "第六条", "R-8.1", "第八条", "complete_needs_analysis"):
        assert needle in page
    assert "G-NEEDS" not in page and "app-" not in page  # gate names and application names, not codes
    assert "机密案件系统" not in page  # the lead has no clearance: the classified name is withheld
    assert "【涉密系统" in page
    assert login(world.other_lead).get(f"/projects/{project.pk}/").status_code == 404


def test_department_moves_the_project_in_the_ui_and_a_stale_form_is_refused(world, project):
    pass_needs(world, project.pk)
    c = login(world.lead)
    stale = project.version
    r = c.post(
        f"/projects/{project.pk}/transition/", {"transition": "complete_needs_analysis", "version": stale, "note": ""}
    )
    assert r.status_code == 302
    assert Project.objects.get(pk=project.pk).stage == "proposal"
    r = c.post(
        f"/projects/{project.pk}/transition/", {"transition": "withdraw", "version": stale, "note": "x"}, follow=True
    )
    assert "已被他人修改" in r.content.decode() and Project.objects.get(pk=project.pk).status == "active"


def test_refused_transition_lists_rules_in_the_page(world, project):
    r = login(world.lead).post(f"/projects/{project.pk}/transition/",
                               {"transition": "complete_needs_analysis", "version": project.version}, follow=True)  # fmt: skip
    body = r.content.decode()
    assert "R-6.2（《发改高技〔2012〕1986号》第六条）" in body and "关口“需求分析完成" in body
    assert "G-NEEDS" not in body and "is blocked" not in body  # one language, gate by name


def test_officer_decides_from_the_inbox(world, project):
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
    c = login(world.bj_officer)
    assert f"/projects/requests/{req.pk}/decide/" in c.get("/projects/tasks/").content.decode()
    assert login(world.mps_officer).get(f"/projects/requests/{req.pk}/decide/").status_code == 404
    c.post(
        f"/projects/requests/{req.pk}/decide/", {"version": req.version, "approve": "1", "decision_ref": "11010113-9"}
    )
    req = AuthorityRequest.objects.get(pk=req.pk)
    assert req.status == "approved" and req.evidence.doc_type == "mlps_filing_certificate"
    assert req.evidence.issuer == world.bj_psb


def test_project_page_query_count_does_not_grow_with_evidence(world, project):
    c = login(world.lead)
    pass_needs(world, project.pk)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert c.get(f"/projects/{project.pk}/").status_code == 200
        return len(ctx.captured_queries)

    first = count()
    for n in range(8):
        evidence_create(actor=world.lead, project=project, doc_type="needs_analysis_report", ref_no=f"v{n}")
    assert count() == first
    assert first < 40, first


def test_labels_are_translated_to_chinese():
    from django.utils import translation

    from egovnet.projects.choices import RequestKind, Stage

    with translation.override("zh-hans"):
        assert str(Stage.PRELIMINARY_DESIGN.label) == "初步设计和投资概算"
        assert str(RequestKind.MLPS_FILING.label) == "等级保护备案"


def test_needs_analysis_done_entirely_in_the_ui(world, project):
    from egovnet.projects.models import ReviewMeeting

    lead, reviewer = login(world.lead), login(world.reviewer)
    pk = project.pk
    lead.post(
        f"/projects/{pk}/evidence/", {"doc_type": "needs_analysis_report", "ref_no": "需求-1", "date": "2013-02-01"}
    )
    lead.post(f"/projects/{pk}/requests/", {"kind": "secrecy_review", "applications": [world.app_cases.pk]})
    lead.post(f"/projects/{pk}/requests/", {"kind": "mlps_filing", "applications": [world.app_portal.pk]})
    for officer, kind in ((world.napss_officer, "secrecy_review"), (world.bj_officer, "mlps_filing")):
        req = AuthorityRequest.objects.get(project=project, kind=kind)
        login(officer).post(f"/projects/requests/{req.pk}/decide/",
                            {"version": req.version, "approve": "1", "decision_ref": f"{kind}-1"})  # fmt: skip
    import datetime as dt

    today = dt.date.today()  # a meeting held ten days ago (its opinion can only be recorded once it took place)
    reviewer.post(f"/projects/{pk}/meetings/", {"review_type": "needs_deliberation",
                                                "date": str(today - dt.timedelta(days=10)),
                                                "invite_on": str(today - dt.timedelta(days=20))})  # fmt: skip
    meeting = ReviewMeeting.objects.get(project=project)
    assert meeting.invitations.count() == 4
    reviewer.post(f"/projects/{pk}/meetings/conclude/", {"meeting": meeting.pk, "version": meeting.version,
                                                         "opinion": "同意"})  # fmt: skip
    Project.objects.filter(pk=pk).update(act_date=today - dt.timedelta(days=9))  # judged the day after the meeting
    project.refresh_from_db()
    page = lead.get(f"/projects/{pk}/").content.decode()
    assert "阻断性规则均已满足" in page or "All blocking rules pass" in page, page[page.find("next-gate") :][:1500]
    lead.post(f"/projects/{pk}/transition/", {"transition": "complete_needs_analysis", "version": project.version})
    assert Project.objects.get(pk=pk).stage == "proposal"


def test_acceptance_check_signed_in_the_ui_by_the_approver_only(world, project):
    Project.objects.filter(pk=project.pk).update(stage="completion_acceptance")
    data = {"ref_no": "验收-1", "secrecy_review_conditions_met": "on", "graded_filed_tested": "on",
            "deployment_matches_approval": "on"}  # fmt: skip
    login(world.lead).post(f"/projects/{project.pk}/acceptance-check/", data)
    assert not project.evidence.filter(doc_type="network_use_acceptance_check").exists()
    login(world.reviewer).post(f"/projects/{project.pk}/acceptance-check/", data)
    check = project.evidence.get(doc_type="network_use_acceptance_check")
    assert check.result == "pass" and check.signed_by == world.reviewer


def test_assessment_and_plan_evidence_through_the_ui_form(world, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    login(world.lead).post(f"/projects/{project.pk}/evidence/", {
        "doc_type": "deployment_migration_plan", "plan_stage": "proposal", "sections": ["intranet", "extranet"]})  # fmt: skip
    login(world.lead).post(f"/projects/{project.pk}/evidence/", {  # the department records the report it received
        "doc_type": "risk_assessment_report", "issuer": world.agency_org.pk, "agency": world.agencies["risk"].pk,
        "result": "pass", "date": "2014-03-02", "risk_parts": ["classified", "non_classified"]})  # fmt: skip
    plan = project.evidence.get(doc_type="deployment_migration_plan")
    assert plan.sections == ["intranet", "extranet"] and plan.plan_stage == "proposal"
    assert project.evidence.get(doc_type="risk_assessment_report").risk_parts == ["classified", "non_classified"]


def test_officer_answers_an_expert_invitation_from_my_tasks(world, project):
    import datetime as dt

    from egovnet.projects.services import meeting_create

    meeting = meeting_create(actor=world.reviewer, project=project, review_type="needs_deliberation",
                             date=dt.date(2013, 4, 10), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    inv = meeting.invitations.get(body="public_security")
    c = login(world.mps_officer)
    assert f"/tasks/invitations/{inv.pk}/" in c.get("/projects/tasks/").content.decode()
    c.post(
        f"/projects/invitations/{inv.pk}/respond/",
        {"response": "nominated", "expert_name": "王五", "version": inv.version},
    )
    inv.refresh_from_db()
    assert inv.response == "nominated" and inv.expert_name == "王五" and inv.expert_org == world.mps


def test_local_part_added_in_the_ui(world, project):
    Project.objects.filter(pk=project.pk).update(cobuilt=True)
    c = login(world.lead)
    assert "Add a local part" in c.get(f"/projects/{project.pk}/").content.decode() or "地方部分" in c.get(
        f"/projects/{project.pk}/").content.decode()  # fmt: skip
    c.post(f"/projects/{project.pk}/local-parts/", {"name": "河南部分", "owner": world.ha_dept.pk})
    lp = project.local_parts.get()
    assert lp.local_drc == world.ha_drc and lp.division_id == "410000"


def test_stale_edit_form_is_refused_with_a_clear_message(world, project):
    c = login(world.lead)
    data = {"version": project.version, "name": "新名称", "act_date": "2013-06-01"}
    assert c.post(f"/projects/{project.pk}/edit/", data).status_code == 302
    r = c.post(f"/projects/{project.pk}/edit/", {**data, "name": "又一个名称"})  # same (now stale) version
    assert "已被他人修改" in r.content.decode()
    assert Project.objects.get(pk=project.pk).name == "新名称"


def test_project_list_shows_the_stored_blocking_findings_and_filters_on_them(
    world, project, django_assert_max_num_queries
):
    from egovnet.policy.choices import SubjectType
    from egovnet.policy.services import refresh_subjects
    from egovnet.projects.services import project_create

    clean = project_create(actor=world.lead, owner=world.ministry, name="无问题的项目", act_date=project.act_date)
    refresh_subjects(SubjectType.PROJECT, [project.pk])  # `clean` has no stored finding (never evaluated)
    lead = login(world.lead)
    with django_assert_max_num_queries(12):
        page = lead.get("/projects/").content.decode()
    assert "R-6.2" in page and "阻断性问题" in page
    blocked = lead.get("/projects/", {"blocked": "1"}).content.decode()
    assert project.name in blocked and clean.name not in blocked
    assert clean.name in lead.get("/projects/").content.decode()
