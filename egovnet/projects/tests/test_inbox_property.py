"""Generated projects (seeded random): whatever is open, the inbox shows it to exactly the users the services let
act; notices are created once; a decision needs its facts and a reason to reject."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from egovnet.projects import workflow
from egovnet.projects.models import AuthorityRequest, ExpertInvitation, Project
from egovnet.projects.services import (
    invitation_respond,
    meeting_create,
    project_add_application,
    project_create,
    request_decide,
    request_submit,
)
from egovnet.projects.services.requests import may_decide
from egovnet.projects.services.reviews import may_answer
from egovnet.tasks import notify
from egovnet.tasks.inbox import all_open, inbox

from .conftest import ACT

pytestmark = pytest.mark.django_db

KINDS = ["secrecy_review", "mlps_filing", "intranet_vetting", "intranet_review", "extranet_agreement"]


def _users(w):
    return [w.admin, w.lead, w.staff, w.other_lead, w.reviewer, w.napss_officer, w.bj_officer, w.mps_officer,
            w.ha_officer, w.coord_officer, w.extranet_officer, w.agency_user, w.ha_lead, w.ha_reviewer,
            w.ha_secrecy_officer, w.ha_extranet_officer]  # fmt: skip


def _allowed(user, t) -> bool:
    kind, oid = t.kind, t.key.split("-")[1]
    if kind == "request":
        return may_decide(user, AuthorityRequest.objects.get(pk=oid))
    if kind == "invitation":
        return may_answer(user, ExpertInvitation.objects.get(pk=oid))
    if kind == "project":
        p = Project.objects.get(pk=oid)
        name = t.key.split("-", 2)[2]
        return workflow.actor_may(user, workflow.BY_NAME["withdraw" if name == "supply" else name], p)
    raise AssertionError(kind)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_projects_reach_exactly_the_allowed_users(world, seed):
    w, rng = world, random.Random(seed)
    for n in range(4):
        owner = rng.choice([w.ministry, w.other_ministry])
        p = project_create(actor=w.admin, owner=owner, name=f"生成项目{seed}-{n}", act_date=ACT)
        app = project_add_application(actor=w.admin, project=p, system=w.portal) if owner == w.ministry else None
        for kind in rng.sample(KINDS, rng.randint(0, 3)):
            if kind in ("secrecy_review", "mlps_filing") and app is None:
                continue
            req = request_submit(actor=w.admin, project=p, kind=kind, applications=[app] if app else [],
                                 submitted_on=dt.date(2013, 3, rng.randint(1, 28)))  # fmt: skip
            if rng.random() < 0.4:
                request_decide(actor=w.admin, request=req, approve=rng.random() < 0.7, decision_ref="X-1",
                               conditions="理由", expected_version=req.version, decided_on=dt.date(2013, 4, 1))  # fmt: skip
        if rng.random() < 0.6:
            m = meeting_create(actor=w.admin, project=p, review_type="needs_deliberation", date=dt.date(2013, 4, 20),
                               invite_on=dt.date(2013, 4, 1))  # fmt: skip
            for inv in m.invitations.all():
                if rng.random() < 0.3:
                    invitation_respond(actor=w.admin, invitation=inv, response="declined", expected_version=inv.version)
    users = _users(w)
    keys = {u.pk: {t.key for t in inbox(u).todo + inbox(u).overdue} for u in users}
    tasks = all_open()
    assert tasks
    for t in tasks:
        assert {u.username for u in users if t.key in keys[u.pk]} == {u.username for u in users if _allowed(u, t)}, (
            t.key
        )


def test_notices_are_created_and_mailed_once(world, project, settings):
    w = world
    req = request_submit(actor=w.lead, project=project, kind="mlps_filing", applications=[w.app_portal],
                         submitted_on=dt.date(2013, 3, 1))  # fmt: skip
    w.bj_officer.email = "bj@example.org"
    w.bj_officer.save()
    first = notify.sweep(dt.date(2013, 4, 1))
    assert first > 0
    assert notify.sweep(dt.date(2013, 4, 1)) == 0  # idempotent
    mine = w.bj_officer.notifications.values_list("key", "event")
    assert set(mine) >= {(f"request-{req.pk}", "arrived"), (f"request-{req.pk}", "overdue")}
    assert notify.send_digests(dt.date(2013, 4, 1)) == 0  # off by default
    settings.DIGEST_ENABLED = True
    assert notify.send_digests(dt.date(2013, 4, 1)) >= 1
    assert notify.send_digests(dt.date(2013, 4, 2)) == 0
    assert [m.to for m in mail.outbox] == [["bj@example.org"]]
    request_decide(actor=w.bj_officer, request=req, approve=True, decision_ref="11010113001-1",
                   expected_version=req.version)  # fmt: skip
    assert notify.sweep(dt.date(2013, 4, 1)) == 1  # the submitter hears of the decision, once
    assert w.lead.notifications.filter(event="decided", key=f"request-{req.pk}").count() == 1
    assert notify.sweep(dt.date(2013, 4, 1)) == 0


def test_rejection_needs_a_reason(world, project):
    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal])
    with pytest.raises(ValidationError):
        request_decide(actor=world.bj_officer, request=req, approve=False, decision_ref="R-1",
                       expected_version=req.version)  # fmt: skip
    req.refresh_from_db()
    assert req.status == "pending"


def test_reminders_command_notifies_through_the_same_path_once(world, project, capsys):
    from django.core.management import call_command

    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal],
                         submitted_on=dt.date(2013, 3, 1))  # fmt: skip
    call_command("reminders", today="2013-03-20")
    assert world.bj_officer.notifications.filter(key=f"request-{req.pk}", event="overdue").count() == 1
    call_command("reminders", today="2013-03-21")
    out = capsys.readouterr().out
    assert "0 new notices" in out.splitlines()[-1]
    assert world.bj_officer.notifications.filter(key=f"request-{req.pk}").count() == 2  # arrived + overdue


def test_a_users_inbox_costs_the_same_queries_whatever_the_number_of_items(world, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost(user) -> int:
        user = type(user).objects.get(pk=user.pk)  # fresh: no cached assignments
        with CaptureQueriesContext(connection) as ctx:
            inbox(user)
        return len(ctx.captured_queries)

    def add(n: int) -> None:
        for k in range(n):
            p = project_create(actor=world.admin, owner=world.ministry, name=f"批量{n}-{k}", act_date=ACT)
            app = project_add_application(actor=world.admin, project=p, system=world.portal)
            request_submit(actor=world.admin, project=p, kind="mlps_filing", applications=[app])
            meeting_create(actor=world.admin, project=p, review_type="needs_deliberation", date=dt.date(2013, 4, 20))

    add(1)
    small = {u.username: cost(u) for u in (world.lead, world.reviewer, world.bj_officer, world.mps_officer)}
    add(5)
    big = {u.username: cost(u) for u in (world.lead, world.reviewer, world.bj_officer, world.mps_officer)}
    assert big == small


def test_agency_gets_the_commission_and_the_owner_hears_of_the_result_once(world, project):
    from egovnet.projects.services import commission_create, commission_report

    c = commission_create(actor=world.lead, project=project, agency=world.agencies["mlps"], assessment_type="mlps")
    assert [t.key for t in inbox(world.agency_user).todo] == [f"commission-{c.pk}"]
    assert f"commission-{c.pk}" in {t.key for t in inbox(world.lead).waiting}
    commission_report(actor=world.agency_user, commission=c, expected_version=c.version, passed=True, ref_no="测评-1",
                      date=dt.date(2013, 9, 1), issues="")  # fmt: skip
    assert inbox(world.agency_user).todo == []
    notify.sweep(dt.date(2013, 9, 2))
    notify.sweep(dt.date(2013, 9, 3))
    assert world.lead.notifications.filter(key=f"commission-{c.pk}", event="decided").count() == 1


def test_local_part_waits_on_the_owner_until_the_national_approval_is_recorded(world, project):
    from egovnet.projects.services import evidence_create, local_part_create

    Project.objects.filter(pk=project.pk).update(cobuilt=True, stage="feasibility")
    project.refresh_from_db()
    lp = local_part_create(actor=world.lead, project=project, division=world.ha_dept.division, owner=world.ha_dept,
                           name="河南部分")  # fmt: skip
    evidence_create(actor=world.lead, project=project, doc_type="feasibility_study_report", local_part=lp)
    assert not [t for t in inbox(world.ha_reviewer).todo if t.kind == "local_part"]  # nothing to cite yet
    assert any("R-10.3" in t.rule for t in inbox(world.lead).todo if t.kind == "project")
    Project.objects.filter(pk=project.pk).update(national_approval_ref="发改〔2013〕1号")
    assert [t.key for t in inbox(world.ha_reviewer).todo if t.kind == "local_part"] == [
        f"local_part-{lp.pk}-feasibility_study_report"
    ]


def test_api_tasks_lists_an_overdue_request_once(world, project):
    from .helpers import client_for, ok

    req = request_submit(actor=world.lead, project=project, kind="mlps_filing", applications=[world.app_portal],
                         submitted_on=dt.date(2013, 3, 1))  # fmt: skip
    tasks = ok(client_for(world.admin).get("/api/projects/tasks/"))  # decides and waits: both sides
    assert [r["id"] for r in tasks["overdue"]] == [req.pk]
