"""The pure funding rules of 第十二条, each passing and failing, without the database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from egovnet.migration.choices import BudgetObjectKind, FundingRule, ItemStatus
from egovnet.migration.rules import NOTICE_BASELINE_DATE, ItemFact, LineFact, NetworkFact, propose_line
from egovnet.networks.choices import NetworkFamily

AS_OF = dt.date(2026, 11, 1)
LINE = LineFact(line_id=1, object_kind=BudgetObjectKind.NETWORK, amount=Decimal("200.00"), network_id=7)


def net(established_on, exception_ref="", family=NetworkFamily.DEDICATED):
    return NetworkFact(
        network_id=7, name="专网", family=family, established_on=established_on, exception_ref=exception_ref
    )


def item(n, status=ItemStatus.PLANNED, planned=dt.date(2027, 6, 1)):
    return ItemFact(item_id=n, system_id=100 + n, from_network_id=7, status=status, planned_date=planned)


def test_r_12_2_new_network_without_exception_gets_zero():
    r = propose_line(LINE, network=net(dt.date(2013, 1, 1)), items=[], as_of=AS_OF)
    assert (r.rule, r.proposed, r.article) == (FundingRule.R_12_2, Decimal("0.00"), "第十二条")
    assert "第十二条" in r.reason_zh and "Article 12" in r.reason_en and "exception" in r.reason_en


def test_r_12_2_passes_with_exception_or_before_baseline():
    excepted = propose_line(LINE, network=net(dt.date(2013, 1, 1), "发改批〔2014〕9号"), items=[], as_of=AS_OF)
    assert excepted.rule != FundingRule.R_12_2 and excepted.proposed == Decimal("200.00")
    assert "发改批〔2014〕9号" in excepted.reason_zh and "approved exception" in excepted.reason_en
    on_baseline = propose_line(LINE, network=net(NOTICE_BASELINE_DATE), items=[], as_of=AS_OF)
    assert on_baseline.rule != FundingRule.R_12_2


def test_missing_establishment_date_is_flagged_not_passed():
    r = propose_line(LINE, network=net(None), items=[], as_of=AS_OF)
    assert r.rule == FundingRule.DATA_MISSING and r.flag_review and r.proposed == Decimal("200.00")


def test_r_12_3_reduction_in_proportion_to_share_migrated():
    items = [item(1, ItemStatus.CUT_OVER), item(2, ItemStatus.DECOMMISSIONED), item(3), item(4)]
    r = propose_line(LINE, network=net(dt.date(2005, 1, 1)), items=items, as_of=AS_OF)
    assert r.rule == FundingRule.R_12_3_REDUCE and r.proposed == Decimal("100.00")
    assert r.item_ids == (1, 2) and not r.flag_review and "50%" in r.reason_en


def test_r_12_3_all_migrated_gives_zero():
    items = [item(1, ItemStatus.CUT_OVER)]
    assert propose_line(LINE, network=net(dt.date(2005, 1, 1)), items=items, as_of=AS_OF).proposed == Decimal("0.00")


def test_r_12_3_nothing_migrated_no_reduction():
    r = propose_line(LINE, network=net(dt.date(2005, 1, 1)), items=[item(1), item(2)], as_of=AS_OF)
    assert r.rule == FundingRule.NONE and r.proposed == Decimal("200.00") and not r.flag_review


def test_r_12_3_overdue_flags_network_and_application_lines():
    late = item(1, planned=dt.date(2026, 1, 1))
    r = propose_line(LINE, network=net(dt.date(2005, 1, 1)), items=[late, item(2)], as_of=AS_OF)
    assert r.rule == FundingRule.R_12_3_OVERDUE and r.flag_review and r.item_ids == (1,)
    app = LineFact(line_id=2, object_kind=BudgetObjectKind.APPLICATION, amount=Decimal("30"), system_id=101)
    r = propose_line(app, network=None, items=[late], as_of=AS_OF)
    assert r.rule == FundingRule.R_12_3_OVERDUE and r.flag_review and r.proposed == Decimal("30")
    on_time = propose_line(app, network=None, items=[item(1)], as_of=AS_OF)
    assert on_time.rule == FundingRule.NONE and not on_time.flag_review


def test_reduction_and_overdue_together_keep_both():
    items = [item(1, ItemStatus.CUT_OVER), item(2, planned=dt.date(2026, 1, 1))]
    r = propose_line(LINE, network=net(dt.date(2005, 1, 1)), items=items, as_of=AS_OF)
    assert r.rule == FundingRule.R_12_3_REDUCE and r.flag_review and r.proposed == Decimal("100.00")
    assert r.item_ids == (1, 2)


def test_r_12_4_intranet_and_extranet_retained():
    for family in (NetworkFamily.INTRANET, NetworkFamily.EXTRANET):
        r = propose_line(LINE, network=net(dt.date(2020, 1, 1), family=family), items=[], as_of=AS_OF)
        assert r.rule == FundingRule.R_12_4 and r.proposed == LINE.amount
