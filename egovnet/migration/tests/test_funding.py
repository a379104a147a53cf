"""Funding services (第十二条): generating, reviewing, accepting proposals; what-if leaves the DB unchanged."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egovnet.core.errors import ServiceError
from egovnet.core.models import AuditEntry
from egovnet.migration import services
from egovnet.migration.choices import BudgetObjectKind, ExceptionStatus, FundingRule, LineDecision, ProposalStatus
from egovnet.migration.models import BudgetLine, ItemStatusChange, MigrationItem, OmProposal, OmProposalLine

from .helpers import approved_plan, cut_over

AS_OF = dt.date(2026, 11, 1)


def lines(world, year=2027):
    fin = world["users"]["finance"]
    ministry = world["ministry"]
    make = lambda **kw: services.budget_line_create(actor=fin, department=ministry, fiscal_year=year, **kw)  # noqa: E731
    return {
        "legacy": make(
            object_kind=BudgetObjectKind.NETWORK,
            network=world["legacy"],
            amount_10k_yuan=Decimal("300"),
            basis="专网线路租用",
        ),
        "newnet": make(
            object_kind=BudgetObjectKind.NETWORK, network=world["newnet"], amount_10k_yuan=Decimal("80"), basis="新专网"
        ),
        "extranet": make(
            object_kind=BudgetObjectKind.NETWORK,
            network=world["extranet"],
            amount_10k_yuan=Decimal("50"),
            basis="外网接入",
        ),
        "water": make(
            object_kind=BudgetObjectKind.APPLICATION,
            system=world["systems"]["water"],
            amount_10k_yuan=Decimal("20"),
            basis="应用运维",
        ),
    }


@pytest.fixture
def funded(world):
    plan, version = approved_plan(world, items=("flood", "water", "secret"), planned=dt.date(2027, 6, 30))
    items = {i.system_id: i for i in version.items.all()}
    cut_over(world, items[world["systems"]["flood"].pk])
    water = items[world["systems"]["water"].pk]
    MigrationItem.objects.filter(pk=water.pk).update(planned_date=dt.date(2026, 5, 1))  # overdue
    return {"plan": plan, "version": version, "items": items, "lines": lines(world)}


def by_network(proposal):
    return {(x.network_id or x.system_id, x.object_kind): x for x in proposal.lines.all()}


def test_generate_proposal_line_by_line(world, funded):
    p = services.proposal_generate(
        actor=world["users"]["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF
    )
    rows = by_network(p)
    legacy = rows[(world["legacy"].pk, BudgetObjectKind.NETWORK)]
    assert legacy.rule == FundingRule.R_12_3
    assert legacy.proposed_amount == Decimal("225.00")  # 1 of the 4 it carries migrated (绝密 one outside the plan)
    assert legacy.flag_review  # water is overdue
    flood_item = funded["items"][world["systems"]["flood"].pk]
    water_item = funded["items"][world["systems"]["water"].pk]
    assert set(legacy.items.values_list("pk", flat=True)) == {flood_item.pk, water_item.pk}
    newnet = rows[(world["newnet"].pk, BudgetObjectKind.NETWORK)]
    assert (newnet.rule, newnet.proposed_amount) == (FundingRule.R_12_2, Decimal("0.00"))
    extranet = rows[(world["extranet"].pk, BudgetObjectKind.NETWORK)]
    assert extranet.rule == FundingRule.R_12_4 and extranet.proposed_amount == Decimal("50")
    water = rows[(world["systems"]["water"].pk, BudgetObjectKind.APPLICATION)]
    assert water.rule == FundingRule.R_12_3 and water.flag_review
    assert all(x.article == "《发改高技〔2012〕1986号》第十二条" and x.reason_zh and x.reason_en for x in rows.values())
    assert p.current_total == Decimal("450") and p.proposed_total == Decimal("295.00")


def test_exception_restores_new_network_funding(world, funded):
    services.network_exception_record(
        actor=world["users"]["drc"],
        network=world["newnet"],
        status=ExceptionStatus.APPROVED,
        reference="发改批〔2015〕7号",
        approved_on=dt.date(2015, 5, 1),
    )
    p = services.proposal_generate(
        actor=world["users"]["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF
    )
    newnet = by_network(p)[(world["newnet"].pk, BudgetObjectKind.NETWORK)]
    assert newnet.rule != FundingRule.R_12_2 and newnet.proposed_amount == Decimal("80")


def test_lines_carried_forward_from_previous_year(world, funded):
    BudgetLine.objects.update(fiscal_year=2026)
    p = services.proposal_generate(
        actor=world["users"]["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF
    )
    assert p.lines.count() == 4


def test_finance_reviews_amends_and_accepts(world, funded):
    fin = world["users"]["finance"]
    p = services.proposal_generate(actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    rows = list(p.lines.order_by("id"))
    with pytest.raises(ValidationError) as exc:
        services.line_decide(
            actor=fin, line=rows[0], expected_version=rows[0].version, accept=False, amount=Decimal("250")
        )
    assert "reason" in exc.value.message_dict
    services.line_decide(
        actor=fin,
        line=rows[0],
        expected_version=rows[0].version,
        accept=False,
        amount=Decimal("250"),
        reason="过渡期线路合同未到期",
    )
    with pytest.raises(ServiceError) as exc:
        services.proposal_accept(actor=fin, proposal=p, expected_version=p.version)
    assert exc.value.code == "pending_lines"
    for row in rows[1:]:
        services.line_decide(actor=fin, line=row, expected_version=row.version, accept=True)
    p.refresh_from_db()
    assert p.proposed_total == Decimal("320.00")
    p = services.proposal_accept(actor=fin, proposal=p, expected_version=p.version)
    assert p.status == ProposalStatus.ACCEPTED
    assert OmProposalLine.objects.get(pk=rows[0].pk).decision == LineDecision.AMENDED
    with pytest.raises(ServiceError):
        services.proposal_generate(actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    assert AuditEntry.objects.filter(object_type="migration.omproposalline", reason="过渡期线路合同未到期").exists()


def test_only_finance_decides(world, funded):
    u = world["users"]
    with pytest.raises(PermissionDenied):
        services.proposal_generate(actor=u["lead"], department=world["ministry"], fiscal_year=2027)
    p = services.proposal_generate(actor=u["finance"], department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    line = p.lines.first()
    for who in ("staff", "lead", "drc", "other_staff"):
        with pytest.raises(PermissionDenied):
            services.line_decide(actor=u[who], line=line, expected_version=line.version, accept=True)
        with pytest.raises(PermissionDenied):
            services.proposal_accept(actor=u[who], proposal=p, expected_version=p.version)


def _db_state():
    return (
        list(MigrationItem.objects.order_by("pk").values()),
        OmProposal.objects.count(),
        OmProposalLine.objects.count(),
        ItemStatusChange.objects.count(),
        AuditEntry.objects.count(),
        list(BudgetLine.objects.order_by("pk").values()),
    )


def test_what_if_changes_the_preview_and_leaves_the_database_unchanged(world, funded):
    fin = world["users"]["finance"]
    water_item = funded["items"][world["systems"]["water"].pk]
    secret_item = funded["items"][world["systems"]["secret"].pk]
    before = _db_state()
    base = {
        p.line.line_id: p
        for p in services.proposal_preview(actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    }
    overrides = {
        str(water_item.pk): {"planned_date": "2027-03-01"},  # no longer overdue
        str(secret_item.pk): {"status": "cut_over"},  # scope: assume it moves
    }
    what_if = {
        p.line.line_id: p
        for p in services.proposal_preview(
            actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF, overrides=overrides
        )
    }
    legacy_line = funded["lines"]["legacy"].pk
    water_line = funded["lines"]["water"].pk
    assert base[legacy_line].result.proposed == Decimal("225.00") and base[legacy_line].result.flag_review
    assert what_if[legacy_line].result.proposed == Decimal("150.00") and not what_if[legacy_line].result.flag_review
    assert base[water_line].result.flag_review and not what_if[water_line].result.flag_review
    excluded = services.proposal_preview(
        actor=fin,
        department=world["ministry"],
        fiscal_year=2027,
        as_of=AS_OF,
        overrides={str(water_item.pk): {"exclude": True}},
    )
    # water leaves the plan but is still carried by the network: it counts as not moved
    assert {p.line.line_id: p for p in excluded}[legacy_line].result.proposed == Decimal("225.00")
    assert _db_state() == before


def test_what_if_rejects_bad_input(world, funded):
    fin = world["users"]["finance"]
    with pytest.raises(ValidationError) as exc:
        services.proposal_preview(actor=fin, department=world["ministry"], fiscal_year=2027, overrides={"x": {}})
    assert "overrides" in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.proposal_preview(
            actor=fin, department=world["ministry"], fiscal_year=2027, overrides={"1": {"planned_date": "soon"}}
        )


def test_a_requester_cannot_approve_its_own_exception(world):
    lead = world["users"]["lead"]
    with pytest.raises(PermissionDenied):
        services.network_exception_record(
            actor=lead,
            network=world["newnet"],
            status=ExceptionStatus.APPROVED,
            reference="x",
            approved_on=dt.date(2015, 1, 1),
        )
    requested = services.network_exception_record(actor=lead, network=world["newnet"], legal_basis="应急通信法定要求")
    assert requested.status == ExceptionStatus.REQUESTED
