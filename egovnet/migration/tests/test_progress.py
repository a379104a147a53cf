"""Progress arithmetic by department, network, province and nation; trend; R-4.1 findings."""

from __future__ import annotations

import datetime as dt

from egovnet.migration import services
from egovnet.migration.models import MigrationItem
from egovnet.migration.services import progress

from .helpers import approved_plan, cut_over

AS_OF = dt.date(2026, 11, 1)


def local_plan(world):
    u = world["users"]
    from egovnet.core.tests import factories as f

    local_staff = f.make_user("local_staff", role="department_staff", org_scope=world["local"])
    plan = services.plan_create(actor=local_staff, department=world["local"], title="河南计划", scheme="方案")
    services.item_add(
        actor=local_staff,
        version=plan.effective_version,
        system=world["systems"]["local"],
        from_network=world["local_net"],
        planned_date=dt.date(2026, 1, 1),  # overdue
    )
    return plan, u


def test_progress_arithmetic(world):
    plan, version = approved_plan(world, items=("flood", "water", "secret", "topsecret"))
    items = list(version.items.order_by("id"))
    cut_over(world, items[0], dt.date(2026, 1, 10))
    cut_over(world, items[1], dt.date(2026, 3, 5))
    MigrationItem.objects.filter(pk=items[2].pk).update(planned_date=dt.date(2026, 6, 1))
    local_plan(world)
    admin = world["users"]["drc"]
    nation = progress.nation(admin, AS_OF)
    assert (nation["total"], nation["migrated"], nation["overdue"]) == (5, 2, 2)
    assert nation["percent"] == 40.0
    depts = {r["department_name"]: r for r in progress.by_department(admin, AS_OF)}
    assert depts["水利部"]["share"] == 0.5 and depts["水利部"]["overdue"] == 1
    assert depts["河南省水利厅"]["share"] == 0.0 and depts["河南省水利厅"]["overdue"] == 1
    provinces = {r["region"]: r for r in progress.by_province(admin, AS_OF)}
    assert provinces["central"]["total"] == 4 and provinces["410000"]["total"] == 1
    assert provinces["410000"]["name"] == "河南省"
    nets = {r["network_name"]: r for r in progress.by_network(admin, AS_OF)}
    assert nets["水利专网"]["migrated"] == 2 and not nets["水利专网"]["ready_to_retire"]
    assert [t["cumulative"] for t in progress.trend(admin)] == [1, 2]
    first = MigrationItem.objects.get(pk=items[0].pk)
    services.item_record_progress(
        actor=world["users"]["staff"],
        item=first,
        expected_version=first.version,
        status="decommissioned",
        decommission_ref="撤除1",
        decommission_date=dt.date(2026, 4, 1),
    )
    assert [t["cumulative"] for t in progress.trend(admin)] == [1, 2]  # decommissioning is not a second migration
    assert [t["month"] for t in progress.trend(admin)] == ["2026-01", "2026-03"]
    assert progress.overdue_items(admin, AS_OF).count() == 2


def test_network_ready_to_retire_when_all_items_cut_over(world):
    plan, version = approved_plan(world, items=("flood",))
    cut_over(world, version.items.get())
    nets = {r["network_name"]: r for r in progress.by_network(world["users"]["drc"], AS_OF)}
    assert nets["水利专网"]["percent"] == 100.0
    # the other systems still carried by the network are not in any plan: not ready to retire yet
    assert nets["水利专网"]["unplanned"] == 3 and not nets["水利专网"]["ready_to_retire"]
    from egovnet.systems.choices import SystemStatus
    from egovnet.systems.models import ApplicationSystem

    others = ApplicationSystem.objects.filter(current_dedicated_network=world["legacy"])
    others.exclude(pk=world["systems"]["flood"].pk).update(status=SystemStatus.RETIRED)
    nets = {r["network_name"]: r for r in progress.by_network(world["users"]["drc"], AS_OF)}
    assert nets["水利专网"]["unplanned"] == 0 and nets["水利专网"]["ready_to_retire"]


def test_progress_is_scoped_to_the_reader(world):
    approved_plan(world)
    local_plan(world)
    mine = progress.nation(world["users"]["staff"], AS_OF)
    assert mine["total"] == 2
    assert progress.nation(world["users"]["other_staff"], AS_OF)["total"] == 0
    assert progress.nation(world["users"]["nobody"], AS_OF)["total"] == 0


def test_departments_without_approved_plan_r_4_1(world):
    names = lambda: {o.name for o in progress.departments_without_plan(world["users"]["drc"])}  # noqa: E731
    assert names() == {"水利部", "农业农村部", "河南省水利厅"}
    local_plan(world)  # a draft plan is not enough
    assert "河南省水利厅" in names()
    approved_plan(world)
    assert names() == {"农业农村部", "河南省水利厅"}


def test_progress_queries_are_constant(world, django_assert_max_num_queries):
    approved_plan(world)
    local_plan(world)
    admin = world["users"]["drc"]
    progress.nation(admin, AS_OF)  # warm the assignment cache
    with django_assert_max_num_queries(7):  # one each, + the unplanned-systems count of by_network
        progress.by_department(admin, AS_OF)
        progress.by_network(admin, AS_OF)
        progress.by_province(admin, AS_OF)
        progress.nation(admin, AS_OF)
        progress.trend(admin)


def test_timeline_bars_and_phase_ticks(world):
    plan, version = approved_plan(world, items=("flood", "water"), planned=dt.date(2027, 3, 1))
    items = list(version.items.all())
    cut_over(world, items[0], dt.date(2026, 9, 1))
    items = list(version.items.order_by("id"))
    phases = [{"name": "一期", "until": "2027-01-31"}, {"name": "坏数据", "until": "soon"}]
    bars, ticks = progress.timeline(items, dt.date(2026, 1, 1), AS_OF, phases)
    assert [b.end for b in bars] == [dt.date(2026, 9, 1), dt.date(2027, 3, 1)]
    assert all(0 <= b.left <= 100 and 0 < b.width <= 100 for b in bars)
    assert [t["label"] for t in ticks if t.get("phase")] == ["一期 2027-01-31"]
    assert any(t.get("today") for t in ticks)
