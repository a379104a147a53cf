"""Network pages: scope matrix, create/edit through the service, validation, query counts."""

import pytest
from django.urls import reverse

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import JIMI_NAME, build_world
from egovnet.networks.choices import ComponentKind, NetworkFamily, NetworkScope, NetworkStatus
from egovnet.networks.models import Network
from egovnet.orgs.choices import Level

pytestmark = pytest.mark.django_db

LIST = reverse("networks:network_list")
ADD = reverse("networks:network_add")


@pytest.fixture
def world():
    return build_world()


def data_for(owner, **overrides):
    data = {
        "name": "新建专网",
        "family": NetworkFamily.DEDICATED,
        "kind": ComponentKind.LAN,
        "level": Level.CENTRAL,
        "division": "",
        "owner": f"{owner.pk} {owner.name}",
        "operator": "",
        "scope": NetworkScope.NATIONAL,
        "status": NetworkStatus.ACTIVE,
        "built_on": "self_built",
        "established_on": "",
        "annual_om_cost_10k_yuan": "12.50",
        "attestation_ref": "",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_list_scoped(client, world):
    client.force_login(world.staff_a)
    body = client.get(LIST).content.decode()
    assert "甲部业务专网" in body and "乙部业务专网" not in body and "河南省电子政务外网" not in body


@pytest.mark.parametrize(
    ("user", "net", "detail", "edit"),
    [
        ("staff_a", "net_a", 200, 200),  # department_staff: view, add, change networks in scope
        ("viewer_a", "net_a", 200, 403),
        ("staff_b", "net_a", 404, 404),
        ("henan_reviewer", "net_henan", 200, 403),
        ("henan_reviewer", "net_a", 404, 404),
        ("admin", "net_b", 200, 200),
    ],
)
def test_scope_matrix(client, world, user, net, detail, edit):
    client.force_login(getattr(world, user))
    network = getattr(world, net)
    assert client.get(reverse("networks:network_detail", args=[network.pk])).status_code == detail
    assert client.get(reverse("networks:network_edit", args=[network.pk])).status_code == edit


def test_detail_redacts_carried_classified_systems(client, world):
    client.force_login(world.staff_a)
    body = client.get(reverse("networks:network_detail", args=[world.net_a.pk])).content.decode()
    assert JIMI_NAME not in body and "涉密系统，名称不予显示" in body
    client.force_login(world.cleared_staff_a)
    assert JIMI_NAME in client.get(reverse("networks:network_detail", args=[world.net_a.pk])).content.decode()


def test_create_in_scope(client, world):
    client.force_login(world.staff_a)
    response = client.post(ADD, data_for(world.ministry_a))
    assert response.status_code == 302, response.context["form"].errors
    network = Network.objects.get(name="新建专网")
    assert network.owner == world.ministry_a and str(network.annual_om_cost_10k_yuan) == "12.50"


def test_create_for_out_of_scope_owner_is_a_field_error(client, world):
    client.force_login(world.staff_a)
    response = client.post(ADD, data_for(world.ministry_b))
    assert response.status_code == 400
    assert "owner" in response.context["form"].errors
    assert not Network.objects.filter(name="新建专网").exists()


def test_viewer_cannot_open_create_form(client, world):
    client.force_login(world.viewer_a)
    assert client.get(ADD).status_code == 403
    assert ADD not in client.get(LIST).content.decode()


def test_model_rules_become_form_errors(client, world):
    client.force_login(world.staff_a)
    response = client.post(ADD, data_for(world.ministry_a, kind=ComponentKind.PLATFORM, annual_om_cost_10k_yuan="abc"))
    assert response.status_code == 400
    assert "annual_om_cost_10k_yuan" in response.context["form"].errors
    response = client.post(ADD, data_for(world.ministry_a, kind=ComponentKind.PLATFORM))
    assert response.status_code == 400
    assert "kind" in response.context["form"].errors
    response = client.post(ADD, data_for(world.ministry_a, level=Level.PROVINCIAL))
    assert "division" in response.context["form"].errors
    assert not Network.objects.filter(name="新建专网").exists()


def test_edit_with_stale_version(client, world):
    client.force_login(world.staff_a)
    url = reverse("networks:network_edit", args=[world.net_a.pk])
    data = data_for(
        world.ministry_a, name="甲部专网（改）", kind=ComponentKind.WAN_BACKBONE, version=world.net_a.version
    )
    Network.objects.filter(pk=world.net_a.pk).update(version=5)
    response = client.post(url, data)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    world.net_a.refresh_from_db()
    assert world.net_a.name == "甲部业务专网"
    response = client.post(url, {**data, "version": 5})
    assert response.status_code == 302
    world.net_a.refresh_from_db()
    assert world.net_a.name == "甲部专网（改）" and world.net_a.version == 6


def test_filters_by_family_and_status(client, world):
    client.force_login(world.admin)
    rows = client.get(LIST + "?family=extranet").context["rows"]
    assert [r[0].text for r in rows] == ["河南省电子政务外网"]
    assert client.get(LIST + "?status=retired").context["rows"] == []


def test_list_queries_do_not_grow_with_page_size(client, world, django_assert_max_num_queries):
    for i in range(80):
        f.make_network(f"批量网络{i:03}", owner=world.ministry_a, operator=world.unit_a)
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(8) as small:
        client.get(LIST + "?page_size=5")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(LIST + "?page_size=200").context["rows"]) == 81


def test_dedicated_network_lookup_scoped(client, world):
    client.force_login(world.staff_a)
    body = client.get(reverse("networks:network_lookup"), {"field": "x", "x": "专网"}).content.decode()
    assert "甲部业务专网" in body and "乙部业务专网" not in body
