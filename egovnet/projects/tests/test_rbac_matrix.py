"""Every endpoint against an outsider: lists are empty, details are 404, writes are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egovnet.projects.services import meeting_create, request_submit

from .helpers import client_for, evidence, ok

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(world, project):
    ev = evidence(client_for(world.lead), project.pk, "needs_analysis_report", ref_no="x")
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
    meeting = meeting_create(actor=world.reviewer, project=project, review_type="needs_deliberation",
                             date=dt.date(2013, 4, 10), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    return {"projects": project.pk, "evidence": ev["id"], "requests": req.pk, "meetings": meeting.pk,
            "invitations": meeting.invitations.first().pk}  # fmt: skip


@pytest.mark.parametrize("resource", ["projects", "evidence", "requests", "meetings"])
def test_outsider_lists_nothing(world, filled, resource):
    body = ok(client_for(world.other_lead).get(f"/api/projects/{resource}/"))
    assert body["count"] == 0


@pytest.mark.parametrize("resource", ["projects", "evidence", "requests", "meetings", "invitations"])
def test_outsider_details_are_404(world, filled, resource):
    assert client_for(world.other_lead).get(f"/api/projects/{resource}/{filled[resource]}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "payload"),
    [
        ("projects/{projects}/transition/", {"transition": "withdraw", "note": "x"}),
        ("projects/{projects}/applications/", {"system": 1}),
        ("projects/{projects}/acceptance-check/", {"checks": {}, "ref_no": "x"}),
        ("requests/{requests}/decide/", {"approve": True, "decision_ref": "x"}),
        ("requests/{requests}/withdraw/", {}),
        ("meetings/{meetings}/conclude/", {"opinion": "x"}),
        ("invitations/{invitations}/respond/", {"response": "declined"}),
    ],
)
def test_outsider_writes_are_refused(world, filled, url, payload):
    response = client_for(world.other_lead).post(f"/api/projects/{url.format(**filled)}", payload, format="json")
    assert response.status_code in (403, 404)


def test_outsider_cannot_create_evidence_or_requests_on_a_foreign_project(world, filled):
    c = client_for(world.other_lead)
    r = c.post(
        "/api/projects/evidence/", {"project": filled["projects"], "doc_type": "needs_analysis_report"}, format="json"
    )
    assert r.status_code == 403
    r = c.post("/api/projects/requests/", {"project": filled["projects"], "kind": "mlps_filing"}, format="json")
    assert r.status_code == 404


def test_inbox_and_evidence_lists_do_not_grow_in_queries(world, project):
    officer, lead = client_for(world.bj_officer), client_for(world.lead)

    def count(c, url) -> int:
        with CaptureQueriesContext(connection) as ctx:
            ok(c.get(url))
        return len(ctx.captured_queries)

    request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
    evidence(lead, project.pk, "needs_analysis_report", ref_no="0")
    count(officer, "/api/projects/requests/inbox/")  # warm: the user's role assignments are cached per user object
    base = (count(officer, "/api/projects/requests/inbox/"), count(lead, "/api/projects/evidence/"))
    for n in range(6):
        request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
        evidence(lead, project.pk, "needs_analysis_report", ref_no=str(n))
    assert (count(officer, "/api/projects/requests/inbox/"), count(lead, "/api/projects/evidence/")) == base
