"""Working-day deadlines, holidays an admin fills, reminders and the query budget of snapshot and lists."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from egovnet.projects.calendar import add_working_days, working_days_between
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


def test_filing_deadline_is_ten_working_days_on_the_official_calendar(world, project):
    """National Day 2013: 1–7 October off, Sunday 29 September and Saturday 12 October make-up working days
    (国办发明电〔2012〕14号), all from the chinesecalendar data, no admin row needed."""
    friday = dt.date(2013, 9, 27)
    assert add_working_days(friday, 10) == dt.date(2013, 10, 16)
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal],
                         submitted_on=friday)  # fmt: skip
    assert req.due_on == dt.date(2013, 10, 16)


def test_admin_holiday_rows_override_the_official_calendar(world, project):
    friday = dt.date(2013, 9, 27)
    holiday_set(actor=world.admin, date=dt.date(2013, 10, 12), name="本地调整")  # the 调休 Saturday made a day off
    assert add_working_days(friday, 10) == dt.date(2013, 10, 17)
    holiday_set(actor=world.admin, date=dt.date(2013, 10, 8), name="本地补班", is_workday=True)  # no effect: a workday
    holiday_set(actor=world.admin, date=dt.date(2013, 10, 5), name="本地补班", is_workday=True)  # a holiday made a workday
    assert add_working_days(friday, 10) == dt.date(2013, 10, 16)


def test_spring_festival_week_2024_is_skipped():
    # 2024: 10–17 February off; Sunday 4 February and Saturday 18 February are make-up working days.
    assert add_working_days(dt.date(2024, 2, 8), 1) == dt.date(2024, 2, 9)
    assert add_working_days(dt.date(2024, 2, 9), 1) == dt.date(2024, 2, 18)  # the 调休 Saturday counts
    assert add_working_days(dt.date(2024, 2, 2), 1) == dt.date(2024, 2, 4)  # the 调休 Sunday counts
    assert working_days_between(dt.date(2024, 2, 9), dt.date(2024, 2, 19)) == 2


def test_national_day_week_2025_is_skipped():
    # 2025: 1–8 October off (National Day and Mid-Autumn); Sunday 28 September and Saturday 11 October work.
    assert add_working_days(dt.date(2025, 9, 26), 1) == dt.date(2025, 9, 28)
    assert add_working_days(dt.date(2025, 9, 30), 1) == dt.date(2025, 10, 9)
    assert add_working_days(dt.date(2025, 10, 10), 1) == dt.date(2025, 10, 11)
    assert add_working_days(dt.date(2025, 9, 30), 10) == dt.date(2025, 10, 21)  # 9,10,11(Sat),13–17,20,21


def test_years_without_data_fall_back_to_weekends_with_a_warning(world):
    from egovnet.projects.calendar import coverage_warning, official_years

    beyond = max(official_years()) + 1
    jan = dt.date(beyond, 1, 1)
    assert coverage_warning(jan, jan + dt.timedelta(days=40)).startswith(f"{beyond}年的法定节假日")
    assert coverage_warning(dt.date(2013, 3, 1), dt.date(2013, 4, 1)) == ""
    monday = jan - dt.timedelta(days=jan.weekday()) + dt.timedelta(days=7)
    assert add_working_days(monday, 5) == monday + dt.timedelta(days=7)  # weekends only
    holiday_set(actor=world.admin, date=monday + dt.timedelta(days=1), name="元旦（管理员登记）")
    assert coverage_warning(jan, jan + dt.timedelta(days=40)) == ""  # the admin covered the year
    assert add_working_days(monday, 5) == monday + dt.timedelta(days=8)


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
