"""Division pages: read-only list with level/province filters, detail with children and name history."""

import datetime as dt

import pytest
from django.urls import reverse

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import build_world

pytestmark = pytest.mark.django_db

LIST = reverse("geo:division_list")


@pytest.fixture
def world():
    return build_world()


def codes(response):
    return [row[0].text for row in response.context["rows"]]


def test_list_filters_by_level_and_province(client, world):
    client.force_login(world.nobody)  # reference data: any signed-in user may read it
    assert codes(client.get(LIST, {"level": "province"})) == ["110000", "410000", "420000"]
    assert codes(client.get(LIST, {"province": "410000"})) == ["410000", "410100", "410102"]
    assert codes(client.get(LIST, {"q": "郑州"})) == ["410100"]
    assert reverse("geo:division_detail", args=["410000"]) in client.get(LIST).content.decode()


def test_list_has_no_add_button(client, world):
    client.force_login(world.admin)
    assert "/add/" not in client.get(LIST).content.decode()


def test_detail_shows_children_validity_and_history(client, world):
    d = world.div["410100"]
    d.name_history = [{"name": "郑州地区", "until": "1990-01-01"}]
    d.save()
    f.make_division("410199", "旧区", "county", "410100", valid_to=dt.date(2020, 1, 1))
    client.force_login(world.staff_a)
    response = client.get(reverse("geo:division_detail", args=["410100"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "中原区" in body and "旧区" in body and "已失效" in body
    assert "郑州地区" in body and "1990-01-01" in body
    assert "河南省" in body  # breadcrumb ancestor
    old = client.get(reverse("geo:division_detail", args=["410199"])).content.decode()
    assert "2020" in old and "失效" in old


def test_unknown_division_is_404(client, world):
    client.force_login(world.staff_a)
    assert client.get(reverse("geo:division_detail", args=["999999"])).status_code == 404


def test_lookup_by_code_prefix_and_name(client, world):
    client.force_login(world.staff_a)
    url = reverse("geo:division_lookup")
    body = client.get(url, {"field": "division", "division": "4101"}).content.decode()
    assert "410100 郑州市" in body and "410102 中原区" in body and "420100" not in body
    body = client.get(url, {"field": "division", "division": "江岸"}).content.decode()
    assert "420102 江岸区" in body
    body = client.get(url, {"field": "division", "division": "4101", "plain": "1"}).content.decode()
    assert 'value="410100"' in body


def test_list_queries_constant(client, world, django_assert_max_num_queries):
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(9) as small:
        client.get(LIST + "?page_size=2")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(LIST + "?page_size=200")
