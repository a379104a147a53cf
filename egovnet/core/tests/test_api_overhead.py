"""Per-request work of the list endpoints: links formatted from one reversal, no filter form without a filter,
large counts reused for a few seconds (ADR 0270)."""

from __future__ import annotations

import json

import pytest
import rest_framework.reverse
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.test import APIClient, APIRequestFactory

from egovnet.core.api import pagination
from egovnet.core.tests.api_factories import build_world
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation

pytestmark = pytest.mark.django_db
ORGS = "/api/orgs/organisations/"


@pytest.fixture
def world():
    cache.clear()
    yield build_world()
    cache.clear()


def admin(world) -> APIClient:
    client = APIClient()
    client.force_authenticate(world.users["admin"])
    return client


def test_links_are_the_reversed_urls_and_reversed_once_per_view(world, monkeypatch):
    calls = []
    real = rest_framework.reverse.django_reverse
    monkeypatch.setattr(rest_framework.reverse, "django_reverse", lambda *a, **k: calls.append(a) or real(*a, **k))
    rows = admin(world).get(ORGS).json()["results"]
    assert len(rows) > 3
    for row in rows:
        assert row["url"] == "http://testserver" + reverse("organisation-detail", kwargs={"pk": row["id"]})
        code = row["division"]["code"]
        assert row["division"]["url"] == "http://testserver" + reverse("division-detail", kwargs={"pk": code})
        if row["parent"]:
            pk = row["parent"]["id"]
            assert row["parent"]["url"] == "http://testserver" + reverse("organisation-detail", kwargs={"pk": pk})
    assert len(calls) <= 3, calls  # organisation-detail and division-detail, once each (plus the page links)


def test_no_filter_form_without_a_filter_parameter(world, monkeypatch):
    built = []
    real = DjangoFilterBackend.get_filterset
    monkeypatch.setattr(DjangoFilterBackend, "get_filterset", lambda self, *a: built.append(1) or real(self, *a))
    client = admin(world)
    plain = client.get(ORGS, {"page": 1, "page_size": 10, "ordering": "name"})
    assert plain.status_code == 200 and built == []
    filtered = client.get(ORGS, {"level": Level.CENTRAL, "page_size": 10})
    assert filtered.status_code == 200 and built == [1]
    assert {r["level"] for r in filtered.json()["results"]} == {Level.CENTRAL}
    assert client.get(ORGS, {"level": "nope"}).status_code == 400  # invalid filters still answer 400


def _add_orgs(world, n: int) -> None:
    ministry = world.orgs["ministry"]
    Organisation.objects.bulk_create(
        Organisation(
            name=f"新增单位{i}",
            kind=OrgKind.GOVERNMENT_DEPARTMENT,
            level=Level.CENTRAL,
            division_id="110000",
            parent=ministry,
            path=f"{ministry.path}x{i}/",
        )
        for i in range(n)
    )


def _count_queries(client, params=None) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        count = client.get(ORGS, params or {}).json()["count"]
    return count, sum("COUNT(" in q["sql"].upper() for q in ctx.captured_queries)


def test_large_counts_are_reused_briefly_small_ones_stay_exact(world, monkeypatch):
    client = admin(world)
    first, counted = _count_queries(client)
    assert counted == 1
    _add_orgs(world, 2)
    assert _count_queries(client) == (first + 2, 1)  # below the threshold: exact on every request

    monkeypatch.setattr(pagination, "COUNT_CACHE_MIN", 1)
    big, counted = _count_queries(client)
    assert (big, counted) == (first + 2, 1)
    _add_orgs(world, 1)
    assert _count_queries(client) == (first + 2, 0)  # reused: no COUNT(*) within COUNT_CACHE_SECONDS
    assert _count_queries(client, {"level": Level.CENTRAL})[1] == 1  # another query, another key
    cache.clear()  # what the expiry does
    assert _count_queries(client) == (first + 3, 1)


def test_a_reused_count_is_per_scope(world, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CACHE_MIN", 1)
    national = admin(world).get(ORGS).json()["count"]
    viewer = APIClient()
    viewer.force_authenticate(world.users["viewer"])
    scoped = viewer.get(ORGS).json()["count"]
    assert scoped < national


def _plain(cls):
    """The same serializer with DRF's own field building and row loop."""
    return type(
        f"Plain{cls.__name__}",
        (cls,),
        {
            "get_fields": serializers.ModelSerializer.get_fields,
            "to_representation": serializers.Serializer.to_representation,
            "Meta": cls.Meta,
        },
    )


def test_read_serializers_answer_exactly_what_drf_answers(world):
    from egovnet.geo.api.serializers import DivisionBriefSerializer, DivisionSerializer
    from egovnet.geo.models import Division
    from egovnet.networks.api.serializers import NetworkBriefSerializer, NetworkSerializer
    from egovnet.networks.models import Network
    from egovnet.orgs.api.serializers import OrganisationBriefSerializer, OrganisationSerializer
    from egovnet.systems.api.serializers import ApplicationSystemBriefSerializer, ApplicationSystemSerializer
    from egovnet.systems.queries import visible_systems

    staff = world.users["department_staff"]  # sees redacted systems
    request = Request(APIRequestFactory().get("/api/"))
    request.user = staff
    cases = [
        (OrganisationSerializer, Organisation.objects.select_related("division", "parent")),
        (OrganisationBriefSerializer, Organisation.objects.all()),
        (DivisionSerializer, Division.objects.select_related("parent")[:40]),
        (DivisionBriefSerializer, Division.objects.all()[:40]),
        (NetworkSerializer, Network.objects.all()),
        (NetworkBriefSerializer, Network.objects.all()),
        (ApplicationSystemSerializer, visible_systems(staff)),
        (ApplicationSystemBriefSerializer, visible_systems(staff)),
    ]
    for cls, queryset in cases:
        rows = list(queryset)
        assert rows, cls
        ours = cls(rows, many=True, context={"request": request})
        theirs = _plain(cls)(rows, many=True, context={"request": request})
        assert json.dumps(ours.data) == json.dumps(theirs.data), cls
        assert repr(ours.child.fields) == repr(theirs.child.fields), cls
        assert repr(cls(context={"request": request}).fields) == repr(ours.child.fields)  # a second build: equal


def test_an_empty_scope_counts_zero_with_count_reuse_on(world, monkeypatch):
    monkeypatch.setattr(pagination, "COUNT_CACHE_MIN", 0)
    nobody = APIClient()
    nobody.force_authenticate(world.users["nobody"])
    assert nobody.get(ORGS).json()["count"] == 0
