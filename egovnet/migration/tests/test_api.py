"""REST API: reads scoped, writes through services, version-checked; permissions; query counts."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from rest_framework.test import APIClient

from egovnet.migration.choices import ProposalStatus
from egovnet.migration.models import MigrationItem, OmProposal

from .helpers import approved_plan
from .test_funding import AS_OF, funded  # noqa: F401

API = "/api/migration/"


def client(user):
    c = APIClient()
    c.force_authenticate(user)
    return c


def test_plan_and_item_lifecycle_over_api(world):
    u = world["users"]
    staff, lead, drc = client(u["staff"]), client(u["lead"]), client(u["drc"])
    r = staff.post(
        f"{API}plans/", {"department": world["ministry"].pk, "title": "计划", "scheme": "方案"}, format="json"
    )
    assert r.status_code == 201, r.data
    version = r.data["effective"]
    r = staff.post(
        f"{API}items/",
        {
            "plan_version": version["id"],
            "system": world["systems"]["flood"].pk,
            "from_network": world["legacy"].pk,
            "planned_date": "2027-01-01",
        },
        format="json",
    )
    assert r.status_code == 201 and r.data["target_network"] == "extranet"
    item = r.data
    r = staff.patch(f"{API}items/{item['id']}/", {"planned_date": "2027-02-01"}, format="json")
    assert r.status_code == 400 and "version" in r.data
    r = staff.patch(
        f"{API}items/{item['id']}/", {"planned_date": "2027-02-01", "version": item["version"] + 3}, format="json"
    )
    assert r.status_code == 409 and r.data["code"] == "stale"
    r = staff.patch(
        f"{API}items/{item['id']}/", {"planned_date": "2027-02-01", "version": item["version"]}, format="json"
    )
    assert r.status_code == 200 and r.data["planned_date"] == "2027-02-01"
    v = staff.get(f"{API}versions/{version['id']}/").data
    assert staff.post(f"{API}versions/{v['id']}/submit/", {"version": v["version"]}, format="json").status_code == 403
    r = lead.post(f"{API}versions/{v['id']}/submit/", {"version": v["version"]}, format="json")
    assert r.status_code == 200 and r.data["status"] == "submitted"
    assert (
        lead.post(f"{API}versions/{v['id']}/approve/", {"version": r.data["version"]}, format="json").status_code == 403
    )
    r = drc.post(
        f"{API}versions/{v['id']}/approve/",
        {"version": r.data["version"], "approval_ref": "批〔2026〕1号"},
        format="json",
    )
    assert r.status_code == 200 and r.data["status"] == "approved"
    r = staff.patch(f"{API}items/{item['id']}/", {"notes": "x", "version": item["version"] + 1}, format="json")
    assert r.status_code == 409 and r.data["code"] == "read_only"
    r = staff.post(f"{API}plans/{version['plan']}/new-version/")
    assert r.status_code == 201 and r.data["number"] == 2


def test_other_department_sees_nothing_and_cannot_write(world):
    plan, version = approved_plan(world)
    item = version.items.first()
    other = client(world["users"]["other_staff"])
    assert other.get(f"{API}plans/").data["count"] == 0
    assert other.get(f"{API}items/{item.pk}/").status_code == 404
    assert (
        other.post(f"{API}items/{item.pk}/progress/", {"status": "in_progress", "version": item.version}).status_code
        == 404
    )
    r = other.post(
        f"{API}items/",
        {
            "plan_version": version.pk,
            "system": world["systems"]["flood"].pk,
            "from_network": world["legacy"].pk,
            "planned_date": "2027-01-01",
        },
        format="json",
    )
    assert r.status_code == 403
    assert client(world["users"]["viewer"]).get(f"{API}plans/").data["count"] == 1
    anonymous = APIClient()
    assert anonymous.get(f"{API}plans/").status_code in (401, 403)


def test_finance_generates_decides_and_exports(world, funded):  # noqa: F811
    fin = client(world["users"]["finance"])
    lead = client(world["users"]["lead"])
    body = {"department": world["ministry"].pk, "fiscal_year": 2027, "as_of": AS_OF.isoformat()}
    assert lead.post(f"{API}proposals/", body, format="json").status_code == 403
    r = fin.post(f"{API}proposals/", body, format="json")
    assert r.status_code == 201
    pid = r.data["id"]
    detail = fin.get(f"{API}proposals/{pid}/").data
    assert len(detail["lines"]) == 4 and all(
        x["article"] == "《发改高技〔2012〕1986号》第十二条" for x in detail["lines"]
    )
    first = detail["lines"][0]
    r = lead.post(
        f"{API}proposal-lines/{first['id']}/decide/", {"accept": True, "version": first["version"]}, format="json"
    )
    assert r.status_code == 403
    r = fin.post(
        f"{API}proposal-lines/{first['id']}/decide/",
        {"accept": False, "amount": "10", "version": first["version"]},
        format="json",
    )
    assert r.status_code == 400 and "reason" in r.data
    for line in detail["lines"]:
        r = fin.post(
            f"{API}proposal-lines/{line['id']}/decide/", {"accept": True, "version": line["version"]}, format="json"
        )
        assert r.status_code == 200 and r.data["decision"] == "accepted", r.data
    version = fin.get(f"{API}proposals/{pid}/").data["version"]
    r = fin.post(f"{API}proposals/{pid}/accept/", {"version": version}, format="json")
    assert r.status_code == 200 and r.data["status"] == ProposalStatus.ACCEPTED
    r = fin.get(f"{API}proposals/{pid}/xlsx/")
    assert r.status_code == 200
    wb = load_workbook(io.BytesIO(r.content))
    assert wb["汇总"]["C2"].value == "已接受"


def test_what_if_api_writes_nothing(world, funded):  # noqa: F811
    fin = client(world["users"]["finance"])
    water = funded["items"][world["systems"]["water"].pk]
    before = (list(MigrationItem.objects.values()), OmProposal.objects.count())
    body = {
        "department": world["ministry"].pk,
        "fiscal_year": 2027,
        "as_of": AS_OF.isoformat(),
        "overrides": {str(water.pk): {"planned_date": "2027-05-01"}},
    }
    r = fin.post(f"{API}what-if/", body, format="json")
    assert r.status_code == 200, r.data
    assert not any(x["rule"] == "R-12.3-overdue" for x in r.data["lines"])
    r = fin.post(f"{API}what-if/", {**body, "overrides": {"abc": {}}}, format="json")
    assert r.status_code == 400 and "overrides" in r.data
    assert (list(MigrationItem.objects.values()), OmProposal.objects.count()) == before


def test_reports_endpoints(world, funded):  # noqa: F811
    drc = client(world["users"]["drc"])
    r = drc.get(f"{API}progress/")
    assert r.status_code == 200 and r.data["nation"]["total"] == 3
    r = drc.get(f"{API}departments-without-plan/")
    assert {(x["name"], x["dedicated_networks"]) for x in r.data["results"]} == {("农业农村部", 1), ("河南省水利厅", 1)}
    r = drc.get(f"{API}new-networks/")
    assert [x["name"] for x in r.data["results"]] == ["水利新专网"] and not r.data["results"][0]["om_eligible"]
    r = drc.get(f"{API}overdue/")
    assert r.data["count"] == 1


@pytest.mark.parametrize(
    "path,limit",
    [
        ("plans/", 6),
        ("items/", 6),
        ("budget-lines/", 6),
        ("proposals/", 6),
        ("proposal-lines/", 7),
        ("departments-without-plan/", 6),
        ("new-networks/", 6),
    ],
)
def test_list_endpoints_query_count_does_not_grow(world, funded, path, limit, django_assert_max_num_queries):  # noqa: F811
    from egovnet.migration import services

    services.proposal_generate(
        actor=world["users"]["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF
    )
    for n in range(8):  # more rows must not mean more queries
        services.budget_line_create(
            actor=world["users"]["finance"],
            department=world["ministry"],
            fiscal_year=2026,
            object_kind="network",
            network=world["legacy"],
            amount_10k_yuan=n,
        )
    c = client(world["users"]["drc"] if path != "budget-lines/" else world["users"]["finance"])
    with django_assert_max_num_queries(limit):
        r = c.get(API + path)
    assert r.status_code == 200


def test_item_date_is_validated(world):
    plan, version = approved_plan(world)
    r = client(world["users"]["staff"]).post(f"{API}plans/{plan.pk}/new-version/")
    draft = r.data["id"]
    r = client(world["users"]["staff"]).post(
        f"{API}items/",
        {
            "plan_version": draft,
            "system": world["systems"]["secret"].pk,
            "from_network": world["legacy"].pk,
            "planned_date": "soon",
        },
        format="json",
    )
    assert r.status_code == 400 and "planned_date" in r.data


def test_budget_lines_api(world):
    fin, other = client(world["users"]["finance"]), client(world["users"]["other_staff"])
    body = {
        "department": world["ministry"].pk,
        "fiscal_year": 2027,
        "object_kind": "network",
        "network": world["legacy"].pk,
        "amount_10k_yuan": "12.50",
        "basis": "线路",
    }
    assert other.post(f"{API}budget-lines/", body, format="json").status_code == 403
    r = fin.post(f"{API}budget-lines/", body, format="json")
    assert r.status_code == 201, r.data
    line = r.data
    r = fin.post(f"{API}budget-lines/", {**body, "network": None, "object_kind": "application"}, format="json")
    assert r.status_code == 400 and "system" in r.data
    assert fin.patch(f"{API}budget-lines/{line['id']}/", {"amount_10k_yuan": "10"}, format="json").status_code == 400
    r = fin.patch(
        f"{API}budget-lines/{line['id']}/", {"amount_10k_yuan": "10", "version": line["version"]}, format="json"
    )
    assert r.status_code == 200 and r.data["amount_10k_yuan"] == "10.00"
    assert other.get(f"{API}budget-lines/{line['id']}/").status_code == 404
    r = client(world["users"]["drc"]).post(
        f"{API}network-exceptions/",
        {"network": world["newnet"].pk, "status": "approved", "reference": "批", "approved_on": "2015-01-01"},
        format="json",
    )
    assert r.status_code == 201 and r.data["status"] == "approved"
    assert fin.post(f"{API}network-exceptions/", {"network": world["newnet"].pk}, format="json").status_code == 403


def test_proposal_detail_query_count_does_not_grow_with_lines(world, funded, django_assert_max_num_queries):  # noqa: F811
    from egovnet.migration import services

    fin = world["users"]["finance"]
    for n in range(10):
        services.budget_line_create(
            actor=fin,
            department=world["ministry"],
            fiscal_year=2027,
            object_kind="application",
            system=world["systems"]["flood"],
            amount_10k_yuan=n,
        )
    p = services.proposal_generate(actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    assert p.lines.count() == 14
    c = client(fin)
    with django_assert_max_num_queries(8):
        r = c.get(f"{API}proposals/{p.pk}/")
    assert r.status_code == 200 and len(r.data["lines"]) == 14
    from django.test import Client

    web = Client()
    web.force_login(fin)
    with django_assert_max_num_queries(12):
        assert web.get(f"/migration/proposals/{p.pk}/").status_code == 200
