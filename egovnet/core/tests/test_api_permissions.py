"""Permission matrix of the registry API: role × in-scope / out-of-scope × action, for orgs, networks, systems.

The expected grants are written out here as the policy (not read back from roles.yaml), so a change
to roles.yaml that widens or narrows a role fails this test until the policy table is updated too.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry
from egovnet.core.tests.api_factories import shared_world_fixture

pytestmark = pytest.mark.django_db

URLS = {
    "orgs": "/api/orgs/organisations/",
    "networks": "/api/networks/networks/",
    "systems": "/api/systems/systems/",
}

# Actions each role may perform on each registry (inside its scope).
GRANTS = {
    "department_staff": {"orgs": {"view"}, "networks": {"view", "add", "change"}, "systems": {"view", "add", "change"}},
    "department_lead": {
        "orgs": {"view", "add", "change"},
        "networks": {"view", "add", "change", "delete"},
        "systems": {"view", "add", "change", "delete"},
    },
    "drc_reviewer": {"orgs": {"view"}, "networks": {"view"}, "systems": {"view"}},
    "viewer": {"orgs": {"view"}, "networks": {"view"}, "systems": {"view"}},
    "auditor": {"orgs": {"view"}, "networks": {"view"}, "systems": {"view"}},
    "admin": {r: {"view", "add", "change", "delete"} for r in URLS},
}

# (in-scope target, out-of-scope target or None for national roles)
TARGETS = {
    "orgs": {
        "department_staff": ("ministry_unit", "guangdong_dept"),  # a ministry's staff: the ministry and its units
        "department_lead": ("ministry_unit", "guangdong_dept"),
        "drc_reviewer": ("zhengzhou_dept", "ministry"),  # Henan DRC: Henan's local orgs, never central ministries
        "viewer": ("henan_dept", "zhengzhou_dept"),
        "auditor": ("ministry_unit", None),
        "admin": ("ministry_unit", None),
    },
    "networks": {
        "department_staff": ("ministry_net", "guangdong_net"),
        "department_lead": ("ministry_net", "henan_net"),
        "drc_reviewer": ("henan_net", "ministry_net"),
        "viewer": ("henan_net", "zhengzhou_net"),
        "auditor": ("guangdong_net", None),
        "admin": ("zhengzhou_net", None),
    },
    "systems": {
        "department_staff": ("ministry_sys", "guangdong_sys"),
        "department_lead": ("ministry_sys", "zhengzhou_sys"),
        "drc_reviewer": ("henan_sys", "ministry_sys"),
        "viewer": ("henan_sys", "zhengzhou_sys"),
        "auditor": ("guangdong_sys", None),
        "admin": ("zhengzhou_sys", None),
    },
}

SUCCESS = {"view": 200, "change": 200, "delete": 204, "add": 201}
ACTIONS = ["view", "change", "delete", "add"]
CASES = [
    (registry, role, scope, action)
    for registry in URLS
    for role in GRANTS
    for scope in ("in", "out")
    for action in ACTIONS
    if not (scope == "out" and TARGETS[registry][role][1] is None)
]


shared_world = shared_world_fixture()


@pytest.fixture
def world(shared_world, db):
    return shared_world


def target(world, registry: str, key: str):
    return {"orgs": world.orgs, "networks": world.networks, "systems": world.systems}[registry][key]


def owner_of(registry: str, obj):
    return obj if registry == "orgs" else obj.owner


def add_payload(registry: str, obj) -> dict:
    org = owner_of(registry, obj)
    if registry == "orgs":
        return {
            "name": "新设处室",
            "kind": "government_department",
            "level": org.level,
            "division": org.division_id,
            "parent": org.pk,
        }
    if registry == "networks":
        return {
            "name": "新建专网",
            "family": "dedicated",
            "kind": "lan",
            "level": org.level,
            "division": None if org.level == "central" else org.division_id,
            "owner": org.pk,
        }
    return {"name": "新建业务系统", "owner": org.pk, "mlps_level": 2}


CHANGE = {"orgs": {"short_name": "简称"}, "networks": {"notes": "已核对"}, "systems": {"bandwidth_mbps": 100}}


def perform(client: APIClient, registry: str, action: str, obj):
    url = URLS[registry]
    if action == "view":
        return client.get(f"{url}{obj.pk}/")
    if action == "change":
        return client.patch(f"{url}{obj.pk}/", {**CHANGE[registry], "version": obj.version}, format="json")
    if action == "delete":
        return client.delete(f"{url}{obj.pk}/")
    return client.post(url, add_payload(registry, obj), format="json")


@pytest.mark.parametrize(("registry", "role", "scope", "action"), CASES)
def test_permission_matrix(world, registry, role, scope, action):
    user = world.users[role]
    in_key, out_key = TARGETS[registry][role]
    obj = target(world, registry, in_key if scope == "in" else out_key)
    client = APIClient()
    client.force_authenticate(user)
    seq_before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()

    response = perform(client, registry, action, obj)

    if scope == "out":
        # Outside the scope the object does not exist for this user; a reference to it does not resolve.
        expected = 400 if action == "add" else 404
    else:
        expected = SUCCESS[action] if action in GRANTS[role][registry] else 403
    assert response.status_code == expected, (response.status_code, getattr(response, "data", None))
    wrote = AuditEntry.objects.filter(seq__gt=seq_before)
    if expected in (201, 204) or (expected == 200 and action == "change"):
        entry = wrote.get()
        assert entry.actor_id == user.pk and entry.reason == "api"
        assert entry.action == {"add": "create", "change": "update", "delete": "delete"}[action]
        assert verify_chain() is None
    else:
        assert not wrote.exists()


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("department_staff", {"水利部", "水利部信息中心"}),
        ("drc_reviewer", {"河南省发展和改革委员会", "河南省水利厅", "郑州市水利局"}),
        ("viewer", {"河南省水利厅"}),
        ("nobody", set()),
    ],
)
def test_org_list_scope(world, role, expected):
    client = APIClient()
    client.force_authenticate(world.users[role])
    rows = client.get(URLS["orgs"], {"page_size": 100}).json()["results"]
    assert {r["name"] for r in rows} == expected


def test_lists_of_a_user_without_roles_are_empty(world):
    client = APIClient()
    client.force_authenticate(world.users["nobody"])
    for url in URLS.values():
        assert client.get(url).json()["count"] == 0
    assert client.get("/api/geo/divisions/").json()["count"] == len(world.divisions)


REFERENCE_LISTS = {"/api/geo/divisions/"}  # reference data: every signed-in user reads it all
OWNED_PREFIXES = ("/api/core/", "/api/geo/", "/api/orgs/", "/api/networks/", "/api/systems/")


def list_endpoints() -> list[str]:
    """Every list route of the registry apps, found from the URLconf (so a new endpoint is covered)."""
    from django.urls import get_resolver
    from django.urls.resolvers import URLResolver

    found = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = prefix + str(p.pattern).lstrip("^").rstrip("$")
            if isinstance(p, URLResolver):
                walk(p.url_patterns, route)
            elif (p.name or "").endswith("-list") and "(?P" not in route and "<" not in route:
                found.append("/" + route.replace("\\.", "."))

    walk(get_resolver().url_patterns, "")
    return sorted({u for u in found if u.startswith(OWNED_PREFIXES)})


def test_no_list_endpoint_leaks_to_a_user_without_roles(world):
    client = APIClient()
    client.force_authenticate(world.users["nobody"])
    endpoints = list_endpoints()
    assert {URLS["orgs"], URLS["networks"], URLS["systems"], "/api/core/audit/"} <= set(endpoints)
    for url in endpoints:
        response = client.get(url)
        if url in REFERENCE_LISTS:
            assert response.status_code == 200
        else:
            assert response.status_code == 403 or response.json()["count"] == 0, url
