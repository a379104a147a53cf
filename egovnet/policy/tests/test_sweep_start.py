"""A sweep is started from the UI by those allowed to, queued once, audited, and run by the worker."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from egovnet.core import jobs
from egovnet.core.models import AuditEntry
from egovnet.policy import sweep_requests
from egovnet.policy.models import SweepRun

pytestmark = pytest.mark.django_db(transaction=True)  # the enqueue happens on commit, as in production
START = reverse("policy:sweep_start")
LIST = reverse("policy:sweep_list")


def _queued() -> list[tuple[str, str]]:
    return [(q.province, q.status) for q in sweep_requests.queued_sweeps()]


def test_national_admin_queues_one_sweep_and_sees_it_waiting(client, divisions, make_user):
    admin = make_user("sweep_admin", "admin")
    client.force_login(admin)
    assert 'id="sweep-start"' in client.get(LIST).content.decode()
    response = client.post(START, {"province": ""}, follow=True)
    assert response.status_code == 200
    assert _queued() == [("", TaskResultStatus.READY)]
    page = response.content.decode()
    assert 'id="sweep-queue"' in page and 'http-equiv="refresh"' in page
    assert AuditEntry.objects.filter(object_type="policy.sweeprun", actor=admin).count() == 1
    client.post(START, {"province": ""})  # the same scope again: refused, not queued twice
    assert len(_queued()) == 1


def test_a_viewer_may_not_start_a_sweep(client, divisions, make_user):
    client.force_login(make_user("sweep_viewer", "viewer"))
    assert 'id="sweep-start"' not in client.get(LIST).content.decode()
    assert client.post(START, {"province": ""}).status_code == 403
    assert _queued() == []


def test_a_provincial_reviewer_starts_only_its_own_province(client, divisions, make_user):
    reviewer = make_user("sweep_henan", ("drc_reviewer", None, divisions["410000"]))
    client.force_login(reviewer)
    page = client.get(LIST).content.decode()
    assert 'value="410000"' in page and 'value="110000"' not in page and '<option value="">' not in page
    assert client.post(START, {"province": "110000"}).status_code == 403
    assert client.post(START, {"province": ""}).status_code == 403
    client.post(START, {"province": "410000"})
    assert _queued() == [("410000", TaskResultStatus.READY)]


def test_an_unknown_province_is_refused_with_the_field_named(client, divisions, make_user):
    client.force_login(make_user("sweep_admin2", "admin"))
    page = client.post(START, {"province": "999999"}, follow=True).content.decode()
    assert "未知的省级行政区划" in page
    assert _queued() == []


def test_the_queued_sweep_runs_on_the_worker(client, settings, divisions, make_user):
    settings.SCHEDULE = {}  # only the requested sweep: the worker's own schedule runs on the real clock
    client.force_login(make_user("sweep_admin3", "admin"))
    client.post(START, {"province": ""})
    jobs.EgovnetWorker(batch=True, interval=0).run()
    assert DBTaskResult.objects.get(task_path=sweep_requests.TASK_PATH).status == TaskResultStatus.SUCCESSFUL
    assert SweepRun.objects.filter(status="done", province="").count() == 1
    assert _queued() == []
