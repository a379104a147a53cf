"""Summary tables: the home dashboard read from per-division counts gives exactly the live figures for every
reader (scope and clearance), says how fresh it is, costs a fixed number of queries, and is rebuilt after
registry writes through the findings-refresh path."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.core.choices import Clearance, Role
from egovnet.core.tests import factories as f
from egovnet.core.tests.world import JIMI_NAME, SECRET_NAME, build_world
from egovnet.orgs.choices import Level
from egovnet.reports import summaries, tasks
from egovnet.reports.dashboard import dashboard
from egovnet.reports.models import RegistryCount, ReportSnapshot
from egovnet.systems.choices import SecrecyGrade
from egovnet.systems.services import system_create

pytestmark = pytest.mark.django_db

HENAN_SECRET = "河南省秘密级测试系统"
HENAN_JIMI = "河南省机密级测试系统"


@pytest.fixture
def world():
    w = build_world()
    d = w.div
    w.zhengzhou = f.make_org("郑州市大数据局", level=Level.PREFECTURE, division=d["410100"])
    f.make_system(HENAN_SECRET, owner=w.zhengzhou, is_classified=True, secrecy_grade=SecrecyGrade.MIMI)
    f.make_system(HENAN_JIMI, owner=w.henan_drc, is_classified=True, secrecy_grade=SecrecyGrade.JIMI)
    f.make_network("郑州市电子政务外网", owner=w.zhengzhou)
    w.henan_mimi = f.make_user("henan-mimi", role=Role.DRC_REVIEWER, division_scope=d["410000"], clearance=Clearance.MIMI)
    w.zhengzhou_viewer = f.make_user("zz-viewer", role=Role.VIEWER, division_scope=d["410100"])
    w.two_provinces = f.make_user("two-prov", role=Role.VIEWER, division_scope=d["410000"], clearance=Clearance.MIMI)
    w.two_provinces.role_assignments.create(role=Role.VIEWER, division_scope=d["420000"])
    return w


def _readers(w):
    return [
        w.admin,
        w.auditor,
        w.staff_a,
        w.mimi_staff_a,
        w.henan_reviewer,
        w.henan_mimi,
        w.zhengzhou_viewer,
        w.two_provinces,
        w.nobody,
    ]


def _figures(ctx: dict) -> dict:
    return {k: v for k, v in ctx.items() if k != "summary_computed_at"}


def _fresh(user):
    """The user object as a new request loads it (role assignments are cached per user object)."""
    return type(user).objects.get(pk=user.pk)


def test_summary_gives_the_live_figures_for_every_scope_and_clearance(world):
    live = {u.username: dashboard(_fresh(u)) for u in _readers(world)}
    assert all(ctx["summary_computed_at"] is None for ctx in live.values())
    summaries.rebuild_registry(summaries.timezone.localdate())
    for user in _readers(world):
        stored = dashboard(_fresh(user))
        assert _figures(stored) == _figures(live[user.username]), user.username
    # national and province / prefecture scopes read the summary; an organisation subtree is counted live
    assert dashboard(_fresh(world.admin))["summary_computed_at"] is not None
    assert dashboard(_fresh(world.henan_reviewer))["summary_computed_at"] is not None
    assert dashboard(_fresh(world.zhengzhou_viewer))["summary_computed_at"] is not None
    assert dashboard(_fresh(world.staff_a))["summary_computed_at"] is None


def test_provincial_reader_sees_only_their_province_and_cleared_grades(world, client):
    summaries.rebuild_registry(summaries.timezone.localdate())
    client.force_login(world.henan_reviewer)  # 河南省, no clearance
    response = client.get("/")
    ctx = response.context
    assert ctx["summary_computed_at"] is not None
    assert ctx["orgs_total"] == 2  # 河南省发改委 and 郑州市大数据局: no central ministry, no 湖北
    labels = {t.label: t.count for t in ctx["systems_by_classification"]}
    assert labels == {"非涉密": 1, "涉密（密级不予显示）": 2}
    client.force_login(world.henan_mimi)  # 秘密 clearance: 秘密 shown, 机密 withheld
    labels = {t.label: t.count for t in client.get("/").context["systems_by_classification"]}
    assert labels == {"非涉密": 1, "秘密": 1, "涉密（密级不予显示）": 1}
    body = response.content.decode()
    for name in (SECRET_NAME, JIMI_NAME, HENAN_SECRET, HENAN_JIMI):
        assert name not in body


def test_dashboard_says_how_fresh_the_figures_are(world, client):
    client.force_login(world.admin)
    assert "统计时间" not in client.get("/").content.decode()  # counted live: nothing to date
    snap = summaries.rebuild_registry(summaries.timezone.localdate())
    body = client.get("/").content.decode()
    assert "统计时间" in body and snap.computed_at.astimezone().strftime("%Y-%m-%d") in body


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("reader", ["admin", "henan_reviewer"])
def test_home_queries_do_not_grow_with_rows(world, client, reader):
    summaries.rebuild_registry(summaries.timezone.localdate())
    client.force_login(getattr(world, reader))
    one = _queries(client, "/")
    for i in range(4):
        org = f.make_org(f"河南省测试厅{i}", level=Level.PROVINCIAL, division=world.div["410000"])
        f.make_system(owner=org)
        f.make_network(owner=org)
    summaries.rebuild_registry(summaries.timezone.localdate())
    assert _queries(client, "/") == one <= 8


def test_a_registry_write_queues_one_rebuild(world, django_capture_on_commit_callbacks):
    queued = DBTaskResult.objects.filter(task_path=tasks.TASK_PATH, status=TaskResultStatus.READY)
    assert not queued.exists()
    for name in ("写入后汇总一", "写入后汇总二"):
        with django_capture_on_commit_callbacks(execute=True):
            system_create(actor=world.admin, owner=world.henan_drc, name=name, reason="test")
    assert queued.count() == 1  # a burst of writes costs one rebuild


def test_rebuild_task_and_command_bring_the_counts_up_to_date(world):
    summaries.rebuild_registry(summaries.timezone.localdate())
    before = dashboard(_fresh(world.henan_reviewer))["systems_total"]
    f.make_system("汇总后新增系统", owner=world.henan_drc)
    assert dashboard(_fresh(world.henan_reviewer))["systems_total"] == before  # stored figures until rebuilt
    tasks.refresh_summaries.call()
    assert dashboard(_fresh(world.henan_reviewer))["systems_total"] == before + 1
    call_command("summaries", "--rebuild")
    assert set(ReportSnapshot.objects.values_list("kind", flat=True)) == {
        summaries.REGISTRY,
        summaries.REPORTS,
        summaries.CAPACITY,
    }
    assert RegistryCount.objects.filter(scope="41").exists() and RegistryCount.objects.filter(scope="").exists()
