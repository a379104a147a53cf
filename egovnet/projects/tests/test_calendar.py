"""Working-day deadlines, holidays an admin fills, reminders and the query budget of snapshot and lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egovnet.projects.calendar import add_working_days
from egovnet.projects.facts import build_snapshot, snapshot_query_count
from egovnet.projects.services import (
    holiday_set,
    network_component_add,
    project_add_application,
    project_create,
    request_submit,
)

from .helpers import client_for, ok

pytestmark = pytest.mark.django_db


def test_filing_deadline_is_ten_working_days_skipping_weekends_and_holidays(world, project):
    friday = dt.date(2013, 9, 27)
    assert add_working_days(friday, 10) == dt.date(2013, 10, 11)
    for day in range(1, 8):  # 国庆 1–7 October, with Sunday 29 September a make-up working day
        holiday_set(actor=world.admin, date=dt.date(2013, 10, day), name="国庆节")
    holiday_set(actor=world.admin, date=dt.date(2013, 9, 29), name="调休", is_workday=True)
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal],
                         submitted_on=friday)  # fmt: skip
    assert req.due_on == dt.date(2013, 10, 17)


def test_only_admins_fill_the_holiday_table(world):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        holiday_set(actor=world.lead, date=dt.date(2013, 10, 1), name="x")


def test_reminders_list_overdue_items_for_both_sides(world, project, capsys):
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal],
                         submitted_on=dt.date(2013, 3, 1))  # fmt: skip
    call_command("reminders", today="2013-03-20")
    out = capsys.readouterr().out
    assert f"#{req.pk}" in out and "OVERDUE" in out and "1 overdue" in out
    # the department sees it waiting and overdue; the PSB sees it to decide and overdue
    lead_tasks = ok(client_for(world.lead).get("/api/projects/tasks/"))
    psb_tasks = ok(client_for(world.bj_officer).get("/api/projects/tasks/"))
    assert [r["id"] for r in lead_tasks["waiting"]] == [req.pk] == [r["id"] for r in lead_tasks["overdue"]]
    assert [r["id"] for r in psb_tasks["to_decide"]] == [req.pk] == [r["id"] for r in psb_tasks["overdue"]]


def test_snapshot_uses_a_fixed_number_of_queries(world, project, django_assert_num_queries):
    from egovnet.systems.services import system_create

    from .helpers import pass_needs

    pass_needs(world, project.pk)  # evidence and a review with its invitations
    network_component_add(actor=world.lead, project=project, name="机房", kind="lan", built_on="self_built",
                          serves=[world.app_portal])  # fmt: skip
    with django_assert_num_queries(snapshot_query_count()):
        small = build_snapshot(project)
    for n in range(5):  # a bigger project costs the same number of queries
        s = system_create(
            actor=world.admin, name=f"系统{n}", owner=world.ministry, mlps_level=2, target_network="extranet"
        )
        project_add_application(actor=world.lead, project=project, system=s)
    with django_assert_num_queries(snapshot_query_count()):
        big = build_snapshot(project)
    assert len(big.applications) == len(small.applications) + 5


def test_project_list_query_count_does_not_grow(world):
    lead = client_for(world.lead)

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            ok(lead.get("/api/projects/projects/"))
        return len(ctx.captured_queries)

    project_create(actor=world.lead, owner=world.ministry, name="一")
    first = count()
    for n in range(10):
        project_create(actor=world.lead, owner=world.ministry, name=f"项目{n}")
    assert count() == first
