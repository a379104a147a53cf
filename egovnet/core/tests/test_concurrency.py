"""Concurrent writers on PostgreSQL: the audit chain stays linear and no update is lost."""

import threading

import pytest
from django.db import connection, connections

from egovnet.core import audit
from egovnet.core.errors import ConcurrentEditError
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create, organisation_update

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks and advisory locks; CI runs it with DATABASE_URL set")


def _in_threads(target, n):
    barrier = threading.Barrier(n)
    results: list = [None] * n

    def run(i):
        try:
            barrier.wait()
            results[i] = target(i)
        except Exception as exc:  # noqa: BLE001 — collected and asserted by the caller
            results[i] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_writes_keep_the_audit_chain_linear(divisions, admin_user_):
    results = _in_threads(
        lambda i: organisation_create(
            actor=admin_user_,
            name=f"并发单位{i}",
            kind="government_department",
            level="central",
            division=divisions["110000"],
        ),
        8,
    )
    assert all(isinstance(r, Organisation) for r in results), results
    assert audit.verify_chain() is None


def test_two_simultaneous_edits_of_one_version_one_wins_one_is_refused(divisions, admin_user_):
    org = organisation_create(
        actor=admin_user_, name="某部", kind="government_department", level="central", division=divisions["110000"]
    )
    results = _in_threads(
        lambda i: organisation_update(actor=admin_user_, organisation=org, expected_version=1, short_name=f"简称{i}"),
        2,
    )
    winners = [r for r in results if isinstance(r, Organisation)]
    refused = [r for r in results if isinstance(r, ConcurrentEditError)]
    assert len(winners) == 1 and len(refused) == 1, results
    org.refresh_from_db()
    assert org.version == 2 and org.short_name == winners[0].short_name
    assert audit.verify_chain() is None
