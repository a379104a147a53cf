"""On the demo: each item reaches exactly the users the services let act on it; each role's inbox as written."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from egovnet.core import permissions
from egovnet.demo.loader import load_demo
from egovnet.migration.models import MigrationItem, OmProposal, PlanVersion
from egovnet.projects import workflow
from egovnet.projects.models import AssessmentCommission, AuthorityRequest, ExpertInvitation, LocalPart, Project
from egovnet.projects.services.evidence import may_approve_local_part
from egovnet.projects.services.requests import may_decide
from egovnet.projects.services.reviews import may_answer
from egovnet.tasks.inbox import all_open, inbox

pytestmark = pytest.mark.django_db


def allowed(user, task) -> bool:
    """Whether the services would let ``user`` take the task's action (their own permission checks)."""
    kind, oid = task.kind, task.key.split("-")[1]
    if kind == "request":
        return may_decide(user, AuthorityRequest.objects.get(pk=oid))
    if kind == "invitation":
        return may_answer(user, ExpertInvitation.objects.select_related("invitee").get(pk=oid))
    if kind == "local_part":
        return may_approve_local_part(user, LocalPart.objects.select_related("local_drc").get(pk=oid))
    if kind == "commission":
        c = AssessmentCommission.objects.select_related("agency__organisation").get(pk=oid)
        return permissions.can_for_org(user, "change", AssessmentCommission, c.agency.organisation)
    if kind == "project":
        p = Project.objects.select_related("owner", "approver").get(pk=oid)
        name = task.key.split("-", 2)[2]
        t = workflow.BY_NAME["withdraw" if name == "supply" else name]  # supply: the owner's lead moves it
        return workflow.actor_may(user, t, p)
    if kind == "plan":
        v = PlanVersion.objects.select_related("plan__department").get(pk=oid)
        action = "decide" if task.key.endswith("decide") else "transition"
        return permissions.can_for_org(user, action, PlanVersion, v.plan.department)
    if kind == "proposal":
        return permissions.can_for_org(user, "decide", OmProposal, OmProposal.objects.get(pk=oid).department)
    if kind == "migration_item":
        item = MigrationItem.objects.select_related("plan_version__plan__department").get(pk=oid)
        return permissions.can_for_org(user, "change", MigrationItem, item.plan_version.plan.department)
    raise AssertionError(kind)


# What each demo role must see (to act: 待我办理 + 已逾期), by kind — written from the demo's story.
EXPECTED = {
    "ministry_staff": {"migration_item": 1},
    "ministry_lead": {"project": 3, "migration_item": 1},
    "ndrc_reviewer": {"local_part": 1, "plan": 1},  # national scope: covers the Guangdong DRC too
    "gd_drc": {"local_part": 1},
    "mps_officer": {"request": 1, "invitation": 1},
    "napss_officer": {"request": 1, "invitation": 1},
    "coord_officer": {"invitation": 1},
    "extranet_officer": {"invitation": 1},
    "mof_officer": {"proposal": 1},
    "agency": {"commission": 1},
    "expert": {},
    "auditor": {},
    "viewer": {},
}


def _kinds(tasks) -> dict[str, int]:
    out: dict[str, int] = {}
    for t in tasks:
        out[t.kind] = out.get(t.kind, 0) + 1
    return out


def test_every_demo_item_reaches_exactly_the_users_allowed_to_act(django_assert_max_num_queries):
    load_demo()
    users = list(get_user_model().objects.filter(is_active=True).order_by("id"))
    boxes = {u.username: inbox(u) for u in users}
    shown_keys = {name: {t.key for t in b.todo + b.overdue} for name, b in boxes.items()}
    tasks = all_open()
    assert {t.kind for t in tasks} >= {"request", "invitation", "local_part", "commission", "project", "proposal"}
    for t in tasks:
        shown = {u.username for u in users if t.key in shown_keys[u.username]}
        may = {u.username for u in users if allowed(u, t)}
        assert shown == may, (t.key, shown, may)
    # nothing listed twice, nothing outside the derivation
    every = {t.key for t in tasks}
    for name, b in boxes.items():
        keys = [t.key for t in b.todo + b.overdue]
        assert len(keys) == len(set(keys)), name
        assert set(keys) <= every
        assert all(t.url.startswith("/") for t in b.todo + b.overdue + b.waiting)
    # closed items (decided requests, concluded meetings' invitations, reported commissions) reach nobody
    closed = [f"request-{pk}" for pk in AuthorityRequest.objects.exclude(status="pending").values_list("pk", flat=True)]
    closed += [f"invitation-{pk}" for pk in ExpertInvitation.objects.filter(meeting__concluded_at__isnull=False)
               .values_list("pk", flat=True)]  # fmt: skip
    assert not set(closed) & every
    # each role's inbox as written
    for name, kinds in EXPECTED.items():
        b = boxes[name]
        assert _kinds(b.todo + b.overdue) == kinds, (name, [t.key for t in b.todo + b.overdue])
    # the story's items: the Guangdong DRC must approve project 6's local part; finance the O&M proposal
    [lp_task] = boxes["gd_drc"].todo
    assert lp_task.actor_org.startswith("广东省发展") and "第十条" in lp_task.article and lp_task.rule == "R-10.3"
    [proposal] = boxes["mof_officer"].todo
    assert "6 项待定" in proposal.action_zh
    # each officer's invitation is addressed to its own body
    bodies = {n: {t.actor_org for t in boxes[n].todo + boxes[n].overdue if t.kind == "invitation"}
              for n in ("mps_officer", "napss_officer", "coord_officer", "extranet_officer")}  # fmt: skip
    assert len(set().union(*bodies.values())) == 4
    # the department waits on the authorities it asked, with whom and since when
    waiting = boxes["ministry_lead"].waiting
    assert {t.kind for t in waiting} >= {"request"} and all(t.since and t.actor_org for t in waiting)
    # every role's inbox page renders its items as links; the co-built project's page says whom it waits for
    from django.test import Client

    for u in users:
        c = Client()
        c.force_login(u)
        page = c.get("/tasks/").content.decode()
        for t in boxes[u.username].todo + boxes[u.username].overdue:
            assert f'href="{t.url}"' in page.replace("&amp;", "&"), (u.username, t.key)
    gd = Client()
    gd.force_login(get_user_model().objects.get(username="gd_drc"))
    cobuilt = Project.objects.get(cobuilt=True, is_demo=True)
    page = gd.get(f"/projects/{cobuilt.pk}/").content.decode()
    assert "等待：广东省发展和改革委员会 批复地方部分（地方可研）（《发改高技〔2012〕1986号》第十条" in page
    assert f"/tasks/local-parts/{lp_task.object_id}/approve/" in page  # the DRC's action on the page
    # a user's inbox costs a bounded number of queries
    lead = get_user_model().objects.get(username="ministry_lead")
    with django_assert_max_num_queries(40):
        inbox(lead)
