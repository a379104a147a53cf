"""The UI shell: login, navigation by role, language switch, error pages, dashboard counts."""

import pytest
from django.urls import reverse

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import JIMI_NAME, SECRET_NAME, build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def test_anonymous_is_sent_to_login(client):
    response = client.get("/")
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_login_page_renders_in_chinese(client):
    response = client.get(reverse("login"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "登录" in body
    assert "国家电子政务网络管理平台" in body
    assert "htmx-2.0.11.min.js" in body and "//cdn" not in body


def test_login_with_password(client, world):
    response = client.post(reverse("login"), {"username": "staff-a", "password": f.PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200


def test_dashboard_shows_scope_roles_and_nav(client, world):
    client.force_login(world.staff_a)
    body = client.get("/").content.decode()
    assert "仪表盘" in body
    assert "部门工作人员" in body  # the role label in the top bar
    assert reverse("orgs:organisation_list") in body
    assert reverse("core:audit_list") not in body  # admin-only navigation is hidden


def test_admin_navigation_shows_audit_and_users(client, world):
    client.force_login(world.admin)
    body = client.get("/").content.decode()
    assert reverse("core:audit_list") in body
    assert reverse("core:user_list") in body


def test_language_switch_renders_english(client, world):
    client.force_login(world.staff_a)
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert "Dashboard" in body
    assert "National E-Government Network Platform" in body
    assert 'lang="en"' in body


def test_demo_banner_only_in_demo_mode(client, world, settings):
    client.force_login(world.staff_a)
    assert "demo-banner" not in client.get("/").content.decode()
    settings.MODE = "demo"
    assert "demo-banner" in client.get("/").content.decode()


def test_not_found_page_is_clear(client, world):
    client.force_login(world.staff_a)
    response = client.get("/orgs/999999/")
    assert response.status_code == 404
    assert "不在您的管辖范围内" in response.content.decode()


def test_dashboard_counts_are_scoped_and_redacted(client, world):
    client.force_login(world.staff_a)  # no clearance, ministry A only
    response = client.get("/")
    ctx = response.context
    assert ctx["orgs_total"] == 2  # 甲部 and its unit
    labels = {t.label: t.count for t in ctx["systems_by_classification"]}
    assert labels["非涉密"] == 1
    assert labels["涉密（密级不予显示）"] == 2
    assert not any("秘密" in k or "机密" in k for k in labels if k != "涉密（密级不予显示）")
    body = response.content.decode()
    assert SECRET_NAME not in body and JIMI_NAME not in body


def test_dashboard_counts_grades_for_cleared_reader(client, world):
    client.force_login(world.mimi_staff_a)  # 秘密 clearance: sees 秘密, not 机密
    labels = {t.label: t.count for t in client.get("/").context["systems_by_classification"]}
    assert labels["秘密"] == 1
    assert labels["涉密（密级不予显示）"] == 1


def test_dashboard_query_count_is_constant(client, world, django_assert_max_num_queries):
    client.force_login(world.admin)
    with django_assert_max_num_queries(18):  # the counts, plus the attention cards (a few COUNTs per app)
        client.get("/")


def test_login_page_lists_demo_logins_only_in_demo_mode(client, settings):
    settings.MODE = "demo"
    f.divisions()
    body = client.get(reverse("login")).content.decode()
    assert "演示账号" in body
    settings.MODE = "test"
    assert "演示账号" not in client.get(reverse("login")).content.decode()
