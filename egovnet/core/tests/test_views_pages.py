"""Every page renders for an authorised user, in 简体中文 and in English, without untranslated labels."""

import pytest
from django.urls import reverse
from django.utils import translation

from egovnet.core.tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def pages(w):
    return [
        reverse("home"),
        reverse("orgs:organisation_list"),
        reverse("orgs:organisation_add"),
        reverse("orgs:organisation_detail", args=[w.ministry_a.pk]),
        reverse("orgs:organisation_edit", args=[w.ministry_a.pk]),
        reverse("orgs:organisation_delete", args=[w.unit_a.pk]),
        reverse("networks:network_list"),
        reverse("networks:network_add"),
        reverse("networks:network_detail", args=[w.net_a.pk]),
        reverse("networks:network_edit", args=[w.net_a.pk]),
        reverse("networks:network_delete", args=[w.net_a.pk]),
        reverse("systems:system_list"),
        reverse("systems:system_add"),
        reverse("systems:system_detail", args=[w.sys_a_jimi.pk]),
        reverse("systems:system_edit", args=[w.sys_a_jimi.pk]),
        reverse("systems:system_delete", args=[w.sys_a.pk]),
        reverse("geo:division_list"),
        reverse("geo:division_detail", args=["410000"]),
        reverse("core:audit_list"),
        reverse("core:user_list"),
        reverse("core:user_detail", args=[w.staff_a.pk]),
    ]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_page_renders(client, world, language):
    client.force_login(world.admin)
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert f'lang="{language}"' in body, url
        assert "[invalid name]" not in body, url
    translation.activate("zh-hans")


def test_english_labels_on_list_page(client, world):
    client.force_login(world.admin)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("systems:system_list")).content.decode()
    assert "Application systems" in body and "secrecy grade" in body and "More filters" in body
    body = client.get(reverse("orgs:organisation_list")).content.decode()
    assert "Government department" in body
    translation.activate("zh-hans")


def test_forbidden_page_explains_in_the_reader_s_language(client, world):
    client.force_login(world.viewer_a)
    response = client.get(reverse("systems:system_add"))
    body = response.content.decode()
    assert response.status_code == 403
    assert "无权访问" in body and "Permission denied" not in body
    assert "您无权新建此类记录" in body
    client.cookies["django_language"] = "en"
    english = client.get(reverse("systems:system_add")).content.decode()
    assert "Permission denied" in english and "无权访问" not in english


def test_server_error_page_needs_no_database(rf, django_assert_num_queries):
    from egovnet.core.views import server_error

    with django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "系统内部错误" in response.content.decode()
