"""Two officers deciding the same request at once: exactly one decision wins, nothing is lost or doubled."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from egovnet.core.errors import ServiceError
from egovnet.core.models import AuditEntry
from egovnet.core.services import update_object
from egovnet.projects.models import AuthorityRequest, Evidence, Project
from egovnet.projects.services import request_decide, request_submit


def test_stale_decision_gets_a_clear_message(world, project):
    w = world
    req = request_submit(actor=w.lead, project=project, kind="mlps_filing", applications=[w.app_portal])
    request_decide(actor=w.bj_officer, request=req, approve=True, decision_ref="A-1", expected_version=req.version)
    with pytest.raises(ServiceError) as exc:  # the second officer still holds version 1
        request_decide(actor=w.bj_officer, request=req, approve=False, decision_ref="B-1", expected_version=1,
                       conditions="材料不全")
    assert exc.value.code == "stale" and "刷新" in exc.value.message and "Reload" in exc.value.message
    assert AuthorityRequest.objects.get(pk=req.pk).decision_ref == "A-1"


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_decisions_on_postgresql(world, project, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (SELECT … FOR UPDATE); SQLite serialises whole-database writes")
    from egovnet.core.choices import Role

    w = world
    second = make_user("bjpsb2", (Role.PSB_OFFICER, w.bj_psb, None))
    req = request_submit(actor=w.lead, project=project, kind="mlps_filing", applications=[w.app_portal],
                         submitted_on=dt.date(2013, 3, 1))  # fmt: skip
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def decide(officer, approve: bool, ref: str) -> None:
        try:
            barrier.wait()
            request_decide(actor=officer, request=req, approve=approve, decision_ref=ref, expected_version=req.version,
                           conditions="" if approve else "材料不全 / incomplete")  # a rejection states its reason
            outcomes.append("ok")
        except ServiceError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=decide, args=(w.bj_officer, True, "A-1")),
               threading.Thread(target=decide, args=(second, False, "B-1"))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "stale"]
    req.refresh_from_db()
    assert req.version == 2 and req.decision_ref in ("A-1", "B-1")
    assert Evidence.objects.filter(project=project, doc_type="mlps_filing_certificate").count() == 1
    assert AuditEntry.objects.filter(object_type="projects.authorityrequest", action="decide").count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_project_edits_never_lose_an_update(world, project):
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks (SELECT … FOR UPDATE)")
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def edit(field: str, value) -> None:
        try:
            barrier.wait()
            update_object(actor=world.lead, obj=project, changes={field: value}, expected_version=project.version)
            outcomes.append("ok")
        except ServiceError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=edit, args=("name", "改名")),
               threading.Thread(target=edit, args=("national_approval_ref", "发改〔2013〕1号"))]  # fmt: skip
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "stale"]
    assert Project.objects.get(pk=project.pk).version == project.version + 1
