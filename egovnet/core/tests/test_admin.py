"""Django admin: saves and deletes go through the services (audited, reason "admin"), querysets are
scoped, classified names redacted, hidden systems' pages forbidden, read-only models stay read-only."""

from __future__ import annotations

import pytest
from django.test import Client

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry, RoleAssignment
from egovnet.core.tests.api_factories import build_world
from egovnet.orgs.models import Organisation
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    for user in w.users.values():
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    return w


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def org_form(org: Organisation | None = None, **overrides) -> dict:
    data = {
        "name": org.name if org else "水利部规划司",
        "short_name": org.short_name if org else "",
        "kind": org.kind if org else "government_department",
        "level": org.level if org else "central",
        "division": org.division_id if org else "110000",
        "parent": (org.parent_id or "") if org else "",
        "notes": "",
        "expected_version": org.version if org else "",
    }
    return {**data, **overrides}


def last_entry() -> AuditEntry:
    return AuditEntry.objects.order_by("-seq").first()


def test_admin_add_goes_through_the_service(world):
    root = world.users["root"]
    response = login(root).post("/admin/orgs/organisation/add/", org_form(parent=world.orgs["ministry"].pk))
    assert response.status_code == 302, response.content.decode()[:2000]
    org = Organisation.objects.get(name="水利部规划司")
    assert org.path == f"{world.orgs['ministry'].path}{org.pk}/"  # set by organisation_create
    entry = last_entry()
    assert (entry.action, entry.object_id, entry.actor_id, entry.reason) == ("create", str(org.pk), root.pk, "admin")
    assert verify_chain() is None


def test_admin_change_checks_version_and_service_rules(world):
    client = login(world.users["root"])
    org = world.orgs["henan_dept"]
    url = f"/admin/orgs/organisation/{org.pk}/change/"
    assert client.post(url, org_form(org, short_name="豫水利")).status_code == 302
    org.refresh_from_db()
    assert org.short_name == "豫水利" and org.version == 2
    assert last_entry().reason == "admin" and last_entry().action == "update"
    before = AuditEntry.objects.count()
    stale = client.post(url, org_form(org, short_name="旧", expected_version=1), follow=True)
    assert "已被他人修改" in stale.content.decode()
    ministry = world.orgs["ministry"]
    cycle = client.post(
        f"/admin/orgs/organisation/{ministry.pk}/change/",
        org_form(ministry, parent=world.orgs["ministry_unit"].pk),
        follow=True,
    )
    assert "循环" in cycle.content.decode()
    org.refresh_from_db()
    ministry.refresh_from_db()
    assert org.short_name == "豫水利" and ministry.parent_id is None and AuditEntry.objects.count() == before


def test_admin_delete_goes_through_the_service(world):
    unit = world.orgs["ministry_unit"]
    response = login(world.users["root"]).post(f"/admin/orgs/organisation/{unit.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=unit.pk).exists()
    entry = last_entry()
    assert (entry.action, entry.object_id, entry.reason) == ("delete", str(unit.pk), "admin")
    assert verify_chain() is None


def test_admin_lists_are_scoped(world):
    page = login(world.users["department_lead"]).get("/admin/orgs/organisation/").content.decode()
    assert "水利部信息中心" in page and "广东省水利厅" not in page
    drc = login(world.users["drc_reviewer"]).get("/admin/orgs/organisation/").content.decode()
    assert "郑州市水利局" in drc and "交通运输部" not in drc
    out = world.orgs["guangdong_dept"]
    response = login(world.users["department_lead"]).get(f"/admin/orgs/organisation/{out.pk}/change/")
    assert response.status_code == 302  # "does not exist" redirect: out of scope
    assert login(world.users["nobody"]).get("/admin/orgs/organisation/").status_code == 403


def test_admin_view_only_role_cannot_change(world):
    client = login(world.users["drc_reviewer"])
    org = world.orgs["zhengzhou_dept"]
    assert client.get(f"/admin/orgs/organisation/{org.pk}/change/").status_code == 200  # view page
    assert client.post(f"/admin/orgs/organisation/{org.pk}/change/", org_form(org, short_name="x")).status_code == 403
    assert client.get("/admin/orgs/organisation/add/").status_code == 403


def test_admin_system_list_redacts_and_hidden_pages_are_forbidden(world):
    staff = login(world.users["department_staff"])
    page = staff.get("/admin/systems/applicationsystem/").content.decode()
    assert REDACTED_NAME in page and "水情信息系统" in page
    assert "防汛指挥秘密系统" not in page and "水利工程机密调度系统" not in page
    assert staff.get("/admin/systems/applicationsystem/", {"q": "防汛"}).context["cl"].result_count == 0
    mimi, jimi = world.systems["ministry_mimi"], world.systems["ministry_jimi"]
    assert staff.get(f"/admin/systems/applicationsystem/{mimi.pk}/change/").status_code == 403
    assert staff.get(f"/admin/systems/applicationsystem/{mimi.pk}/history/").status_code == 403
    lead = login(world.users["department_lead"])
    assert lead.get(f"/admin/systems/applicationsystem/{mimi.pk}/change/").status_code == 200
    assert lead.get(f"/admin/systems/applicationsystem/{jimi.pk}/change/").status_code == 403
    assert lead.post(f"/admin/systems/applicationsystem/{jimi.pk}/delete/", {"post": "yes"}).status_code == 403
    found = lead.get("/admin/systems/applicationsystem/", {"q": "防汛"}).context["cl"]
    assert [s.pk for s in found.result_list] == [mimi.pk]


def test_admin_system_save_goes_through_the_service(world):
    system = world.systems["ministry_sys"]
    lead = world.users["department_lead"]
    data = {
        "name": system.name,
        "owner": system.owner_id,
        "secrecy_grade": "",
        "mlps_level": "3",
        "current_network": "extranet",
        "current_dedicated_network": "",
        "target_network": "extranet",
        "coverage_levels": "[]",
        "bandwidth_mbps": "50",
        "status": "in_operation",
        "secrecy_ref": "",
        "expected_version": system.version,
    }
    response = login(lead).post(f"/admin/systems/applicationsystem/{system.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    system.refresh_from_db()
    assert system.bandwidth_mbps == 50 and system.version == 2
    entry = last_entry()
    assert (entry.action, entry.actor_id, entry.reason) == ("update", lead.pk, "admin")
    assert verify_chain() is None


def test_admin_audit_log_is_read_only_and_redacted(world):
    auditor = login(world.users["auditor"])
    assert auditor.get("/admin/core/auditentry/").status_code == 200
    assert auditor.get("/admin/core/auditentry/add/").status_code == 403
    jimi = world.systems["ministry_jimi"]
    entry = AuditEntry.objects.get(object_type="systems.applicationsystem", object_id=str(jimi.pk))
    page = auditor.get(f"/admin/core/auditentry/{entry.seq}/change/").content.decode()
    assert REDACTED_NAME in page and "水利工程机密调度系统" not in page
    assert auditor.post(f"/admin/core/auditentry/{entry.seq}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(seq=entry.seq).exists()
    admin_page = login(world.users["admin"]).get(f"/admin/core/auditentry/{entry.seq}/change/").content.decode()
    assert "水利工程机密调度系统" in admin_page
    assert login(world.users["department_lead"]).get("/admin/core/auditentry/").status_code == 403


def test_division_admin_is_read_only(world):
    client = login(world.users["root"])
    assert client.get("/admin/geo/division/").status_code == 200
    assert client.get("/admin/geo/division/add/").status_code == 403
    assert client.post("/admin/geo/division/410102/delete/", {"post": "yes"}).status_code == 403


def test_user_admin_audits_role_assignments_without_password(world):
    root = world.users["root"]
    viewer = world.users["viewer"]
    data = {
        "username": viewer.username,
        "display_name": "viewer",
        "clearance": "1",
        "is_active": "on",
        "is_staff": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
        "role_assignments-TOTAL_FORMS": "2",
        "role_assignments-INITIAL_FORMS": "1",
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
        "role_assignments-0-id": str(viewer.role_assignments.get().pk),
        "role_assignments-0-user": str(viewer.pk),
        "role_assignments-0-role": "viewer",
        "role_assignments-0-org_scope": str(world.orgs["henan_dept"].pk),
        "role_assignments-1-user": str(viewer.pk),
        "role_assignments-1-role": "drc_reviewer",
        "role_assignments-1-division_scope": "410000",
    }
    response = login(root).post(f"/admin/core/user/{viewer.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    viewer.refresh_from_db()
    assert viewer.clearance == 1
    assert RoleAssignment.objects.filter(user=viewer, role="drc_reviewer", division_scope="410000").exists()
    user_entry = AuditEntry.objects.get(object_type="core.user", object_id=str(viewer.pk), action="update")
    assert "password" not in user_entry.after and user_entry.reason == "admin"
    assert AuditEntry.objects.filter(object_type="core.roleassignment", action="create", reason="admin").count() == 1
    assert verify_chain() is None


def test_admin_audit_list_hides_names_recorded_before_classification(world):
    from egovnet.systems import services

    root = world.users["root"]
    system = services.system_create(actor=root, name="水库群联合调度系统", owner=world.orgs["ministry"], mlps_level=3)
    services.system_update(
        actor=root, system=system, expected_version=1, is_classified=True, secrecy_grade="jimi", mlps_level=None
    )
    auditor = login(world.users["auditor"])
    listing = auditor.get("/admin/core/auditentry/").content.decode()
    assert "水库群" not in listing and REDACTED_NAME in listing
    create = AuditEntry.objects.get(object_id=str(system.pk), object_type="systems.applicationsystem", action="create")
    assert "水库群" not in auditor.get(f"/admin/core/auditentry/{create.seq}/change/").content.decode()
    assert "水库群" in login(world.users["admin"]).get(f"/admin/core/auditentry/{create.seq}/change/").content.decode()
