"""API: POST /api/policy/check/ and GET /api/policy/rules/ (authenticated only)."""

from __future__ import annotations

import pytest
import yaml

from egovnet.policy.tests.helpers import base, drop_docs

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(client, django_user_model):
    user = django_user_model.objects.create_user(username="checker", password="x-Very-Long-Pass-1")
    client.force_login(user)
    return client


def test_anonymous_refused(client):
    assert client.post("/api/policy/check/", base(), content_type="application/json").status_code in (401, 403)
    assert client.get("/api/policy/rules/").status_code in (401, 403)


def test_check_json_blocked(api):
    r = api.post("/api/policy/check/", drop_docs(base(), "cert"), content_type="application/json")
    assert r.status_code == 200
    body = r.json()
    assert body["gate"]["can_advance"] is False and body["gate"]["blocking"] == ["R-9.2"]


def test_check_yaml_ok(api):
    r = api.post("/api/policy/check/", yaml.safe_dump(base(), allow_unicode=True), content_type="application/yaml")
    assert r.status_code == 200 and r.json()["gate"]["can_advance"] is True


def test_check_invalid_names_field(api):
    d = base()
    d["applications"][1]["mlps_level"] = 0
    r = api.post("/api/policy/check/", d, content_type="application/json")
    assert r.status_code == 400
    assert r.json()["errors"][0]["path"] == "applications[1].mlps_level"


def test_check_unknown_gate(api):
    r = api.post("/api/policy/check/?gate=G-NOPE", base(), content_type="application/json")
    assert r.status_code == 400 and r.json()["errors"][0]["path"] == "gate"


def test_rules_catalogue(api):
    r = api.get("/api/policy/rules/?pack=ndrc-2012-1986")
    assert r.status_code == 200
    rules = r.json()[0]["rules"]
    assert len(rules) == 54 and {x["article"] for x in rules} == set(range(1, 13))
    assert api.get("/api/policy/rules/?pack=nope").status_code == 404
