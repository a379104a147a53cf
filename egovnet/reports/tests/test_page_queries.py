"""Queries per page do not grow with rows: each registry detail page, as admin and as a provincial reader, costs
the same number of queries with one related row as with five (a national-scale page stays a fixed cost)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import build_world
from egovnet.networks.choices import NetworkFamily
from egovnet.orgs.choices import Level
from egovnet.systems.choices import CurrentNetwork, SecrecyGrade

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    w.net_dedicated_henan = f.make_network("河南省测试专网", owner=w.henan_drc, family=NetworkFamily.DEDICATED)
    return w


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def _grow(w, n: int) -> None:
    """``n`` more children, networks and systems (some classified) of 河南省发改委, systems on its network."""
    for i in range(n):
        f.make_org(f"河南省发改委下属单位{i}", level=Level.PROVINCIAL, division=w.div["410000"], parent=w.henan_drc)
        f.make_network(f"河南省测试网络{i}", owner=w.henan_drc)
        f.make_system(
            f"河南省测试系统{i}",
            owner=w.henan_drc,
            is_classified=bool(i % 2),
            secrecy_grade=SecrecyGrade.MIMI if i % 2 else "",
            current_network=CurrentNetwork.DEDICATED,
            current_dedicated_network=w.net_dedicated_henan,
        )


@pytest.mark.parametrize("reader", ["admin", "henan_reviewer"])
def test_registry_detail_pages_cost_the_same_with_one_row_and_five(world, client, reader):
    client.force_login(getattr(world, reader))
    _grow(world, 1)
    urls = [
        reverse("orgs:organisation_detail", args=[world.henan_drc.pk]),
        reverse("networks:network_detail", args=[world.net_dedicated_henan.pk]),
        reverse("systems:system_detail", args=[world.sys_henan.pk]),
        reverse("orgs:organisation_list"),
        reverse("networks:network_list"),
        reverse("systems:system_list"),
        "/",
    ]
    one = {url: _queries(client, url) for url in urls}
    _grow(world, 4)
    five = {url: _queries(client, url) for url in urls}
    assert five == one
