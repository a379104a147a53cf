"""/metrics: request latency and queries by view, task outcomes, queue depth and findings; closed to strangers."""

import logging

import pytest
from django.urls import reverse

from egovnet.core.logging import RequestIdFilter
from egovnet.exchange.tasks import run_import_job

pytestmark = pytest.mark.django_db


def _scrape(client, **headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_request_latency_and_queries_are_labelled_by_view(client, admin_user_):
    client.force_login(admin_user_)
    client.get(reverse("orgs:organisation_list"))
    body = _scrape(client)
    assert 'egovnet_request_seconds_count{method="GET",status="200",view="orgs:organisation_list"}' in body
    assert 'egovnet_request_queries_count{view="orgs:organisation_list"}' in body


@pytest.mark.django_db(transaction=True)  # the worker loop manages its connection as in production
def test_queue_depth_and_task_outcomes(client, admin_user_):
    from egovnet.core.jobs import EgovnetWorker
    from egovnet.exchange.models import ImportJob

    job = ImportJob.objects.create(user=admin_user_, registry="systems", original_name="x.csv",
                                   stored_path="/missing.csv", fmt="csv", status="validating")
    run_import_job.enqueue(job_id=job.pk, write=False)
    assert 'egovnet_task_queue{status="READY"} 1.0' in _scrape(client)
    EgovnetWorker(batch=True, interval=0).run()
    body = _scrape(client)
    assert 'egovnet_task_queue{status="SUCCESSFUL"} 1.0' in body
    assert 'egovnet_task_seconds_count{outcome="successful",task="run_import_job"}' in body
    assert "egovnet_findings" in body


def test_metrics_need_the_token_or_loopback(client, settings):
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 404
    settings.METRICS_TOKEN = "s3cret-token"
    assert client.get("/metrics").status_code == 404  # loopback no longer enough once a token is set
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer s3cret-token").status_code == 200


def test_log_records_carry_the_request_id():
    from egovnet.core.audit import request_id_var

    record = logging.LogRecord("x", logging.INFO, __file__, 1, "msg", None, None)
    token = request_id_var.set("req-42")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)
    assert record.request_id == "req-42"
