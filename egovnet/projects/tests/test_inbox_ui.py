"""The inbox pages: the decision page shows the facts and has no default; the invitation page names its body;
the project page says whom it waits for and lets the local DRC approve its part."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from egovnet.core.models import AuditEntry
from egovnet.projects.models import AuthorityRequest, Project
from egovnet.projects.services import evidence_create, local_part_create, meeting_create, request_submit

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_decision_page_shows_the_facts_and_no_default(world, project):
    req = request_submit(actor=world.lead, project=project, kind="intranet_review", applications=[world.app_cases],
                         submitted_on=dt.date(2013, 9, 27))  # fmt: skip
    evidence_create(actor=world.lead, project=project, doc_type="mlps_grading_report", applications=[world.app_cases],
                    ref_no="定级报告-1")  # fmt: skip
    page = login(world.napss_officer).get(f"/projects/requests/{req.pk}/decide/").content.decode()
    assert "机密案件系统" in page and "机密" in page  # the cleared officer sees the system and its grade
    assert "定级报告-1" in page or "涉密材料仅登记引用" in page  # the evidence submitted
    assert "个工作日" in page and str(req.due_on) in page  # the deadline on the working-day calendar
    choices = page.split('name="approve"')[1].split("</select>")[0]
    assert '<option value="" selected>' in choices and choices.count("selected") == 1  # no decision pre-selected
    c = login(world.napss_officer)
    r = c.post(f"/projects/requests/{req.pk}/decide/", {"version": req.version, "approve": "0", "decision_ref": "驳-1"})
    assert AuthorityRequest.objects.get(pk=req.pk).status == "pending"  # a rejection without a reason is refused
    assert "理由" in r.content.decode()
    c.post(f"/projects/requests/{req.pk}/decide/",
           {"version": req.version, "approve": "0", "decision_ref": "驳-1", "conditions": "缺少分保方案"})  # fmt: skip
    assert AuthorityRequest.objects.get(pk=req.pk).status == "rejected"
    assert AuditEntry.objects.filter(object_type="projects.authorityrequest", object_id=str(req.pk), action="decide")


def test_uncleared_reader_sees_no_grade(world, project, make_user):
    from egovnet.core.choices import Role

    req = request_submit(actor=world.lead, project=project, kind="intranet_review", applications=[world.app_cases])
    plain = make_user("napss2", (Role.SECRECY_OFFICER, world.napss, None))
    page = login(plain).get(f"/projects/requests/{req.pk}/decide/").content.decode()
    assert "机密案件系统" not in page and "密级不显示" in page


def test_invitation_page_names_its_body_and_records_the_answer(world, project):
    m = meeting_create(actor=world.reviewer, project=project, review_type="needs_deliberation",
                       date=dt.date(2013, 4, 10), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    inv = m.invitations.get(body="public_security")
    c = login(world.mps_officer)
    inbox = c.get("/tasks/").content.decode()
    assert inbox.count("/tasks/invitations/") == 1  # only the MPS's own invitation
    page = c.get(f"/tasks/invitations/{inv.pk}/").content.decode()
    assert world.mps.name in page and "第八条" in page
    assert login(world.napss_officer).get(f"/tasks/invitations/{inv.pk}/").status_code == 404
    c.post(f"/tasks/invitations/{inv.pk}/", {"response": "nominated", "expert_name": "王五", "version": inv.version})
    inv.refresh_from_db()
    assert (inv.response, inv.expert_name, inv.expert_org) == ("nominated", "王五", world.mps)


def test_project_page_says_whom_it_waits_for_and_the_local_drc_approves(world, project, make_user):

    Project.objects.filter(pk=project.pk).update(
        cobuilt=True, stage="feasibility", national_approval_ref="发改〔2013〕1号"
    )
    project.refresh_from_db()
    lp = local_part_create(actor=world.lead, project=project, division=world.ha_dept.division, owner=world.ha_dept,
                           name="河南部分")  # fmt: skip
    evidence_create(actor=world.lead, project=project, doc_type="feasibility_study_report", local_part=lp)
    page = login(world.lead).get(f"/projects/{project.pk}/").content.decode()
    assert f"等待：{world.ha_drc.name} 批复地方部分（地方可研）（《发改高技〔2012〕1986号》第十条" in page
    drc = login(world.ha_reviewer)
    assert "批复地方部分" in drc.get("/tasks/").content.decode()
    drc.post(f"/tasks/local-parts/{lp.pk}/approve/", {"decision": "1", "approves": "feasibility_study_report",
                                                       "ref_no": "豫发改〔2013〕5号", "date": "2013-07-01"})  # fmt: skip
    assert lp.evidence.get(doc_type="local_drc_approval").references == ["发改〔2013〕1号"]
    assert "批复地方部分" not in drc.get("/tasks/").content.decode()
    other = login(world.lead)  # the owner department may not approve for the local DRC
    r = other.post(f"/tasks/local-parts/{lp.pk}/approve/", {"decision": "1", "approves": "preliminary_design",
                                                            "ref_no": "x", "date": "2013-07-01"}, follow=True)  # fmt: skip
    assert lp.evidence.filter(doc_type="local_drc_approval").count() == 1 and "第十条" in r.content.decode()
