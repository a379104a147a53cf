"""The systems picker: suggestions within the reader's scope, never a name above the reader's clearance."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from egovnet.core.tests.world import JIMI_NAME, SECRET_NAME, build_world

pytestmark = pytest.mark.django_db

LOOKUP = reverse("systems:system_lookup")


@pytest.fixture
def world():
    return build_world()


def suggest(client, user, term, **params):
    client.force_login(user)
    return client.get(LOOKUP, {"q": term, **params}).content.decode()


def test_suggests_systems_in_scope_by_name_or_id(client, world):
    body = suggest(client, world.staff_a, "公开")
    assert f'value="{world.sys_a.pk} 甲部公开服务系统"' in body
    assert "乙部业务系统" not in suggest(client, world.staff_a, "业务系统")  # another ministry: out of scope
    assert "甲部公开服务系统" in suggest(client, world.staff_a, str(world.sys_a.pk))


def test_never_offers_or_matches_a_name_above_the_clearance(client, world):
    assert "内部测试系统" not in suggest(client, world.staff_a, "内部测试")  # no clearance: neither system
    assert suggest(client, world.staff_a, str(world.sys_a_mimi.pk)).strip() == ""  # not even by id
    cleared = suggest(client, world.mimi_staff_a, "内部测试")
    assert SECRET_NAME in cleared and JIMI_NAME not in cleared  # 秘密 cleared, 机密 not


def test_owner_narrows_to_that_department_and_queries_are_bounded(client, world):
    assert "甲部公开服务系统" not in suggest(client, world.admin, "系统", owner=world.ministry_b.pk)
    assert "乙部业务系统" in suggest(client, world.admin, "系统", owner=world.ministry_b.pk)
    assert suggest(client, world.staff_a, "系统", owner=world.ministry_b.pk).strip() == ""  # owner out of scope
    client.force_login(world.admin)
    with CaptureQueriesContext(connection) as ctx:
        client.get(LOOKUP, {"q": "系统"})
    assert len(ctx.captured_queries) <= 6, [q["sql"][:120] for q in ctx.captured_queries]
