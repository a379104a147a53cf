"""Liveness (``/healthz``) and readiness (``/readyz``) probes for load balancers and orchestrators.

Liveness says the process answers; it touches nothing else, so a database outage does not get every app server
restarted. Readiness uses django-health-check: the database answers, every migration is applied (an app server of a
newer release must not take traffic before ``migrate`` ran), and the media store accepts a write. Both are public
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


READINESS_CHECKS = (
    "health_check.checks.Database",
    MigrationsApplied,
    "health_check.checks.Storage",
)


@never_cache
def liveness(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


_readiness_checks = HealthCheckView.as_view(checks=READINESS_CHECKS)


async def readiness(request: HttpRequest) -> HttpResponse:
    """The checks' report; a failing check answers 503 (not ready: try another server), not 500."""
    response = await _readiness_checks(request)
    if response.status_code == 500:
        response.status_code = 503
    return response
