"""Liveness (``/healthz``) and readiness (``/readyz``) probes for load balancers and orchestrators.

Liveness says the process answers; it touches nothing else, so a database outage does not get every app server
restarted. Readiness uses django-health-check: the database answers, every migration is applied (an app server of a
newer release must not take traffic before ``migrate`` ran), the media store accepts a write and the task queue is
reachable. ``/readyz/workers`` says whether at least one background worker is alive (its heartbeat). Both are public
(probes carry no credentials) and print check names and OK/failure only, never data.
"""

from __future__ import annotations

import dataclasses

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from health_check.base import HealthCheck
from health_check.exceptions import ServiceUnavailable
from health_check.views import HealthCheckView


@dataclasses.dataclass
class MigrationsApplied(HealthCheck):
    """Every migration known to this release is applied to the database."""

    alias: str = DEFAULT_DB_ALIAS

    def run(self) -> None:
        connection = connections[self.alias]
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        finally:
            connection.close()  # the check runs in a short-lived executor thread: never leave its connection open
        if plan:
            raise ServiceUnavailable(f"{len(plan)} migration(s) not applied")


@dataclasses.dataclass
class QueueReachable(HealthCheck):
    """The task queue's table answers (the web process enqueues imports and sweeps there)."""

    def run(self) -> None:
        from django_tasks_db.models import DBTaskResult

        try:
            DBTaskResult.objects.only("id").first()
        finally:
            connections[DEFAULT_DB_ALIAS].close()


@dataclasses.dataclass
class WorkerAlive(HealthCheck):
    """At least one ``egovnet worker`` has sent a heartbeat within ``WORKER_LOST_AFTER_S``."""

    def run(self) -> None:
        from .jobs import live_workers

        try:
            alive = live_workers()
        finally:
            connections[DEFAULT_DB_ALIAS].close()
        if not alive:
            raise ServiceUnavailable("no live worker: queued imports, sweeps and documents wait")


READINESS_CHECKS = (
    "health_check.checks.Database",
    MigrationsApplied,
    "health_check.checks.Storage",
    QueueReachable,
)


@never_cache
def liveness(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def _probe(checks):
    view = HealthCheckView.as_view(checks=checks)

    async def probe(request: HttpRequest) -> HttpResponse:
        """The checks' report; a failing check answers 503 (not ready: try another server), not 500."""
        response = await view(request)
        if response.status_code == 500:
            response.status_code = 503
        return response

    return probe


readiness = _probe(READINESS_CHECKS)
# Separate from /readyz on purpose: app servers keep serving pages while the workers are down, so a dead worker
# must alert the operator (monitor this probe) without taking every app server out of the pool.
workers = _probe((WorkerAlive,))
