"""Verdicts over a project's life: a passed gate keeps the evidence it was passed on, every act is judged by the
packs of its own date, reviews count only once held, the latest valid review counts, meetings can be cancelled
or rescheduled (with a reason and an audit entry) through one service used by the UI, the API and the CLI."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command
from django.urls import reverse

from egovnet.core.models import AuditEntry
from egovnet.policy.choices import SubjectType
from egovnet.policy.models import Finding
from egovnet.policy.services import current_findings, refresh_subjects
from egovnet.projects import gates
from egovnet.projects.models import Project, StageTransition
from egovnet.projects.services import evidence_create, meeting_create, project_update

from .conftest import ACT
from .helpers import client_for, evidence, move, ok, pass_needs, pass_proposal, request_and_decide, review
from .test_full_path import blocked_rules

TODAY = dt.date.today()


def stored(project, rule=None):
    qs = Finding.objects.filter(subject_type=SubjectType.PROJECT, subject_id=str(project.pk))
    return qs.filter(rule=rule) if rule else qs


def to_feasibility(w, project):
    pk = project.pk
    pass_needs(w, pk)
    ok(move(client_for(w.lead), pk, "complete_needs_analysis"))
    pass_proposal(w, pk)
    ok(move(client_for(w.reviewer), pk, "approve_proposal"))
    return Project.objects.get(pk=pk)


# --- 1. stale evidence -----------------------------------------------------------------------------------------
def test_a_later_final_filing_is_no_attachment_of_the_passed_proposal(world, project):
    w = world
    p = to_feasibility(w, project)
    t = StageTransition.objects.get(project=p, from_stage="proposal")
    assert t.judged_on == ACT  # the date the gate was judged on is recorded with the passing
    # years later: the final-stage MLPS filing of the built system, dated after the proposal's submission
    evidence_create(actor=w.admin, project=p, doc_type="mlps_filing_certificate", issuer=w.bj_psb, result="filed",
                    ref_no="11010114001-00002", date=dt.date(2014, 4, 8), filing_stage="final",
                    applications=[w.app_portal])  # fmt: skip
    refresh_subjects(SubjectType.PROJECT, [p.pk], on=TODAY)
    assert not stored(p, "R-9.5").exists()
    live = {f.rule: f for f in current_findings(SubjectType.PROJECT, p.pk) if f.rule == "R-9.5"}
    assert live["R-9.5"].outcome == "pass"


def test_a_passed_gate_is_judged_on_the_evidence_it_was_passed_on(world, project):
    """A document added after the passing (here a late secrecy opinion re-dated after the submission) does not
    reopen the passed gate; the project as it stands is still judged for the gates ahead."""
    w = world
    p = to_feasibility(w, project)
    evidence_create(actor=w.admin, project=p, doc_type="extranet_service_agreement", issuer=w.extranet,
                    result="signed", ref_no="外网协〔2013〕99号", date=dt.date(2013, 6, 1))  # fmt: skip
    refresh_subjects(SubjectType.PROJECT, [p.pk], on=TODAY)
    assert not stored(p, "R-9.5").exists()
    assert stored(p, "R-7.4").exists()  # the FSR gate ahead is judged on the project as it stands


# --- 6. each act by the packs of its own date -------------------------------------------------------------------
def test_the_sweep_judges_each_project_by_the_packs_of_its_act_date(world, project):
    w = world
    p = to_feasibility(w, project)  # acts dated 2013: only 发改高技[2012]1986号 applies
    refresh_subjects(SubjectType.PROJECT, [p.pk], on=TODAY)  # judged today, as the sweep does
    assert not stored(p).filter(pack="gov-2019-57").exists()
    assert set(stored(p).values_list("pack", flat=True)) == {"ndrc-2012-1986"}
    # the same project acting in 2021 falls under the 57号 overlay for what is still ahead of it
    p.refresh_from_db()
    project_update(actor=w.lead, project=p, expected_version=p.version, act_date=dt.date(2021, 3, 1))
    refresh_subjects(SubjectType.PROJECT, [p.pk], on=TODAY)
    assert stored(p, "R-11.6").exists()
    # … but the proposal gate passed in 2013 is still judged by the 2013 packs: no 57号 filing package
    assert not stored(p, "R-9.7").exists()


# --- 2. a review counts once held, with its opinion -------------------------------------------------------------
def test_a_deliberation_scheduled_in_the_future_without_opinion_does_not_pass_the_gate(world, project):
    w, pk = world, project.pk
    lead = client_for(w.lead)
    evidence(lead, pk, "needs_analysis_report", ref_no="需求-1", date="2013-02-01")
    request_and_decide(w, pk, "secrecy_review", [w.app_cases.pk], w.napss_officer, "国保函〔2013〕12号")
    request_and_decide(w, pk, "mlps_filing", [w.app_portal.pk], w.bj_officer, "11010113001-00001")
    m = ok(client_for(w.reviewer).post("/api/projects/meetings/", {
        "project": pk, "review_type": "needs_deliberation", "date": "2030-04-10", "invite_on": "2013-04-01"},
        format="json"), 201)  # fmt: skip
    r = move(lead, pk, "complete_needs_analysis")
    assert "R-8.1" in blocked_rules(r)
    [d] = [d for d in r.json()["details"] if d["rule"] == "R-8.1"]
    assert (
        "2030-04-10" in d["message_zh"] and "尚未举行" in d["message_zh"] and "has not taken place" in d["message_en"]
    )
    # its opinion cannot be recorded before it has taken place
    r = client_for(w.reviewer).post(f"/api/projects/meetings/{m['id']}/conclude/",
                                    {"opinion": "同意", "version": m["version"]}, format="json")  # fmt: skip
    assert r.status_code == 409 and r.json()["code"] == "meeting_not_held"


def test_a_held_deliberation_without_opinion_does_not_count(world, project):
    w, pk = world, project.pk
    lead = client_for(w.lead)
    evidence(lead, pk, "needs_analysis_report", ref_no="需求-1", date="2013-02-01")
    request_and_decide(w, pk, "secrecy_review", [w.app_cases.pk], w.napss_officer, "国保函〔2013〕12号")
    request_and_decide(w, pk, "mlps_filing", [w.app_portal.pk], w.bj_officer, "11010113001-00001")
    meeting_create(actor=w.reviewer, project=project, review_type="needs_deliberation", date=dt.date(2013, 4, 10),
                   invite_on=dt.date(2013, 4, 1))  # fmt: skip
    r = move(lead, pk, "complete_needs_analysis")
    [d] = [d for d in r.json()["details"] if d["rule"] == "R-8.1"]
    assert "未记录专家组意见" in d["message_zh"]


# --- 3. the latest valid review counts; cancel and reschedule ---------------------------------------------------
def _needs_with_late_deliberation(w, project):
    pk = project.pk
    lead = client_for(w.lead)
    evidence(lead, pk, "needs_analysis_report", ref_no="需求-1", date="2013-02-01")
    request_and_decide(w, pk, "secrecy_review", [w.app_cases.pk], w.napss_officer, "国保函〔2013〕12号")
    request_and_decide(w, pk, "mlps_filing", [w.app_portal.pk], w.bj_officer, "11010113001-00001")
    review(w, pk, "needs_deliberation", date="2013-03-10", invite_on="2013-03-10")  # invitations on the day: late
    assert blocked_rules(move(lead, pk, "complete_needs_analysis")) == {"R-8.1"}


def test_a_second_correct_deliberation_supersedes_a_late_invited_one(world, project):
    w = world
    _needs_with_late_deliberation(w, project)
    review(w, project.pk, "needs_deliberation", date="2013-04-20", invite_on="2013-04-10")
    assert ok(move(client_for(w.lead), project.pk, "complete_needs_analysis"))["stage"] == "proposal"


def test_a_cancelled_meeting_no_longer_counts_and_the_cancellation_is_audited(world, project):
    w = world
    _needs_with_late_deliberation(w, project)
    rc = client_for(w.reviewer)
    good = ok(rc.post("/api/projects/meetings/", {"project": project.pk, "review_type": "needs_deliberation",
                                                   "date": "2013-04-20", "invite_on": "2013-04-10"}, format="json"), 201)  # fmt: skip
    # a reason is required
    assert rc.post(f"/api/projects/meetings/{good['id']}/cancel/", {"reason": " ", "version": good["version"]},
                   format="json").status_code == 400  # fmt: skip
    cancelled = ok(rc.post(f"/api/projects/meetings/{good['id']}/cancel/",
                           {"reason": "专家未能到会 / experts unavailable", "version": good["version"]}, format="json"))  # fmt: skip
    assert cancelled["cancelled_at"] and cancelled["cancel_reason"].startswith("专家未能到会")
    entry = AuditEntry.objects.filter(object_type__icontains="reviewmeeting", object_id=str(good["id"])).latest("seq")
    assert "专家未能到会" in entry.reason
    # a cancelled meeting cannot have an opinion recorded, and does not count
    r = rc.post(f"/api/projects/meetings/{good['id']}/conclude/", {"opinion": "同意", "version": cancelled["version"]},
                format="json")  # fmt: skip
    assert r.status_code == 409
    assert blocked_rules(move(client_for(w.lead), project.pk, "complete_needs_analysis")) == {"R-8.1"}


def test_a_meeting_rescheduled_before_its_invitations_fails_and_one_moved_later_passes(world, project):
    w = world
    _needs_with_late_deliberation(w, project)
    rc = client_for(w.reviewer)
    m = ok(rc.post("/api/projects/meetings/", {"project": project.pk, "review_type": "needs_deliberation",
                                                "date": "2013-04-05", "invite_on": "2013-04-10"}, format="json"), 201)  # fmt: skip
    assert rc.post(f"/api/projects/meetings/{m['id']}/reschedule/", {"date": "2013-04-20", "version": m["version"]},
                   format="json").status_code == 400  # no reason  # fmt: skip
    moved = ok(rc.post(f"/api/projects/meetings/{m['id']}/reschedule/",
                       {"date": "2013-04-20", "reason": "会场调整 / venue change", "version": m["version"]},
                       format="json"))  # fmt: skip
    assert moved["date"] == "2013-04-20"
    entry = AuditEntry.objects.filter(object_type__icontains="reviewmeeting", object_id=str(m["id"])).latest("seq")
    assert "2013-04-20" in entry.reason and "会场调整" in entry.reason
    ok(rc.post(f"/api/projects/meetings/{m['id']}/conclude/", {"opinion": "同意", "version": moved["version"]},
               format="json"))  # fmt: skip
    assert ok(move(client_for(w.lead), project.pk, "complete_needs_analysis"))["stage"] == "proposal"


def test_cancel_and_reschedule_from_the_page_and_the_cli(world, project, client):
    w = world
    m1 = meeting_create(actor=w.reviewer, project=project, review_type="needs_deliberation",
                        date=dt.date(2013, 4, 10), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    m2 = meeting_create(actor=w.reviewer, project=project, review_type="needs_deliberation",
                        date=dt.date(2013, 4, 12), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    from egovnet.projects.queries import open_invitations

    assert open_invitations(w.mps_officer).filter(meeting__in=[m1, m2]).count() == 2
    client.force_login(w.reviewer)
    url = reverse("projects:meeting_change", args=[project.pk])
    client.post(url, {"meeting": m1.pk, "version": m1.version, "action": "reschedule", "date": "2013-04-15",
                      "reason": "改期 / moved"})  # fmt: skip
    m1.refresh_from_db()
    assert m1.date == dt.date(2013, 4, 15)
    client.post(url, {"meeting": m1.pk, "version": m1.version, "action": "cancel", "reason": ""})  # refused: no reason
    m1.refresh_from_db()
    assert m1.cancelled_at is None
    client.post(url, {"meeting": m1.pk, "version": m1.version, "action": "cancel", "reason": "取消 / cancelled"})
    m1.refresh_from_db()
    assert m1.cancelled_at and m1.cancel_reason == "取消 / cancelled"
    out = io.StringIO()
    call_command("project", "reschedule-meeting", str(m2.pk), "--user", w.reviewer.username, "--date", "2013-04-18",
                 "--reason", "命令行改期", stdout=out)  # fmt: skip
    call_command("project", "cancel-meeting", str(m2.pk), "--user", w.reviewer.username, "--reason", "命令行取消",
                 stdout=out)  # fmt: skip
    m2.refresh_from_db()
    assert m2.date == dt.date(2013, 4, 18) and m2.cancel_reason == "命令行取消"
    # the invited bodies no longer see the cancelled meetings' invitations among their tasks
    assert not open_invitations(w.mps_officer).filter(meeting__in=[m1, m2]).exists()
    assert gates.judge(project).failing  # both cancelled: no deliberation counts
