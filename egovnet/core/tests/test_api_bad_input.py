"""Hostile input answers 4xx on every API path, never 500, on SQLite and PostgreSQL alike.

Integer filters and ids are range-checked before a query runs (``core.filtersets``, ``core.api.routers``);
JSON bodies are objects nested at most ``MAX_DEPTH`` levels (``core.api.parsers``); unknown API URLs
answer JSON. The class guards below fail when a view or filter set bypasses those shared pieces.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver
from rest_framework.test import APIClient

from egovnet.core.api.parsers import MAX_DEPTH, BoundedJSONParser, nesting_depth
from egovnet.core.choices import Clearance, Role
from egovnet.core.filtersets import BIGINT_MAX, FilterSet, fits_bigint

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"
DEEP = "[" * 5000 + "]" * 5000


@pytest.fixture
def admin_client(make_user, divisions):
    client = APIClient()
    client.force_authenticate(make_user("root", Role.ADMIN, clearance=Clearance.JIMI, superuser=True))
    return client


@pytest.mark.parametrize(
    ("path", "field", "in_range"),
    [
        ("/api/core/audit/", "actor", 200),  # id filters: an in-range unknown id is an empty result
        ("/api/orgs/organisations/", "parent", 200),
        ("/api/networks/networks/", "owner", 200),
        ("/api/systems/systems/", "owner", 200),
        ("/api/migration/items/", "plan_version", 400),  # reference filters: an unknown id is an invalid choice
        ("/api/migration/budget-lines/", "department", 400),
    ],
)
def test_huge_integer_filter_is_a_400_naming_the_field(admin_client, path, field, in_range):
    response = admin_client.get(f"{path}?{field}={HUGE}")
    assert response.status_code == 400 and field in response.json()
    assert admin_client.get(f"{path}?{field}=-{HUGE}").status_code == 400
    assert admin_client.get(f"{path}?{field}={BIGINT_MAX}").status_code == in_range


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_with_a_huge_filter_is_a_400_not_a_broken_stream(admin_client, make_user, fmt):
    client = Client()
    client.force_login(make_user("exporter", Role.ADMIN, superuser=True))
    response = client.get(f"/exchange/export/systems.{fmt}?owner={HUGE}")
    assert response.status_code == 400 and "owner" in response.content.decode()


def test_huge_or_malformed_ids_in_paths_are_json_404s(admin_client):
    for path in (f"/api/orgs/organisations/{HUGE}/", "/api/orgs/organisations/1.5/", f"/api/core/audit/{HUGE}/"):
        response = admin_client.get(path)
        assert response.status_code == 404 and response["Content-Type"] == "application/json", path


@pytest.mark.parametrize(
    ("path", "anonymous"),
    [("/api/core/token/", True), ("/api/orgs/organisations/", False), ("/api/policy/check/", False)],
)
def test_deeply_nested_json_is_a_400(admin_client, path, anonymous):
    client = APIClient() if anonymous else admin_client
    response = client.post(path, DEEP, content_type="application/json")
    assert response.status_code == 400 and "JSON" in response.json()["detail"]
    shallow_but_too_deep = "{" + '"a": [' * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1) + "}"
    assert client.post(path, shallow_but_too_deep, content_type="application/json").status_code == 400


def test_nesting_depth_counts_without_recursion():
    assert nesting_depth(1) == 0 and nesting_depth({"a": [1, {"b": []}]}) == 4
    deep: list = []
    for _ in range(100_000):
        deep = [deep]
    assert nesting_depth(deep, limit=10) == 11  # stops past the limit, never recurses


def test_fits_bigint():
    assert fits_bigint("12") and fits_bigint(BIGINT_MAX) and not fits_bigint(BIGINT_MAX + 1)
    assert not fits_bigint(HUGE) and not fits_bigint("1.5") and not fits_bigint(True) and not fits_bigint("x")


def _api_views():
    for pattern in get_resolver().url_patterns:
        yield from _walk(pattern)


def _walk(pattern):
    if hasattr(pattern, "url_patterns"):
        for sub in pattern.url_patterns:
            yield from _walk(sub)
    else:
        cls = getattr(pattern.callback, "cls", None)
        if cls is not None:
            yield pattern, cls


def test_every_api_view_parses_json_with_the_depth_limit_and_filters_through_the_bounded_filterset():
    from django_filters.rest_framework import DjangoFilterBackend

    views = list(_api_views())
    assert len(views) > 50
    for pattern, cls in views:
        json_parsers = [p for p in cls.parser_classes if getattr(p, "media_type", "") == "application/json"]
        assert all(issubclass(p, BoundedJSONParser) for p in json_parsers), (pattern, cls)
        filterset_class = getattr(cls, "filterset_class", None)
        backends = getattr(cls, "filter_backends", [])
        if filterset_class is not None and any(issubclass(b, DjangoFilterBackend) for b in backends):
            assert issubclass(filterset_class, FilterSet), cls
