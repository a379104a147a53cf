"""Network API: list, filters, create / update / delete through the service, bad input."""

from __future__ import annotations

import pytest

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry
from egovnet.core.testing.api import client_for
from egovnet.core.tests.api_factories import build_world
from egovnet.networks.models import Network

pytestmark = pytest.mark.django_db
URL = "/api/networks/networks/"


@pytest.fixture
def world():
    return build_world()


def ids(response) -> set[int]:
    return {row["id"] for row in response.json()["results"]}


def test_list_filters_and_search(world):
    client = client_for(world.users["admin"])
    n = world.networks
    assert ids(client.get(URL, {"level": "provincial"})) == {n["henan_net"].pk, n["guangdong_net"].pk}
    assert ids(client.get(URL, {"division": "410000"})) == {n["henan_net"].pk, n["zhengzhou_net"].pk}
    assert ids(client.get(URL, {"owner": world.orgs["ministry"].pk})) == {n["ministry_net"].pk}
    assert ids(client.get(URL, {"q": "郑州"})) == {n["zhengzhou_net"].pk}
    assert ids(client.get(URL, {"family": "intranet"})) == set()
    assert client.get(URL, {"status": "exploded"}).status_code == 400
    row = client.get(f"{URL}{n['henan_net'].pk}/").json()
    assert row["owner"]["display"] == "河南省水利厅" and row["division"]["code"] == "410000"


def test_create_update_delete(world):
    client = client_for(world.users["department_lead"])
    payload = {
        "name": "水利部视频会议网",
        "family": "dedicated",
        "kind": "vpn_on_extranet",
        "level": "central",
        "owner": world.orgs["ministry"].pk,
        "annual_om_cost_10k_yuan": "120.50",
        "status": "migrating",
    }
    created = client.post(URL, payload, format="json")
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["annual_om_cost_10k_yuan"] == "120.50"
    assert client.patch(f"{URL}{pk}/", {"status": "retired"}, format="json").status_code == 400
    assert client.patch(f"{URL}{pk}/", {"status": "retired", "version": 1}, format="json").json()["version"] == 2
    assert client.patch(f"{URL}{pk}/", {"status": "active", "version": 1}, format="json").status_code == 409
    assert client.delete(f"{URL}{pk}/").status_code == 204
    actions = AuditEntry.objects.filter(object_type="networks.network", object_id=str(pk)).order_by("seq")
    assert list(actions.values_list("action", flat=True)) == ["create", "update", "delete"]
    assert verify_chain() is None


VALID = {"name": "新专网", "family": "dedicated", "kind": "lan", "level": "provincial", "division": "410000"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"family": "darknet"}, "family"),
        ({"kind": "platform"}, "kind"),  # a dedicated network needs a physical kind
        ({"division": "123"}, "division"),
        ({"division": "990000"}, "division"),
        ({"division": 410000.5}, "division"),
        ({"level": "prefecture", "division": None}, "division"),
        ({"annual_om_cost_10k_yuan": "-3"}, "annual_om_cost_10k_yuan"),
        ({"annual_om_cost_10k_yuan": "lots"}, "annual_om_cost_10k_yuan"),
        ({"established_on": "yesterday"}, "established_on"),
        ({"attestation_ref": "x" * 121}, "attestation_ref"),
        ({"operator": 987654}, "operator"),
        ({"owner": "河南省水利厅"}, "owner"),
    ],
)
def test_bad_input(world, change, field):
    data = {**VALID, "owner": world.orgs["henan_dept"].pk, **change}
    before = (Network.objects.count(), AuditEntry.objects.count())
    response = client_for(world.users["admin"]).post(URL, data, format="json")
    assert response.status_code == 400 and field in response.json(), response.json()
    assert (Network.objects.count(), AuditEntry.objects.count()) == before
