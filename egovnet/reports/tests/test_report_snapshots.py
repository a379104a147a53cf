"""/reports/ and /reports/capacity/ from the stored snapshots: the same figures as computed live, names of
classified systems resolved for each reader at render time (never stored), a fixed number of queries."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egovnet.core.models import RoleAssignment
from egovnet.reports import summaries
from egovnet.reports.models import ReportSnapshot
from egovnet.reports.tests.test_api import world  # noqa: F401  (the capacity world: one hot uplink)
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db
SECRET = "密件流转"


@pytest.fixture
def reader(db):
    user = get_user_model().objects.create_user("viewer-pages", password="pw")
    RoleAssignment.objects.create(user=user, role="viewer")
    return user


def _context(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(ctx.captured_queries)


def test_dashboard_from_the_snapshot_shows_the_live_figures(world, client, planner):  # noqa: F811
    client.force_login(planner)
    live, _ = _context(client, "/reports/")
    summaries.rebuild(dt.date.today())
    stored, _ = _context(client, "/reports/")
    assert stored.context["summary_computed_at"] is not None and live.context["summary_computed_at"] is None
    for key in ("shares", "coverage", "matrix", "matrix_rows", "targets", "findings", "capacity"):
        assert stored.context[key] == live.context[key], key
    assert "统计时间" in stored.content.decode()
    other_day, _ = _context(client, "/reports/?date=2015-01-01")  # another day: computed live
    assert other_day.context["summary_computed_at"] is None


def test_capacity_snapshot_names_systems_for_each_reader(world, client, planner, reader):  # noqa: F811
    summaries.rebuild(dt.date.today())
    assert SECRET not in str(ReportSnapshot.objects.get(kind=summaries.CAPACITY).payload)  # ids only are stored
    client.force_login(reader)  # no clearance
    page, _ = _context(client, "/reports/capacity/")
    uplink = next(r for r in page.context["capacity"]["links"] if r["link"] == world["uplink"].pk)
    assert uplink["top_systems"][0]["name"] == REDACTED_NAME
    assert SECRET not in page.content.decode() and "统计时间" in page.content.decode()
    client.force_login(planner)  # superuser with clearance: the name
    page, _ = _context(client, "/reports/capacity/")
    assert SECRET in page.content.decode()


def test_report_pages_from_snapshots_cost_a_fixed_number_of_queries(world, client, planner):  # noqa: F811
    summaries.rebuild(dt.date.today())
    client.force_login(planner)
    _, dashboard_queries = _context(client, "/reports/")
    _, capacity_queries = _context(client, "/reports/capacity/")
    assert dashboard_queries <= 8 and capacity_queries <= 8


@pytest.mark.parametrize("stored", [True, False])
def test_capacity_page_shows_one_page_of_links(world, client, planner, monkeypatch, stored):  # noqa: F811
    monkeypatch.setattr(summaries, "LINKS_PER_PAGE", 2)
    if stored:
        summaries.rebuild(dt.date.today())
    client.force_login(planner)
    first, _ = _context(client, "/reports/capacity/")
    last, _ = _context(client, "/reports/capacity/?page=2")
    assert first.context["capacity"]["links_total"] == 3
    assert len(first.context["capacity"]["links"]) == 2 and len(last.context["capacity"]["links"]) == 1
    assert 'rel="next"' in first.content.decode()
    assert (first.context["summary_computed_at"] is not None) is stored
