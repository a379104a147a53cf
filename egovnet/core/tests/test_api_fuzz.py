"""A bounded property-based fuzz run over every operation of the OpenAPI schema (schemathesis + hypothesis).

For each operation, schemathesis generates requests that fit the schema and requests that break it
(wrong types, missing fields, out-of-range values); each is sent in-process to the WSGI application as a
national administrator and as a provincial DRC reviewer, on the seeded demo database. A response fails
the run when it is a 5xx, or when it does not conform to the schema: an undocumented status code or
content type, or a body that violates the documented JSON schema. All failures are collected and
reported together (one example per operation, check and status).

Each request runs inside a savepoint that is rolled back afterwards, inside a module-wide transaction that
is rolled back at the end: a fuzzed write (a deletion, a revoked token) never reaches the next case or
another test module. Ids in paths are drawn from the role's own lists half of the time, so detail and
action endpoints are reached, not only their 404.

``EGOVNET_FUZZ_CASES`` (default 3) is the number of examples per operation and generation mode; raise it
for longer local runs. ``EGOVNET_FUZZ_SEED`` picks a random seed (CI runs derandomized, so it is repeatable).
The schema comes from drf-spectacular's generator itself, so the run does not depend on who may read
``/api/schema/``.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections, transaction
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from rest_framework.test import APIClient

schemathesis = pytest.importorskip("schemathesis")
hypothesis = pytest.importorskip("hypothesis")

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis.errors import Unsatisfiable  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.core.failures import FailureGroup  # noqa: E402
from schemathesis.generation.modes import GenerationMode  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from egovnet.core.models import User  # noqa: E402
from egovnet.core.tokens import issue_token  # noqa: E402
from egovnet.demo.loader import load_demo  # noqa: E402

pytestmark = pytest.mark.django_db  # also tells pytest-django to create the test database

CASES = int(os.environ.get("EGOVNET_FUZZ_CASES", "3"))
SEED = os.environ.get("EGOVNET_FUZZ_SEED")
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
# A national administrator (superuser) and a provincial DRC reviewer (广东, secret clearance).
ROLES = ["admin", "gd_drc"]


def openapi_document() -> dict[str, Any]:
    """The schema exactly as ``/api/schema/`` serves it, straight from the generator."""
    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated))


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo dataset in one transaction for the module, rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def api_schema(demo_world, django_db_blocker):
    with django_db_blocker.unblock():
        loaded = schemathesis.openapi.from_dict(openapi_document())
    loaded.app = get_wsgi_application()
    return loaded


@contextmanager
def connection_kept_open() -> Iterator[None]:
    """Keep the connection (and the module's transaction) open across requests, as Django's test client does.

    Django's test client reconnects ``close_old_connections`` after each of its own requests, so no test
    client may run inside this block.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def _list_path(path: str) -> str | None:
    head = path.split("{", 1)[0]
    return head if head != path else None


def known_ids(operations: list, user: User) -> dict[str, dict[str, str]]:
    """For each path with a parameter, a value the user can read (the first row of the list above it)."""
    client = APIClient()
    client.force_authenticate(user)
    found: dict[str, dict[str, str]] = {}
    for op in operations:
        list_path = _list_path(op.path)
        if list_path is None or op.path in found:
            continue
        name = op.path[len(list_path) + 1 :].split("}", 1)[0]
        response = client.get(list_path)
        rows = response.json() if response.status_code == 200 else None
        rows = rows.get("results", []) if isinstance(rows, dict) else rows or []
        key = "code" if name == "code" else "seq" if name == "seq" else "id"
        if rows and isinstance(rows[0], dict) and key in rows[0]:
            found[op.path] = {name: str(rows[0][key])}
    return found


def _strategy(op, mode: GenerationMode, fixed: dict[str, str] | None):
    generated = op.as_strategy(generation_mode=mode)
    if not fixed:
        return generated
    return st.one_of(op.as_strategy(generation_mode=mode, path_parameters=fixed), generated)


def fuzz_operation(op, strategy, headers: dict[str, str], failures: dict, counter: list[int]) -> None:
    """Run ``CASES`` generated requests against one operation; keep the first example of each failure."""

    @settings(
        max_examples=CASES,
        deadline=None,
        database=None,
        derandomize=SEED is None,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=strategy)
    def run(case) -> None:
        counter[0] += 1
        savepoint = transaction.savepoint()
        try:
            response = case.call(headers=headers)
            try:
                case.validate_response(response, checks=CHECKS, headers=headers)
            except FailureGroup as group:
                for failure in group.exceptions:
                    key = (op.label, type(failure).__name__, response.status_code)
                    if key not in failures:
                        failures[key] = f"{failure}\n{response.text[:400]}\n{case.as_curl_command()[:600]}"
        finally:
            transaction.savepoint_rollback(savepoint)

    if SEED is not None:
        run = seed(int(SEED))(run)
    try:
        run()
    except Unsatisfiable:
        pass  # nothing to break: an operation without parameters or body has no negative cases


@pytest.mark.parametrize("role", ROLES)
def test_every_operation_answers_without_5xx_and_as_documented(role, api_schema):
    user = User.objects.get(username=role)
    headers = {"Authorization": f"Token {issue_token(actor=user, user=user, operator=True)}"}
    operations = [result.ok() for result in api_schema.get_all_operations()]
    ids = known_ids(operations, user)
    failures: dict[tuple, str] = {}
    total, unreached = 0, []
    started = time.monotonic()
    with connection_kept_open():
        for op in operations:
            counter = [0]
            for mode in MODES:
                fuzz_operation(op, _strategy(op, mode, ids.get(op.path)), headers, failures, counter)
            total += counter[0]
            if not counter[0]:
                unreached.append(op.label)
    elapsed = time.monotonic() - started
    print(f"\nAPI fuzz as {role}: {len(operations)} operations, {total} cases, {elapsed:.0f} s")
    assert len(operations) >= 100, "the schema lost operations"
    assert not unreached, f"no case generated for {unreached}"
    report = "\n\n".join(
        f"{label} · {kind} · HTTP {status}\n{text}" for (label, kind, status), text in failures.items()
    )
    assert not failures, f"{len(failures)} distinct failure(s) as {role}:\n\n{report}"
