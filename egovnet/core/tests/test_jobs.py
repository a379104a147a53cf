"""The task queue's recovery and schedule: no task is left stuck by a dead worker, scheduled runs happen once."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.core import jobs
from egovnet.core.models import ScheduledRun, WorkerHeartbeat
from egovnet.exchange.choices import JobStatus
from egovnet.exchange.models import ImportJob
from egovnet.exchange.tasks import run_import_job

pytestmark = pytest.mark.django_db


@pytest.fixture
def import_job(admin_user_):
    return ImportJob.objects.create(
        user=admin_user_, registry="systems", original_name="x.csv", stored_path="/nowhere.csv", fmt="csv",
        status=JobStatus.WRITING,
    )


def _running(job: ImportJob, *workers: str) -> DBTaskResult:
    result = run_import_job.enqueue(job_id=job.pk, write=True)
    row = DBTaskResult.objects.get(pk=result.id)
    row.status, row.worker_ids, row.started_at = TaskResultStatus.RUNNING, list(workers), timezone.now()
    row.save()
    return row


def test_a_task_whose_worker_died_is_retried_then_failed_with_the_reason(import_job):
    row = _running(import_job, "w-dead-1")
    assert jobs.recover_lost_tasks() == [(str(row.pk), "retried")]
    row.refresh_from_db()
    assert row.status == TaskResultStatus.READY and row.started_at is None

    row.status, row.worker_ids = TaskResultStatus.RUNNING, ["w-dead-1", "w-dead-2"]  # the retry's worker died too
    row.save()
    assert jobs.recover_lost_tasks() == [(str(row.pk), "failed")]
    row.refresh_from_db()
    import_job.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED and "worker running this task stopped" in row.traceback
    assert import_job.status == JobStatus.FAILED and "工作进程已停止" in import_job.message
    assert import_job.finished is not None


def test_a_task_whose_worker_beats_is_left_alone(import_job):
    row = _running(import_job, "w-alive")
    jobs.beat("w-alive", started=timezone.now())
    assert jobs.recover_lost_tasks() == []
    row.refresh_from_db()
    assert row.status == TaskResultStatus.RUNNING


def test_a_stale_heartbeat_counts_as_dead(import_job, settings):
    settings.WORKER_LOST_AFTER_S = 30
    row = _running(import_job, "w-stale")
    WorkerHeartbeat.objects.create(
        worker_id="w-stale", hostname="h", pid=1, started=timezone.now(), last_seen=timezone.now() - dt.timedelta(
            seconds=31)
    )
    assert jobs.recover_lost_tasks() == [(str(row.pk), "retried")]


def test_the_retry_of_a_finished_job_does_not_run_it_again(import_job):
    import_job.status = JobStatus.DONE
    import_job.save()
    assert run_import_job.call(job_id=import_job.pk, write=True) == JobStatus.DONE  # /nowhere.csv is never opened


SCHEDULE = {"nightly": ("egovnet.policy.tasks.national_sweep", "daily", "02:00"),
            "monthly": ("egovnet.networks.tasks.coverage_snapshot", "monthly", "03:00")}


def _at(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def test_scheduled_runs_are_enqueued_once_per_period_when_due(settings):
    settings.SCHEDULE = SCHEDULE
    assert jobs.enqueue_due(_at("2026-12-03 01:59")) == []
    assert jobs.enqueue_due(_at("2026-12-03 02:00")) == ["nightly"]
    assert jobs.enqueue_due(_at("2026-12-03 23:00")) == []  # a second worker, later the same day: already enqueued
    assert jobs.enqueue_due(_at("2026-12-04 02:30")) == ["nightly"]
    assert jobs.enqueue_due(_at("2027-01-01 03:05")) == ["nightly", "monthly"]
    runs = list(ScheduledRun.objects.order_by("enqueued", "name").values_list("name", "period"))
    assert runs == [("nightly", "2026-12-03"), ("nightly", "2026-12-04"), ("nightly", "2027-01-01"),
                    ("monthly", "2027-01")]
    queued = DBTaskResult.objects.filter(status=TaskResultStatus.READY).values_list("task_path", flat=True)
    assert sorted(queued) == sorted(["egovnet.policy.tasks.national_sweep"] * 3
                                    + ["egovnet.networks.tasks.coverage_snapshot"])


@pytest.mark.django_db(transaction=True)  # the worker loop manages its connection as in production
def test_the_scheduled_sweep_runs_on_a_worker(settings, divisions):
    settings.SCHEDULE = SCHEDULE
    jobs.enqueue_due(_at("2026-12-03 02:00"))
    settings.SCHEDULE = {}  # the worker's own housekeeping runs on the real clock: no second, real-day period
    jobs.EgovnetWorker(batch=True, interval=0).run()
    result = DBTaskResult.objects.get(task_path="egovnet.policy.tasks.national_sweep")
    assert result.status == TaskResultStatus.SUCCESSFUL, result.traceback
    assert result.return_value["status"] == "done"
    assert not WorkerHeartbeat.objects.exists()  # the worker removed its heartbeat when it stopped


@pytest.mark.django_db(transaction=True)
def test_the_scheduled_reminders_run_on_a_worker_and_leave_notices(settings, make_org, make_user):
    """The daily reminders entry of the production schedule enqueues and runs like any scheduled task."""
    from egovnet.tasks.models import Notification

    settings.SCHEDULE = {"daily-reminders": ("egovnet.tasks.jobs.daily_reminders", "daily", "07:30")}
    assert jobs.enqueue_due(_at("2026-12-03 07:29")) == []
    jobs.enqueue_due(_at("2026-12-03 07:30"))
    settings.SCHEDULE = {}  # the worker's own housekeeping runs on the real clock: no second, real-day period
    jobs.EgovnetWorker(batch=True, interval=0).run()
    result = DBTaskResult.objects.get(task_path="egovnet.tasks.jobs.daily_reminders")
    assert result.status == TaskResultStatus.SUCCESSFUL, result.traceback
    assert result.return_value == {"notices": Notification.objects.count(), "digests": 0}


def test_the_production_schedule_names_tasks_that_exist(settings):
    """Every schedule entry resolves to a django-tasks task (a typo would only fail at 02:00 in production)."""
    from django.utils.module_loading import import_string
    from django_tasks.base import Task

    schedule = settings.SCHEDULED_TASKS
    assert {"national-sweep", "coverage-snapshot", "daily-reminders"} <= set(schedule)
    for name, (path, kind, at) in schedule.items():
        assert isinstance(import_string(path), Task), name
        jobs._period(kind, at, timezone.localtime())  # a bad period or time raises


@pytest.mark.django_db(transaction=True)
def test_per_province_sweeps_are_queued_once_each_and_run_on_a_worker(divisions):
    import io

    from django.core.management import call_command

    from egovnet.geo.models import Division
    from egovnet.policy.models import SweepRun

    provinces = sorted(Division.objects.filter(level="province").values_list("code", flat=True))
    out = io.StringIO()
    call_command("sweep", "--each-province", stdout=out)
    call_command("sweep", "--each-province", stdout=out)  # asked twice: each province waits once
    call_command("sweep", "--queue", stdout=out)  # and the nation
    queued = DBTaskResult.objects.filter(task_path="egovnet.policy.tasks.national_sweep")
    assert sorted(r.args_kwargs["kwargs"]["province"] for r in queued) == sorted([*provinces, ""])
    assert "already waiting" in out.getvalue()
    jobs.EgovnetWorker(batch=True, interval=0).run()
    assert {r.status for r in queued.all()} == {TaskResultStatus.SUCCESSFUL}
    assert sorted(SweepRun.objects.filter(status="done").values_list("province", flat=True)) == sorted(
        [*provinces, ""]
    )
