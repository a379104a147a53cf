"""Audit log and users pages: who may read them, filters, diff, redaction of classified names."""

import pytest
from django.urls import reverse

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import JIMI_NAME, build_world
from egovnet.orgs.services import organisation_update
from egovnet.systems.choices import SecrecyGrade
from egovnet.systems.services import system_create, system_update

pytestmark = pytest.mark.django_db

AUDIT = reverse("core:audit_list")
USERS = reverse("core:user_list")


@pytest.fixture
def world():
    w = build_world()
    w.secret = system_create(
        actor=w.admin,
        owner=w.ministry_a,
        name="绝不能泄露的机密系统",
        is_classified=True,
        secrecy_grade=SecrecyGrade.JIMI,
    )
    w.public = system_create(actor=w.admin, owner=w.ministry_a, name="后来定密的系统", mlps_level=2)
    w.public = system_update(
        actor=w.admin,
        system=w.public,
        expected_version=1,
        is_classified=True,
        secrecy_grade=SecrecyGrade.MIMI,
        mlps_level=None,
    )
    organisation_update(actor=w.admin, organisation=w.unit_a, expected_version=1, name="甲部数据中心")
    return w


@pytest.mark.parametrize(
    ("user", "status"), [("auditor", 200), ("admin", 200), ("staff_a", 403), ("lead_a", 403), ("henan_reviewer", 403)]
)
def test_audit_access(client, world, user, status):
    client.force_login(getattr(world, user))
    assert client.get(AUDIT).status_code == status


def test_audit_redacts_names_above_clearance(client, world):
    client.force_login(world.auditor)  # no clearance
    body = client.get(AUDIT).content.decode()
    assert "绝不能泄露的机密系统" not in body
    assert "后来定密的系统" not in body  # classified later: its earlier entries are redacted too
    assert "甲部数据中心" in body and "甲部信息中心" in body  # ordinary diffs are shown
    assert "已脱密处理" in body


def test_audit_shows_names_to_cleared_reader(client, world):
    client.force_login(world.admin)  # 机密 clearance
    body = client.get(AUDIT).content.decode()
    assert "绝不能泄露的机密系统" in body


def test_audit_filters(client, world):
    client.force_login(world.auditor)
    entries = client.get(AUDIT, {"object_type": "orgs.organisation"}).context["entries"]
    assert [e.entry.object_id for e in entries] == [str(world.unit_a.pk)]
    assert client.get(AUDIT, {"action": "update", "actor": "ui-admin"}).context["page"].paginator.count == 2
    assert client.get(AUDIT, {"actor": "nobody"}).context["page"].paginator.count == 0


def test_audit_page_queries_constant(client, world, django_assert_max_num_queries):
    for i in range(30):
        system_create(actor=world.admin, owner=world.ministry_a, name=f"系统{i}", mlps_level=1)
    client.force_login(world.auditor)
    with django_assert_max_num_queries(8):
        client.get(AUDIT)


def test_users_page_for_admins_only(client, world):
    client.force_login(world.staff_a)
    assert client.get(USERS).status_code == 403
    client.force_login(world.admin)
    body = client.get(USERS).content.decode()
    assert "staff-a" in body and "部门工作人员" in body
    detail = client.get(reverse("core:user_detail", args=[world.staff_a.pk]))
    assert detail.status_code == 200 and "甲部" in detail.content.decode()


def test_scoped_admin_sees_only_users_of_scope(client, world):
    from egovnet.core.choices import Role

    scoped = f.make_user("admin-a", role=Role.ADMIN, org_scope=world.ministry_a)
    client.force_login(scoped)
    body = client.get(USERS).content.decode()
    assert "staff-a" in body and "staff-b" not in body
    assert client.get(reverse("core:user_detail", args=[world.staff_b.pk])).status_code == 404


def test_users_page_queries_constant(client, world, django_assert_max_num_queries):
    client.force_login(world.admin)
    with django_assert_max_num_queries(8):
        client.get(USERS)


def test_jimi_name_not_in_dashboard_for_auditor(client, world):
    client.force_login(world.auditor)
    assert JIMI_NAME not in client.get("/").content.decode()


def test_detail_pages_link_history_for_auditors_only(client, world):
    client.force_login(world.auditor)
    body = client.get(reverse("orgs:organisation_detail", args=[world.unit_a.pk])).content.decode()
    assert f"object_type=orgs.organisation&amp;object_id={world.unit_a.pk}" in body
    client.force_login(world.lead_a)
    body = client.get(reverse("orgs:organisation_detail", args=[world.unit_a.pk])).content.decode()
    assert "object_type=" not in body


def test_scoped_auditor_sees_only_entries_in_scope(client, world):
    from egovnet.core.choices import Role

    scoped = f.make_user("auditor-a", role=Role.AUDITOR, org_scope=world.ministry_a)
    organisation_update(actor=world.admin, organisation=world.ministry_b, expected_version=1, name="乙部（改）")
    client.force_login(scoped)
    response = client.get(AUDIT)
    assert response.status_code == 200
    types_ids = {(e.entry.object_type, e.entry.object_id) for e in response.context["entries"]}
    assert ("orgs.organisation", str(world.unit_a.pk)) in types_ids
    assert ("orgs.organisation", str(world.ministry_b.pk)) not in types_ids
    assert "乙部（改）" not in response.content.decode()
    client.force_login(world.auditor)
    assert "乙部（改）" in client.get(AUDIT).content.decode()
