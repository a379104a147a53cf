"""Organisation API: list, filter, search, ordering, pagination, create, update, delete, bad input."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry
from egovnet.core.testing.api import client_for
from egovnet.core.tests.api_factories import build_world
from egovnet.orgs.models import Organisation

pytestmark = pytest.mark.django_db
URL = "/api/orgs/organisations/"


@pytest.fixture
def world():
    return build_world()


def names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_anonymous_is_refused(world):
    assert APIClient().get(URL).status_code in (401, 403)


def test_list_is_scoped_and_ordered_by_name(world):
    response = client_for(world.users["department_staff"]).get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert names(response) == sorted(["水利部", "水利部信息中心"])
    row = body["results"][0]
    assert set(row) >= {"id", "url", "display", "division", "parent", "version", "kind", "level"}
    assert row["division"]["code"] == "110000"


def test_provincial_drc_sees_province_but_not_central_ministries(world):
    response = client_for(world.users["drc_reviewer"]).get(URL, {"page_size": 100})
    assert set(names(response)) == {"河南省发展和改革委员会", "河南省水利厅", "郑州市水利局"}


def test_filter_search_and_division_subtree(world):
    client = client_for(world.users["admin"])
    assert set(names(client.get(URL, {"level": "central"}))) == {"水利部", "水利部信息中心", "交通运输部"}
    assert set(names(client.get(URL, {"q": "水利厅"}))) == {"河南省水利厅", "广东省水利厅"}
    assert set(names(client.get(URL, {"division": "410000"}))) == {
        "河南省发展和改革委员会",
        "河南省水利厅",
        "郑州市水利局",
    }
    assert names(client.get(URL, {"parent": world.orgs["ministry"].pk})) == ["水利部信息中心"]
    assert client.get(URL, {"kind": "no_such_kind"}).status_code == 400


def test_ordering_whitelist(world):
    client = client_for(world.users["admin"])
    ids = [r["id"] for r in client.get(URL, {"ordering": "-id"}).json()["results"]]
    assert ids == sorted(ids, reverse=True)
    created = [r["id"] for r in client.get(URL, {"ordering": "-created"}).json()["results"]]
    assert created == ids
    # A field outside the whitelist is ignored (default order), never used to sort.
    default = names(client.get(URL))
    assert names(client.get(URL, {"ordering": "notes"})) == default


def test_page_and_cursor_pagination(world):
    client = client_for(world.users["admin"])
    page1 = client.get(URL, {"page_size": 3}).json()
    assert page1["count"] == 7 and len(page1["results"]) == 3 and page1["next"]
    page3 = client.get(URL, {"page_size": 3, "page": 3}).json()
    assert len(page3["results"]) == 1
    seen, url = [], URL + "?paging=cursor&page_size=3&ordering=id"
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [r["id"] for r in body["results"]]
        url = body["next"]
    assert seen == sorted(Organisation.objects.values_list("id", flat=True))


def test_create_goes_through_service_and_audit(world):
    lead = world.users["department_lead"]
    before = AuditEntry.objects.count()
    response = client_for(lead).post(
        URL,
        {
            "name": "水利部水文司",
            "kind": "government_department",
            "level": "central",
            "division": "110000",
            "parent": world.orgs["ministry"].pk,
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["version"] == 1 and body["parent"]["id"] == world.orgs["ministry"].pk
    org = Organisation.objects.get(pk=body["id"])
    assert org.path == f"{world.orgs['ministry'].path}{org.pk}/"
    entry = AuditEntry.objects.order_by("-seq").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.object_id, entry.actor_id, entry.reason) == ("create", str(org.pk), lead.pk, "api")
    assert verify_chain() is None


def test_update_requires_version_and_detects_stale(world):
    client = client_for(world.users["admin"])
    org = world.orgs["henan_dept"]
    url = f"{URL}{org.pk}/"
    missing = client.patch(url, {"short_name": "豫水利"}, format="json")
    assert missing.status_code == 400 and "version" in missing.json()
    ok = client.patch(url, {"short_name": "豫水利", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2 and ok.json()["short_name"] == "豫水利"
    stale = client.patch(url, {"short_name": "河南水利", "version": 1}, format="json")
    assert stale.status_code == 409
    assert "已被他人修改" in stale.json()["detail"] and "changed by someone else" in stale.json()["detail"]
    via_header = client.patch(url, {"short_name": "河南水利"}, format="json", HTTP_IF_MATCH='W/"2"')
    assert via_header.status_code == 200 and via_header.json()["version"] == 3
    full = client.put(
        url,
        {
            "name": "河南省水利厅",
            "kind": "government_department",
            "level": "provincial",
            "division": "410000",
            "version": 3,
        },
        format="json",
    )
    assert full.status_code == 200, full.json()
    org.refresh_from_db()
    assert org.version == 4 and org.short_name == ""
    updates = AuditEntry.objects.filter(object_type="orgs.organisation", object_id=str(org.pk), action="update")
    assert updates.count() == 3 and set(updates.values_list("reason", flat=True)) == {"api"}
    assert verify_chain() is None


def test_delete_audited_and_in_use_is_409(world):
    client = client_for(world.users["admin"])
    leaf = world.orgs["ministry_unit"]
    assert client.delete(f"{URL}{leaf.pk}/").status_code == 204
    assert not Organisation.objects.filter(pk=leaf.pk).exists()
    assert AuditEntry.objects.filter(action="delete", object_id=str(leaf.pk), reason="api").exists()
    in_use = client.delete(f"{URL}{world.orgs['henan_dept'].pk}/")
    assert in_use.status_code == 409 and "referenced" in in_use.json()["detail"]
    assert Organisation.objects.filter(pk=world.orgs["henan_dept"].pk).exists()
    assert verify_chain() is None


VALID = {"name": "新单位", "kind": "government_department", "level": "provincial", "division": "410000"}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"division": "999999"}, "division"),
        ({"division": "41"}, "division"),
        ({"division": "410199", "level": "county"}, "division"),  # invalidated code
        ({"division": "410100"}, "division"),  # wrong level for a provincial organisation
        ({"kind": "ministry_of_magic"}, "kind"),
        ({"level": "township"}, "level"),
        ({"name": "长" * 201}, "name"),
        ({"name": ["a list"]}, "name"),
        ({"in_beijing": "perhaps"}, "in_beijing"),
        ({"parent": "abc"}, "parent"),
        ({"parent": 987654}, "parent"),
    ],
)
def test_create_bad_input_names_the_field(world, change, field):
    before = (Organisation.objects.count(), AuditEntry.objects.count())
    response = client_for(world.users["admin"]).post(URL, {**VALID, **change}, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json(), response.json()
    assert (Organisation.objects.count(), AuditEntry.objects.count()) == before


def test_parent_cycle_is_400_and_nothing_written(world):
    client = client_for(world.users["admin"])
    ministry, unit = world.orgs["ministry"], world.orgs["ministry_unit"]
    before = AuditEntry.objects.count()
    response = client.patch(f"{URL}{ministry.pk}/", {"parent": unit.pk, "version": 1}, format="json")
    assert response.status_code == 400 and "parent" in response.json()
    ministry.refresh_from_db()
    assert ministry.parent_id is None and ministry.version == 1 and AuditEntry.objects.count() == before


def test_reference_outside_scope_is_not_resolved(world):
    lead = world.users["department_lead"]
    response = client_for(lead).post(URL, {**VALID, "parent": world.orgs["guangdong_dept"].pk}, format="json")
    assert response.status_code == 400 and "parent" in response.json()


def test_non_object_body_is_400(world):
    client = client_for(world.users["admin"])
    response = client.post(URL, [VALID], format="json")
    assert response.status_code == 400 and "non_field_errors" in response.json()
    org = world.orgs["henan_dept"]
    response = client.patch(f"{URL}{org.pk}/", ["x"], format="json", HTTP_IF_MATCH="1")
    assert response.status_code == 400
    assert client.patch(f"{URL}{org.pk}/", {"version": "abc"}, format="json").status_code == 400
    assert client.patch(f"{URL}{org.pk}/", {"version": True}, format="json").status_code == 400


def test_detail_carries_etag_and_options_head_work(world):
    client = client_for(world.users["admin"])
    org = world.orgs["henan_dept"]
    response = client.get(f"{URL}{org.pk}/")
    assert response["ETag"] == '"1"'
    updated = client.patch(f"{URL}{org.pk}/", {"notes": "n"}, format="json", HTTP_IF_MATCH=response["ETag"])
    assert updated.status_code == 200 and updated["ETag"] == '"2"'
    assert "ETag" not in client.get(URL)
    assert client.options(URL).status_code == 200
    assert client.head(URL).status_code == 200
