"""Division API: read-only reference data with level / parent / province / valid / q filters."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from egovnet.core.tests.api_factories import build_world

pytestmark = pytest.mark.django_db
URL = "/api/geo/divisions/"


@pytest.fixture
def client():
    world = build_world()
    client = APIClient()
    client.force_authenticate(world.users["nobody"])  # reference data: any signed-in user
    return client


def codes(response) -> list[str]:
    return [row["code"] for row in response.json()["results"]]


def test_list_and_filters(client):
    assert codes(client.get(URL, {"level": "province"})) == ["110000", "410000", "440000"]
    assert codes(client.get(URL, {"parent": "410100"})) == ["410102", "410199"]
    assert codes(client.get(URL, {"province": "410000"})) == ["410000", "410100", "410102", "410199"]
    assert "410199" not in codes(client.get(URL, {"valid": "true", "page_size": 100}))
    assert codes(client.get(URL, {"valid": "false"})) == ["410199"]
    assert codes(client.get(URL, {"q": "郑州"})) == ["410100"]
    assert codes(client.get(URL, {"q": "4401"})) == ["440100"]
    assert codes(client.get(URL, {"ordering": "-code", "page_size": 2})) == ["440100", "440000"]
    assert client.get(URL, {"level": "galaxy"}).status_code == 400


def test_detail_and_read_only(client):
    body = client.get(f"{URL}410102/").json()
    assert body["parent"]["code"] == "410100" and body["is_valid"] is True
    assert client.get(f"{URL}410199/").json()["valid_to"] == "2020-01-01"
    assert client.post(URL, {"code": "999999"}, format="json").status_code == 405
    assert client.delete(f"{URL}410102/").status_code == 405


def test_cursor_pagination(client):
    seen, url = [], URL + "?paging=cursor&page_size=3"
    while url:
        body = client.get(url).json()
        seen += [r["code"] for r in body["results"]]
        url = body["next"]
    assert seen == sorted(seen) and len(seen) == 8
