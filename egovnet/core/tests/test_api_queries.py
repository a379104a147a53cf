"""SQL queries per API list request must not grow with the page size (no N+1)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from egovnet.core import audit
from egovnet.core.choices import AuditAction
from egovnet.core.models import User
from egovnet.core.tests.api_factories import build_world
from egovnet.networks.choices import ComponentKind, NetworkFamily
from egovnet.networks.models import Network
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import SecrecyGrade
from egovnet.systems.models import ApplicationSystem

pytestmark = pytest.mark.django_db
ROWS = 210
MAX_QUERIES = 6  # user's role assignments, count, page (+ a division lookup for ?division=)

ENDPOINTS = [
    "/api/geo/divisions/",
    "/api/orgs/organisations/",
    "/api/networks/networks/",
    "/api/systems/systems/",
    "/api/core/audit/",
]


@pytest.fixture
def big_world():
    world = build_world()
    ministry = world.orgs["ministry"]
    Organisation.objects.bulk_create(
        Organisation(
            name=f"水利部司局{i:03}",
            kind=OrgKind.GOVERNMENT_DEPARTMENT,
            level=Level.CENTRAL,
            division_id="110000",
            parent=ministry,
            path="",
        )
        for i in range(ROWS)
    )
    Organisation.objects.filter(path="").update(path=Concat(Value(ministry.path), Cast("id", CharField()), Value("/")))
    units = list(Organisation.objects.filter(parent=ministry)[:ROWS])
    Network.objects.bulk_create(
        Network(
            name=f"专网{i:03}",
            family=NetworkFamily.DEDICATED,
            kind=ComponentKind.LAN,
            level=Level.CENTRAL,
            owner=units[i],
            operator=ministry,
        )
        for i in range(ROWS)
    )
    ApplicationSystem.objects.bulk_create(
        ApplicationSystem(
            name=f"系统{i:03}",
            owner=units[i],
            is_classified=i % 3 == 0,
            secrecy_grade=SecrecyGrade.JIMI if i % 3 == 0 else "",
            mlps_level=None if i % 3 == 0 else 2,
        )
        for i in range(ROWS)
    )
    audit.record_many(
        actor=None,
        entries=[
            audit.PendingEntry(AuditAction.SYSTEM, "test.event", str(i), f"event {i}", None, None, "")
            for i in range(ROWS)
        ],
    )
    return world


def count_queries(user_pk: int, url: str, page_size: int, extra: dict | None = None) -> int:
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user_pk))  # fresh object: nothing cached between requests
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page_size": page_size, **(extra or {})})
    assert response.status_code == 200, response.content
    body = response.json()
    assert len(body["results"]) == min(page_size, body.get("count", page_size)) or "count" not in body
    return len(ctx.captured_queries)


LIST_CASES = [
    (url, role)
    for url in ENDPOINTS
    for role in ("admin", "department_staff", "auditor")
    if not (url.startswith("/api/core/audit") and role == "department_staff")  # staff may not read the log
]


@pytest.mark.parametrize(("url", "role"), LIST_CASES)
def test_queries_do_not_grow_with_page_size(big_world, url, role, django_assert_max_num_queries):
    user = big_world.users[role]
    small = count_queries(user.pk, url, 10)
    large = count_queries(user.pk, url, 200)
    assert small == large, (url, role, small, large)
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=user.pk))
    with django_assert_max_num_queries(MAX_QUERIES):
        client.get(url, {"page_size": 200})


@pytest.mark.parametrize(
    ("url", "extra"),
    [
        ("/api/systems/systems/", {"paging": "cursor"}),
        ("/api/systems/systems/", {"division": "110000", "q": "系统", "ordering": "name"}),
        ("/api/orgs/organisations/", {"paging": "cursor", "ordering": "name"}),
        ("/api/networks/networks/", {"division": "110000", "ordering": "-id"}),
        ("/api/core/audit/", {"paging": "cursor"}),
    ],
)
def test_cursor_and_filtered_lists_are_flat_too(big_world, url, extra):
    user = big_world.users["admin"]
    assert count_queries(user.pk, url, 10, extra) == count_queries(user.pk, url, 200, extra) <= MAX_QUERIES


def test_stats_is_a_fixed_number_of_queries(big_world, django_assert_max_num_queries):
    client = APIClient()
    client.force_authenticate(User.objects.get(pk=big_world.users["department_staff"].pk))
    with django_assert_max_num_queries(6):
        body = client.get("/api/systems/systems/stats/").json()
    assert (
        body["total"] == ROWS + 3 and body["hidden_grade"] == ROWS // 3 + 2
    )  # + the mimi and jimi systems of the world


def test_report_query_counts(big_world, capsys):
    """Prints the measured counts (run with -s): the figures quoted in the report."""
    for role in ("admin", "department_staff"):
        for url in ENDPOINTS:
            if url.startswith("/api/core/audit") and role == "department_staff":
                continue
            pk = big_world.users[role].pk
            with capsys.disabled():
                print(f"{role:17} {url:28} page10={count_queries(pk, url, 10)} page200={count_queries(pk, url, 200)}")
