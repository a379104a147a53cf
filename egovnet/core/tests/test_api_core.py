"""Core API: who am I, audit log access and the chain status endpoint."""

from __future__ import annotations

import pytest
from django.db import connection
from rest_framework.test import APIClient

from egovnet.core.testing.api import client_for
from egovnet.core.tests.api_factories import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_me_shows_roles_scopes_clearance_and_grants(world):
    body = client_for(world.users["department_lead"]).get("/api/core/users/me/").json()
    assert body["username"] == "lead" and body["clearance"] == 1
    (role,) = body["roles"]
    assert role["role"] == "department_lead" and role["org_scope"]["display"] == "水利部"
    assert role["division_scope"] is None and role["national"] is False
    assert body["grants"]["orgs.organisation"] == ["view", "add", "change"]
    drc = client_for(world.users["drc_reviewer"]).get("/api/core/users/me/").json()
    assert drc["roles"][0]["division_scope"]["code"] == "410000"
    assert drc["grants"]["systems.applicationsystem"] == ["view"]
    auditor = client_for(world.users["auditor"]).get("/api/core/users/me/").json()
    assert auditor["roles"][0]["national"] is True
    assert APIClient().get("/api/core/users/me/").status_code in (401, 403)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("auditor", 200),
        ("admin", 200),
        ("root", 200),
        ("department_lead", 403),
        ("drc_reviewer", 403),
        ("viewer", 403),
        ("nobody", 403),
    ],
)
def test_audit_log_only_for_auditors_and_admins(world, role, status):
    client = client_for(world.users[role])
    assert client.get("/api/core/audit/").status_code == status
    assert client.get("/api/core/audit/verify/").status_code == status


def test_audit_log_needs_a_national_assignment(world):
    from egovnet.core.choices import Role
    from egovnet.core.models import RoleAssignment
    from egovnet.core.tests.api_factories import make_user

    provincial = make_user("prov-auditor", role=Role.AUDITOR, division_scope=world.divisions["410000"])
    assert client_for(provincial).get("/api/core/audit/").status_code == 403
    RoleAssignment.objects.create(user=provincial, role=Role.AUDITOR)
    provincial._egovnet_assignments = None
    assert client_for(provincial).get("/api/core/audit/").status_code == 200


def test_audit_list_filters_pagination_and_read_only(world):
    client = client_for(world.users["auditor"])
    body = client.get("/api/core/audit/", {"page_size": 5}).json()
    assert body["count"] > 5 and len(body["results"]) == 5
    seqs = [r["seq"] for r in body["results"]]
    assert seqs == sorted(seqs, reverse=True)
    orgs = client.get("/api/core/audit/", {"object_type": "orgs.organisation", "action": "create"}).json()
    assert orgs["count"] == len(world.orgs)
    cursor = client.get("/api/core/audit/", {"paging": "cursor", "page_size": 4}).json()
    assert len(cursor["results"]) == 4 and cursor["next"]
    assert client.post("/api/core/audit/", {}, format="json").status_code == 405
    assert client.delete(f"/api/core/audit/{seqs[0]}/").status_code == 405


def test_verify_reports_intact_then_the_first_broken_entry(world):
    client = client_for(world.users["admin"])
    body = client.get("/api/core/audit/verify/").json()
    assert body["intact"] is True and body["first_break"] is None and body["entries"] > 0
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditentry SET reason = 'tampered' WHERE seq = 3")
    body = client.get("/api/core/audit/verify/").json()
    assert body["intact"] is False and body["first_break"]["seq"] == 3
    assert "断裂" in body["message"] and "broken" in body["message"]


def test_audit_filters_by_actor_time_and_object(world):
    client = client_for(world.users["auditor"])
    lead = world.users["department_lead"]
    org = world.orgs["ministry_unit"]
    patched = client_for(lead).patch(
        f"/api/orgs/organisations/{org.pk}/", {"notes": "核对", "version": 1}, format="json"
    )
    assert patched.status_code == 200
    mine = client.get("/api/core/audit/", {"actor": lead.pk}).json()
    assert mine["count"] == 1 and mine["results"][0]["object_id"] == str(org.pk)
    at = mine["results"][0]["at"]
    assert client.get("/api/core/audit/", {"since": at}).json()["count"] == 1
    assert client.get("/api/core/audit/", {"until": at, "actor": lead.pk}).json()["count"] == 0
    history = client.get("/api/core/audit/", {"object_type": "orgs.organisation", "object_id": org.pk}).json()
    assert [r["action"] for r in history["results"]] == ["update", "create"]
    assert client.get("/api/core/audit/", {"since": "not-a-date"}).status_code == 400
