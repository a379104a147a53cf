"""Division filters take a name as typed, not only the 6-digit code a suggestion inserts."""

import pytest
from django.urls import reverse

from egovnet.core.tests.world import build_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    return build_world()


def names(client, user, division):
    client.force_login(user)
    response = client.get(reverse("orgs:organisation_list"), {"division": division})
    return {row[0].text for row in response.context["rows"]}


@pytest.mark.parametrize("typed", ["410000", "410000 河南省", "河南省", "河南"])
def test_a_division_by_code_or_name(client, world, typed):
    shown = names(client, world.admin, typed)
    assert any("河南" in n for n in shown) and not any("湖北" in n or n == "甲部" for n in shown)


def test_an_unknown_or_ambiguous_name_matches_nothing(client, world):
    assert names(client, world.admin, "不存在的地方") == set()
    from egovnet.geo.models import Division

    Division.objects.get_or_create(code="130000", defaults={"name": "河北省", "level": "province",
                                                           "province_code": "130000"})
    assert names(client, world.admin, "河") == set()  # 河南省 and 河北省: the user must pick one
