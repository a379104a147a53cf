"""Who may do what: departments see only their projects; only the competent officers decide; roles per transition."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egovnet.projects import queries
from egovnet.projects.services import invitation_respond, meeting_create, request_submit

from .helpers import client_for, move, ok

pytestmark = pytest.mark.django_db


def test_departments_see_only_their_projects(world, project):
    other = client_for(world.other_lead)
    assert ok(other.get("/api/projects/projects/"))["count"] == 0
    assert other.get(f"/api/projects/projects/{project.pk}/").status_code == 404
    assert ok(client_for(world.staff).get("/api/projects/projects/"))["count"] == 1
    # the approving DRC sees it; an unrelated provincial DRC does not
    assert ok(client_for(world.reviewer).get("/api/projects/projects/"))["count"] == 1
    assert ok(client_for(world.ha_reviewer).get("/api/projects/projects/"))["count"] == 0


def test_only_the_competent_organisations_officers_decide(world, project):
    w = world
    req = request_submit(actor=w.lead, project=project, kind="mlps_filing", applications=[w.app_portal],
                         submitted_on=dt.date(2013, 3, 1))  # fmt: skip
    assert req.authority == w.bj_psb and "北京市公安局" in req.resolver_explanation
    for outsider in (w.mps_officer, w.ha_officer, w.napss_officer, w.lead):
        assert req not in queries.decidable_requests(outsider)
        response = client_for(outsider).post(f"/api/projects/requests/{req.pk}/decide/",
                                             {"approve": True, "decision_ref": "x", "version": 1}, format="json")  # fmt: skip
        assert response.status_code in (403, 404), outsider
    assert list(queries.decidable_requests(w.bj_officer)) == [req]
    ok(client_for(w.bj_officer).post(f"/api/projects/requests/{req.pk}/decide/",
                                     {"approve": True, "decision_ref": "11010113001-1", "version": 1}, format="json"))  # fmt: skip


def test_transitions_are_denied_by_default(world, project):
    w, pk = world, project.pk
    assert move(client_for(w.staff), pk, "complete_needs_analysis").status_code == 403  # lead only
    for outsider, name in ((w.ha_reviewer, "send_back"), (w.other_lead, "withdraw")):  # not visible at all
        url = f"/api/projects/projects/{pk}/transition/"
        response = client_for(outsider).post(url, {"transition": name, "note": "x", "version": 1}, format="json")
        assert response.status_code == 404
    assert move(client_for(w.lead), pk, "withdraw").status_code == 409  # a reason is required
    withdrawn = ok(move(client_for(w.lead), pk, "withdraw", "预算取消 / budget cancelled"))
    assert withdrawn["status"] == "withdrawn"
    assert move(client_for(w.lead), pk, "complete_needs_analysis").status_code == 409


def test_applicant_may_not_supply_panel_experts(world, project):
    w = world
    meeting = meeting_create(actor=w.reviewer, project=project, review_type="needs_deliberation",
                             date=dt.date(2013, 4, 10), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    bodies = {i.body: i for i in meeting.invitations.select_related("invitee")}
    assert {i.invitee for i in bodies.values()} == {w.napss, w.mps, w.coord, w.extranet}
    inv = bodies["secrecy_administration"]
    tasks = ok(client_for(w.napss_officer).get("/api/projects/tasks/"))
    assert [i["id"] for i in tasks["invitations"]] == [inv.pk]
    with pytest.raises(ValidationError) as exc:
        invitation_respond(actor=w.napss_officer, invitation=inv, response="nominated", expert_name="张三",
                           expert_org=w.ministry_unit, expected_version=inv.version)  # fmt: skip
    assert "第八条" in str(exc.value)
    with pytest.raises(PermissionDenied):  # another body cannot answer for NAPSS
        invitation_respond(actor=w.bj_officer, invitation=inv, response="declined", expected_version=inv.version)
    inv = invitation_respond(actor=w.napss_officer, invitation=inv, response="nominated", expert_name="李四",
                             expert_org=w.napss, expected_version=inv.version)  # fmt: skip
    assert inv.expert_name == "李四"


def test_rule_deciding_fields_cannot_be_bent(world, project):
    import datetime as dt

    from egovnet.projects.models import Project
    from egovnet.projects.services import project_update

    with pytest.raises(ValidationError) as exc:
        project_update(actor=world.lead, project=project, expected_version=project.version, approver=world.ha_drc,
                       act_date=dt.date(2012, 1, 1))  # fmt: skip
    assert {"approver", "act_date"} <= set(exc.value.message_dict)
    Project.objects.filter(pk=project.pk).update(stage="feasibility")
    project.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        project_update(actor=world.lead, project=project, expected_version=project.version, approval_path="simplified")
    assert "approval_path" in exc.value.message_dict
