"""Role × scope matrix over the write endpoints of the migration API (403 no grant, 404 out of scope)."""

from __future__ import annotations

import datetime as dt

import pytest
from rest_framework.test import APIClient

from egovnet.migration import services

from .test_funding import AS_OF, funded  # noqa: F401

API = "/api/migration/"
USERS = ["staff", "lead", "other_staff", "drc", "finance", "viewer", "nobody"]

# expected status per user for each write; 2xx = allowed. A write addressed to an object outside the
# reader's scope is 404 (not found for them); creating under another department's version is refused (403).
EXPECTED = {
    "add_item": {
        "staff": 201,
        "lead": 201,
        "other_staff": 403,
        "drc": 403,
        "finance": 403,
        "viewer": 403,
        "nobody": 403,
    },
    "submit": {"staff": 403, "lead": 200, "other_staff": 404, "drc": 403, "finance": 403, "viewer": 403, "nobody": 404},
    "approve": {
        "staff": 403,
        "lead": 403,
        "other_staff": 404,
        "drc": 200,
        "finance": 403,
        "viewer": 403,
        "nobody": 404,
    },
    "generate": {
        "staff": 403,
        "lead": 403,
        "other_staff": 403,
        "drc": 403,
        "finance": 201,
        "viewer": 403,
        "nobody": 403,
    },
    "decide": {"staff": 403, "lead": 403, "other_staff": 404, "drc": 403, "finance": 200, "viewer": 403, "nobody": 404},
}


def draft_version(world):
    plan = services.plan_create(
        actor=world["users"]["staff"], department=world["bureau"], title="信息中心计划", scheme="方案"
    )
    return plan.effective_version


def call(world, who, what, funded):  # noqa: F811
    c = APIClient()
    c.force_authenticate(world["users"][who])
    if what == "add_item":
        v = draft_version(world)
        body = {
            "plan_version": v.pk,
            "system": world["systems"]["water"].pk,
            "from_network": world["legacy"].pk,
            "planned_date": "2027-01-01",
        }
        return c.post(f"{API}items/", body, format="json")
    if what in ("submit", "approve"):
        v = draft_version(world)
        services.item_add(
            actor=world["users"]["staff"],
            version=v,
            system=world["systems"]["water"],
            from_network=world["legacy"],
            planned_date=dt.date(2027, 1, 1),
        )
        v.refresh_from_db()
        if what == "approve":
            v = services.version_submit(actor=world["users"]["lead"], version=v, expected_version=v.version)
        return c.post(f"{API}versions/{v.pk}/{what}/", {"version": v.version}, format="json")
    if what == "generate":
        return c.post(
            f"{API}proposals/",
            {"department": world["ministry"].pk, "fiscal_year": 2027, "as_of": AS_OF.isoformat()},
            format="json",
        )
    p = services.proposal_generate(
        actor=world["users"]["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF
    )
    line = p.lines.first()
    return c.post(f"{API}proposal-lines/{line.pk}/decide/", {"accept": True, "version": line.version}, format="json")


@pytest.mark.parametrize("what", list(EXPECTED))
@pytest.mark.parametrize("who", USERS)
def test_matrix(world, funded, who, what):  # noqa: F811
    r = call(world, who, what, funded)
    assert r.status_code == EXPECTED[what][who], (who, what, getattr(r, "data", None))
