"""Prometheus metrics (prometheus_client): request latency and queries per request by view, background task
durations and failures, queue depth, and stored findings by outcome.

Request and task metrics are recorded as they happen; queue depth and findings are read from the database when
``/metrics`` is scraped (one grouped query each), so they are right across every process of the fleet. Under
gunicorn set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder shared by the workers of one server (the client
library's multi-process mode); without it each process reports its own counters.

``/metrics`` answers only to a request with ``Authorization: Bearer $EGOVNET_METRICS_TOKEN``, or from the loopback
address when no token is configured; everyone else gets 404.
"""

from __future__ import annotations

import hmac
import os
import time

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

REQUEST_SECONDS = Histogram(
    "egovnet_request_seconds", "Time to answer a request, by view and method", ["view", "method", "status"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)
REQUEST_QUERIES = Histogram(
    "egovnet_request_queries", "Database queries per request, by view", ["view"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500),
)
TASK_SECONDS = Histogram(
    "egovnet_task_seconds", "Background task duration, by task and outcome", ["task", "outcome"],
    buckets=(0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600),
)
TASK_FAILURES = Counter("egovnet_task_failures", "Background tasks that failed, by task", ["task"])


class _QueryCounter:
    __slots__ = ("count",)

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class MetricsMiddleware:
    """Latency and query count of every request, labelled by the resolved view name (bounded cardinality)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        counter = _QueryCounter()
        start = time.perf_counter()
        with connection.execute_wrapper(counter):
            response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        view = match.view_name if match else "unresolved"
        REQUEST_SECONDS.labels(view, request.method, str(response.status_code)).observe(time.perf_counter() - start)
        REQUEST_QUERIES.labels(view).observe(counter.count)
        return response


class DatabaseCollector(Collector):
    """Queue depth by status and stored findings by outcome, read at scrape time."""

    def collect(self):
        queue = GaugeMetricFamily("egovnet_task_queue", "Background tasks by status", labels=["status"])
        task_model = apps.get_model("django_tasks_database", "DBTaskResult")
        for row in task_model.objects.values("status").annotate(n=Count("id")).order_by():
            queue.add_metric([row["status"]], row["n"])
        yield queue
        findings = GaugeMetricFamily("egovnet_findings", "Stored findings by outcome", labels=["outcome"])
        for label, outcome_counts in _findings_by_outcome():
            findings.add_metric([label], outcome_counts)
        yield findings


def _findings_by_outcome():
    try:
        model = apps.get_model("policy", "Finding")
    except LookupError:  # a deployment without the policy app
        return []
    return [(r["outcome"], r["n"]) for r in model.objects.values("outcome").annotate(n=Count("id")).order_by()]


def _task_started(sender, task_result, **kwargs) -> None:
    _started[task_result.id] = time.perf_counter()


def _task_finished(sender, task_result, **kwargs) -> None:
    start = _started.pop(task_result.id, None)
    outcome = str(task_result.status).lower()
    name = task_result.task.name
    if start is not None:
        TASK_SECONDS.labels(name, outcome).observe(time.perf_counter() - start)
    if outcome == "failed":
        TASK_FAILURES.labels(name).inc()


_started: dict = {}


def connect_task_signals() -> None:
    from django_tasks.signals import task_finished, task_started

    task_started.connect(_task_started, dispatch_uid="egovnet-metrics-task-started")
    task_finished.connect(_task_finished, dispatch_uid="egovnet-metrics-task-finished")


def _allowed(request: HttpRequest) -> bool:
    token = getattr(settings, "METRICS_TOKEN", "")
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return hmac.compare_digest(given, token)
    return request.META.get("REMOTE_ADDR") in {"127.0.0.1", "::1"}


def metrics_view(request: HttpRequest) -> HttpResponse:
    if not _allowed(request):
        raise Http404
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
        registry.register(DatabaseCollector())
    else:
        registry = CollectorRegistry()
        for collector in (REQUEST_SECONDS, REQUEST_QUERIES, TASK_SECONDS, TASK_FAILURES, DatabaseCollector()):
            registry.register(collector)
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)

