"""Web UI: pages render in scope, 403/404 outside, writes through services, query counts on lists."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from egovnet.migration import services
from egovnet.migration.choices import LineDecision, PlanStatus
from egovnet.migration.models import MigrationItem, MigrationPlan, OmProposal

from .helpers import approved_plan
from .test_funding import AS_OF, funded  # noqa: F401


def login(user):
    c = Client()
    c.force_login(user)
    return c


def test_pages_render_for_department_staff(world, funded):  # noqa: F811
    c = login(world["users"]["staff"])
    plan = funded["plan"]
    for name, args in [
        ("plan_list", []),
        ("plan_detail", [plan.pk]),
        ("plan_timeline", [plan.pk]),
        ("dashboard", []),
        ("overdue", []),
        ("departments_without_plan", []),
        ("proposal_list", []),
        ("new_networks", []),
        ("what_if", []),
    ]:
        r = c.get(reverse(f"migration:{name}", args=args))
        assert r.status_code == 200, name
    listing = c.get(reverse("migration:plan_list")).content.decode()
    assert "1 / 3" in listing and '<strong class="danger">1</strong>' in listing
    detail = c.get(reverse("migration:plan_detail", args=[plan.pk])).content.decode()
    assert "防汛调度系统" in detail and "水利涉密系统" not in detail  # staff has no clearance
    assert "1 / 3 (33.3%)" in detail
    timeline = c.get(reverse("migration:plan_timeline", args=[plan.pk])).content.decode()
    assert 'class="bar' in timeline and "late" in timeline


def test_other_department_gets_404_and_cannot_post(world, funded):  # noqa: F811
    c = login(world["users"]["other_staff"])
    plan = funded["plan"]
    item = plan.effective_version.items.first()
    assert c.get(reverse("migration:plan_detail", args=[plan.pk])).status_code == 404
    assert (
        c.post(
            reverse("migration:item_progress", args=[item.pk]), {"status": "in_progress", "version": item.version}
        ).status_code
        == 404
    )
    assert c.post(reverse("migration:version_action", args=[plan.effective_version.pk, "new"])).status_code == 404


def test_same_scope_without_grant_is_403(world):
    plan, version = approved_plan(world)
    c = login(world["users"]["viewer"])
    assert c.get(reverse("migration:plan_detail", args=[plan.pk])).status_code == 200
    assert c.post(reverse("migration:version_action", args=[version.pk, "new"])).status_code == 403
    assert c.get(reverse("migration:plan_add")).status_code == 403


def test_department_edits_and_submits_through_the_ui(world):
    staff, lead, drc = (login(world["users"][k]) for k in ("staff", "lead", "drc"))
    r = staff.post(
        reverse("migration:plan_add"), {"department": world["ministry"].pk, "title": "UI 计划", "scheme": "方案"}
    )
    assert r.status_code == 302
    plan = MigrationPlan.objects.get(title="UI 计划")
    v = plan.effective_version
    r = staff.post(
        reverse("migration:item_add", args=[v.pk]),
        {"system": world["systems"]["flood"].pk, "from_network": world["legacy"].pk, "planned_date": "2027-01-01"},
    )
    assert r.status_code == 302 and v.items.count() == 1
    # placement refusal shown on the form
    r = staff.post(
        reverse("migration:item_add", args=[v.pk]),
        {
            "system": world["systems"]["water"].pk,
            "from_network": world["legacy"].pk,
            "planned_date": "2027-01-01",
            "target_network": "intranet",
        },
    )
    assert r.status_code == 200 and "第四条" in r.content.decode()
    v.refresh_from_db()
    assert (
        lead.post(reverse("migration:version_action", args=[v.pk, "submit"]), {"version": v.version}).status_code == 302
    )
    v.refresh_from_db()
    assert v.status == PlanStatus.SUBMITTED
    drc.post(reverse("migration:version_action", args=[v.pk, "approve"]), {"version": v.version, "approval_ref": "批1"})
    v.refresh_from_db()
    assert v.status == PlanStatus.APPROVED
    item = v.items.get()
    r = staff.post(
        reverse("migration:item_edit", args=[item.pk]),
        {"from_network": world["legacy"].pk, "planned_date": "2028-01-01", "version": item.version},
    )
    assert r.status_code == 200 and "read-only" in r.content.decode()  # refused with the service's message
    assert MigrationItem.objects.get(pk=item.pk).planned_date == dt.date(2027, 1, 1)
    r = staff.post(
        reverse("migration:item_progress", args=[item.pk]),
        {"status": "cut_over", "cutover_ref": "割1", "cutover_date": "2026-10-01", "version": item.version},
    )
    assert r.status_code == 302 and MigrationItem.objects.get(pk=item.pk).status == "cut_over"


def test_finance_reviews_proposal_in_the_ui(world, funded):  # noqa: F811
    fin = login(world["users"]["finance"])
    r = fin.post(
        reverse("migration:proposal_generate"),
        {"department": world["ministry"].pk, "fiscal_year": 2027, "as_of": AS_OF.isoformat()},
    )
    assert r.status_code == 302
    p = OmProposal.objects.get()
    page = fin.get(reverse("migration:proposal_detail", args=[p.pk])).content.decode()
    assert "R-12.2" in page and "《发改高技〔2012〕1986号》第十二条" in page and "art. 12" not in page
    assert "防汛调度系统" in page  # the migration item that justifies the reduction
    lines = list(p.lines.order_by("id"))
    fin.post(
        reverse("migration:line_decide", args=[lines[0].pk]),
        {"decision": "amend", "amount": "1", "reason": "", "version": lines[0].version},
    )
    assert p.lines.get(pk=lines[0].pk).decision == LineDecision.PENDING  # refused: no reason
    fin.post(
        reverse("migration:line_decide", args=[lines[0].pk]),
        {"decision": "amend", "amount": "1", "reason": "合同", "version": lines[0].version},
    )
    for line in lines[1:]:
        fin.post(reverse("migration:line_decide", args=[line.pk]), {"decision": "accept", "version": line.version})
    p.refresh_from_db()
    fin.post(reverse("migration:proposal_accept", args=[p.pk]), {"version": p.version})
    p.refresh_from_db()
    assert p.status == "accepted"
    r = fin.get(reverse("migration:proposal_detail", args=[p.pk]) + "?format=xlsx")
    assert load_workbook(io.BytesIO(r.content))["汇总"]["A2"].value == "水利部"
    staff = login(world["users"]["staff"])
    assert staff.get(reverse("migration:proposal_detail", args=[p.pk])).status_code == 200
    assert (
        staff.post(
            reverse("migration:line_decide", args=[lines[0].pk]), {"decision": "accept", "version": 9}
        ).status_code
        == 403
    )


def test_what_if_page_shows_effect_and_saves_nothing(world, funded):  # noqa: F811
    fin = login(world["users"]["finance"])
    water = funded["items"][world["systems"]["water"].pk]
    before = list(MigrationItem.objects.values())
    r = fin.post(
        reverse("migration:what_if"),
        {
            "department": world["ministry"].pk,
            "fiscal_year": 2027,
            "as_of": AS_OF.isoformat(),
            "overrides": json.dumps({str(water.pk): {"status": "cut_over"}}),
        },
    )
    body = r.content.decode()
    assert r.status_code == 200 and 'class="changed"' in body
    assert list(MigrationItem.objects.values()) == before and OmProposal.objects.count() == 0
    # the what-if is driven by the per-item inputs: no hand-written JSON is asked for
    assert 'name="overrides"' not in fin.get(reverse("migration:what_if")).content.decode()


@pytest.mark.parametrize("name", ["plan_list", "proposal_list", "overdue", "departments_without_plan", "new_networks"])
def test_list_pages_query_count(world, funded, name, django_assert_max_num_queries):  # noqa: F811
    services.proposal_generate(
        actor=world["users"]["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF
    )
    c = login(world["users"]["drc"])
    with django_assert_max_num_queries(12):
        assert c.get(reverse(f"migration:{name}")).status_code == 200


def test_ui_is_chinese_first(world):
    plan, version = approved_plan(world)
    body = login(world["users"]["staff"]).get(
        reverse("migration:plan_detail", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    text = body.content.decode()
    assert "迁移事项" in text and "本版本为只读" in text


def test_what_if_per_item_inputs(world, funded):  # noqa: F811
    fin = login(world["users"]["finance"])
    water = funded["items"][world["systems"]["water"].pk]
    before = list(MigrationItem.objects.values())
    base = {"department": world["ministry"].pk, "fiscal_year": 2027, "as_of": AS_OF.isoformat()}
    first = fin.post(reverse("migration:what_if"), base).content.decode()
    assert f'name="date_{water.pk}"' in first and 'class="changed"' not in first
    r = fin.post(reverse("migration:what_if"), {**base, f"date_{water.pk}": "2027-04-01"})
    body = r.content.decode()
    assert 'class="changed"' in body and 'value="2027-04-01"' in body
    secret = funded["items"][world["systems"]["secret"].pk]
    r = fin.post(reverse("migration:what_if"), {**base, f"status_{secret.pk}": "cut_over"})
    assert "150.00" in r.content.decode()  # legacy line: 2 of the 4 applications it carries migrated
    assert list(MigrationItem.objects.values()) == before


def test_budget_lines_and_exceptions_in_the_ui(world):
    fin, drc, staff = (login(world["users"][k]) for k in ("finance", "drc", "other_staff"))
    r = fin.post(
        reverse("migration:budget_add"),
        {
            "department": world["ministry"].pk,
            "fiscal_year": 2027,
            "object_kind": "network",
            "network": world["legacy"].pk,
            "amount_10k_yuan": "120",
            "basis": "线路",
        },
    )
    assert r.status_code == 302
    r = fin.post(
        reverse("migration:budget_add"),
        {"department": world["ministry"].pk, "fiscal_year": 2027, "object_kind": "network", "amount_10k_yuan": "1"},
    )
    assert r.status_code == 200 and "network" in r.context["form"].errors  # no network named
    from egovnet.migration.models import BudgetLine, NetworkException

    line = BudgetLine.objects.get()
    assert fin.get(reverse("migration:budget_list")).status_code == 200
    r = fin.post(
        reverse("migration:budget_edit", args=[line.pk]),
        {"amount_10k_yuan": "100", "basis": "x", "version": line.version},
    )
    assert r.status_code == 302 and BudgetLine.objects.get().amount_10k_yuan == 100
    assert staff.get(reverse("migration:budget_edit", args=[line.pk])).status_code == 404
    assert staff.get(reverse("migration:budget_add")).status_code == 200  # may add for its own department only
    r = staff.post(
        reverse("migration:budget_add"),
        {
            "department": world["ministry"].pk,
            "fiscal_year": 2027,
            "object_kind": "network",
            "network": world["legacy"].pk,
            "amount_10k_yuan": "1",
        },
    )
    assert r.status_code in (200, 403) and BudgetLine.objects.count() == 1
    page = drc.get(reverse("migration:new_networks")).content.decode()
    assert "水利新专网" in page and reverse("migration:network_exception", args=[world["newnet"].pk]) in page
    r = drc.post(
        reverse("migration:network_exception", args=[world["newnet"].pk]),
        {"status": "approved", "reference": "批2015-7", "approved_on": "2015-05-01"},
    )
    assert r.status_code == 302 and NetworkException.objects.get().status == "approved"
    r = drc.post(
        reverse("migration:network_exception", args=[world["newnet"].pk]), {"status": "approved", "reference": ""}
    )
    assert r.status_code == 200 and NetworkException.objects.get().reference == "批2015-7"
