"""Hostile input on the projects API answers 4xx, never 500: malformed ids, list bodies, huge filter values,
evidence whose file has gone from storage."""

from __future__ import annotations

import pytest

from egovnet.projects.models import Evidence

from .helpers import client_for, ok

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"  # past 2**63: overflowed SQLite's integer binding


@pytest.mark.parametrize("action", ["report", "withdraw"])
def test_non_numeric_commission_id_is_not_found(world, action):
    for user in (world.agency_user, world.lead):
        response = client_for(user).post(f"/api/projects/commissions/abc/{action}/", {"reason": "x"}, format="json")
        assert response.status_code == 404 and response["Content-Type"] == "application/json"
        assert "detail" in response.json()


def test_list_body_on_local_parts_and_request_withdraw_is_a_400(world, project):
    lead = client_for(world.lead)
    response = lead.post(f"/api/projects/projects/{project.pk}/local-parts/", [1, 2], format="json")
    assert response.status_code == 400 and "JSON" in response.json()["non_field_errors"][0]
    req = ok(lead.post("/api/projects/requests/", {"project": project.pk, "kind": "mlps_filing",
                                                   "applications": [world.app_portal.pk]}, format="json"), 201)  # fmt: skip
    response = lead.post(f"/api/projects/requests/{req['id']}/withdraw/", ["version", 1], format="json")
    assert response.status_code == 400 and "JSON" in response.json()["non_field_errors"][0]
    assert ok(lead.get(f"/api/projects/requests/{req['id']}/"))["status"] == req["status"]  # nothing withdrawn


@pytest.mark.parametrize("param", ["owner", "approver"])
def test_huge_reference_filter_is_a_400_naming_the_field(world, project, param):
    response = client_for(world.lead).get(f"/api/projects/projects/?{param}={HUGE}")
    assert response.status_code == 400 and param in response.json()


def test_huge_id_filter_on_evidence_and_requests_is_a_400(world, project):
    lead = client_for(world.lead)
    assert lead.get(f"/api/projects/evidence/?project={HUGE}").status_code == 400
    assert lead.get(f"/api/projects/requests/?authority={HUGE}").status_code == 400
    assert lead.get(f"/api/projects/projects/{HUGE}/").status_code == 404


def test_evidence_whose_file_is_gone_answers_404(world, project, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    lead = client_for(world.lead)
    ev = ok(lead.post("/api/projects/evidence/", {"project": project.pk, "doc_type": "needs_analysis_report"},
                      format="json"), 201)  # fmt: skip
    Evidence.objects.filter(pk=ev["id"]).update(file_path="evidence/gone.pdf", file_name="gone.pdf")
    response = lead.get(f"/api/projects/evidence/{ev['id']}/download/")
    assert response.status_code == 404 and "no longer in storage" in response.json()["detail"]
