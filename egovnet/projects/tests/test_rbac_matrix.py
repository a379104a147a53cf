"""Every endpoint against an outsider: lists are empty, details are 404, writes are refused; and each time the
user the object belongs to does the same successfully, so a missing route or a refusal for everyone fails."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egovnet.projects.services import meeting_create, request_submit
from egovnet.projects.services.reviews import InviteeBody

from .helpers import client_for, evidence, ok

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(world, project):
    ev = evidence(client_for(world.lead), project.pk, "needs_analysis_report", ref_no="x")
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
    meeting = meeting_create(actor=world.reviewer, project=project, review_type="needs_deliberation",
                             date=dt.date(2013, 4, 10), invite_on=dt.date(2013, 4, 1))  # fmt: skip
    return {"projects": project.pk, "evidence": ev["id"], "requests": req.pk, "meetings": meeting.pk,
            "invitations": meeting.invitations.get(body=InviteeBody.EXTRANET_OPERATOR).pk}  # fmt: skip


@pytest.mark.parametrize("resource", ["projects", "evidence", "requests", "meetings"])
def test_outsider_lists_nothing(world, filled, resource):
    body = ok(client_for(world.other_lead).get(f"/api/projects/{resource}/"))
    assert body["count"] == 0
    owner = ok(client_for(world.lead).get(f"/api/projects/{resource}/"))
    assert filled[resource] in [row["id"] for row in owner["results"]]


@pytest.mark.parametrize("resource", ["projects", "evidence", "requests", "meetings", "invitations"])
def test_outsider_details_are_404(world, filled, resource):
    url = f"/api/projects/{resource}/{filled[resource]}/"
    assert client_for(world.other_lead).get(url).status_code == 404
    insider = world.reviewer if resource == "invitations" else world.lead
    assert ok(client_for(insider).get(url))["id"] == filled[resource]


@pytest.mark.parametrize(
    ("url", "payload", "insider"),
    [
        ("projects/{projects}/transition/", {"transition": "withdraw", "note": "x"}, "lead"),
        ("projects/{projects}/applications/", {"system": 1}, "lead"),
        ("projects/{projects}/acceptance-check/", {"checks": {}, "ref_no": "x"}, "reviewer"),
        ("requests/{requests}/decide/", {"approve": True, "decision_ref": "x"}, "bj_officer"),
        ("requests/{requests}/withdraw/", {}, "lead"),
        ("meetings/{meetings}/conclude/", {"opinion": "x"}, "reviewer"),
        # an invitation is answered by the officers of the body it is addressed to (article 8), not the organiser
        ("invitations/{invitations}/respond/", {"response": "declined"}, "extranet_officer"),
    ],
)
def test_outsider_writes_are_refused(world, filled, url, payload, insider):
    """The outsider is refused before anything changes; the user the object belongs to reaches the same route
    and passes its permission check (a 2xx, or a 400 naming what the payload lacks, never 403/404)."""
    url = f"/api/projects/{url.format(**filled)}"
    response = client_for(world.other_lead).post(url, payload, format="json")
    assert response.status_code in (403, 404)
    response = client_for(getattr(world, insider)).post(url, payload, format="json")
    assert response.status_code not in (403, 404, 405), (response.status_code, response.content[:300])


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
