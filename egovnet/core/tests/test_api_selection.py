"""``?brief=1`` and ``?fields=`` on list and detail reads; redaction applies to every selected field."""

from __future__ import annotations

import pytest

from egovnet.core.testing.api import client_for
from egovnet.core.tests.api_factories import build_world
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db
SYSTEMS = "/api/systems/systems/"
ORGS = "/api/orgs/organisations/"
HIDDEN_NAMES = ("防汛指挥秘密系统", "水利工程机密调度系统")


@pytest.fixture
def world():
    return build_world()


def test_fields_keeps_only_the_named_fields_in_serializer_order(world):
    client = client_for(world.users["admin"])
    rows = client.get(ORGS, {"fields": "name,id"}).json()["results"]
    assert rows and all(list(row) == ["id", "name"] for row in rows)
    detail = client.get(f"{ORGS}{world.orgs['ministry'].pk}/", {"fields": "display,division"}).json()
    assert list(detail) == ["display", "division"] and detail["division"]["code"] == "110000"


def test_brief_uses_the_brief_serializer(world):
    client = client_for(world.users["admin"])
    full = client.get(ORGS).json()["results"][0]
    brief = client.get(ORGS, {"brief": "1"}).json()["results"][0]
    assert list(brief) == ["id", "url", "display", "level"]
    assert {k: full[k] for k in brief} == brief
    assert list(client.get(ORGS, {"brief": "true", "fields": "id"}).json()["results"][0]) == ["id"]


def test_brief_without_a_brief_serializer_keeps_the_identifying_fields(world):
    row = client_for(world.users["admin"]).get("/api/geo/divisions/", {"brief": "1"}).json()["results"][0]
    assert list(row) == ["code", "url", "name"]


@pytest.mark.parametrize("fields", ["nope", "id,nope", ",", "url,secret_name"])
def test_unknown_or_empty_fields_are_a_400_naming_the_valid_ones(world, fields):
    response = client_for(world.users["admin"]).get(ORGS, {"fields": fields})
    assert response.status_code == 400
    message = response.json()["fields"][0]
    assert "valid fields: id, url, display, name" in message and "可选" in message


@pytest.mark.parametrize(
    "params",
    [
        {"fields": "id,name,display,secrecy_grade,secrecy_ref,redacted"},
        {"fields": "id,name", "brief": "1"},
        {"brief": "1"},
    ],
)
def test_fields_never_reveal_a_redacted_field(world, params):
    client = client_for(world.users["department_staff"])
    hidden = world.systems["ministry_mimi"].pk
    response = client.get(SYSTEMS, params)
    body = response.content.decode()
    assert response.status_code == 200
    assert not any(name in body for name in HIDDEN_NAMES) and "保密局" not in body and "mimi" not in body
    row = next(r for r in response.json()["results"] if r["id"] == hidden)
    assert row["name"] == REDACTED_NAME
    assert row.get("redacted", True) is True and row.get("secrecy_grade") is None and row.get("secrecy_ref") is None
    detail = client.get(f"{SYSTEMS}{hidden}/", {**params, "fields": "name,redacted"}).json()
    assert detail == {"name": REDACTED_NAME, "redacted": True}


def test_fields_are_ignored_on_writes(world):
    client = client_for(world.users["admin"])
    created = client.post(
        f"{ORGS}?fields=id",
        {"name": "新单位", "kind": "government_department", "level": "central", "division": "110000"},
        format="json",
    )
    assert created.status_code == 201, created.content
    assert {"id", "name", "url", "version"} <= set(created.json())


def test_schema_documents_brief_and_fields_on_reads_only():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    names = {
        method: [p["name"] for p in schema["paths"]["/api/orgs/organisations/"][method].get("parameters", [])]
        for method in ("get", "post")
    }
    assert {"brief", "fields"} <= set(names["get"]) and not {"brief", "fields"} & set(names["post"])
    detail = [p["name"] for p in schema["paths"]["/api/orgs/organisations/{id}/"]["get"]["parameters"]]
    assert {"brief", "fields"} <= set(detail)
    assert "required" not in schema["components"]["schemas"]["Organisation"]
