"""The pack's pure funding rules of 第十二条 as the migration app uses them, each passing and failing, no database."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from egovnet.migration.choices import MIGRATED_STATUSES, BudgetObjectKind, FundingRule, ItemStatus
from egovnet.networks.choices import NetworkFamily
from egovnet.policy.packs.ndrc_2012_1986.funding import (
    ItemFact,
    LineFact,
    NetworkFact,
    migrated_share,
    notice_baseline,
    propose_line,
)

NOTICE_BASELINE_DATE = notice_baseline(dt.date(2026, 1, 1))

AS_OF = dt.date(2026, 11, 1)
LINE = LineFact(line_id=1, object_kind=BudgetObjectKind.NETWORK, amount=Decimal("200.00"), network_id=7)


def net(established_on, exception_ref="", family=NetworkFamily.DEDICATED, cost=Decimal("200.00"), carried=()):
    return NetworkFact(
        network_id=7,
        name="专网",
        family=family,
        established_on=established_on,
        exception_ref=exception_ref,
        annual_om_cost=cost,
        carried_system_ids=tuple(carried),
    )


def item(n, status=ItemStatus.PLANNED, planned=dt.date(2027, 6, 1)):
    migrated = status in MIGRATED_STATUSES
    return ItemFact(item_id=n, system_id=100 + n, from_network_id=7, migrated=migrated, planned_date=planned)


def test_r_12_2_new_network_without_exception_gets_zero():
    r = propose_line(LINE, network=net(dt.date(2013, 1, 1)), items=[], as_of=AS_OF)
    assert (r.rule, r.proposed, r.article) == (
        FundingRule.R_12_2,
        Decimal("0.00"),
        "《发改高技〔2012〕1986号》第十二条",
    )
    assert (
        "《发改高技〔2012〕1986号》第十二条" in r.reason_zh
        and "NDRC [2012] No. 1986, art. 12" in r.reason_en
        and "exception" in r.reason_en
    )


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
    assert r.rule == FundingRule.R_12_3 and r.proposed == Decimal("100.00")
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
    assert r.rule == FundingRule.R_12_3 and r.flag_review and r.item_ids == (1,)
    app = LineFact(line_id=2, object_kind=BudgetObjectKind.APPLICATION, amount=Decimal("30"), system_id=101)
    r = propose_line(app, network=None, items=[late], as_of=AS_OF)
    assert r.rule == FundingRule.R_12_3 and r.flag_review and r.proposed == Decimal("30")
    on_time = propose_line(app, network=None, items=[item(1)], as_of=AS_OF)
    assert on_time.rule == FundingRule.NONE and not on_time.flag_review


def test_reduction_and_overdue_together_keep_both():
    items = [item(1, ItemStatus.CUT_OVER), item(2, planned=dt.date(2026, 1, 1))]
    r = propose_line(LINE, network=net(dt.date(2005, 1, 1)), items=items, as_of=AS_OF)
    assert r.rule == FundingRule.R_12_3 and r.flag_review and r.proposed == Decimal("100.00")
    assert r.item_ids == (1, 2)


def test_r_12_4_intranet_and_extranet_retained():
    for family in (NetworkFamily.INTRANET, NetworkFamily.EXTRANET):
        r = propose_line(LINE, network=net(dt.date(2020, 1, 1), family=family), items=[], as_of=AS_OF)
        assert r.rule == FundingRule.R_12_4 and r.proposed == LINE.amount


def test_funding_rule_choices_are_the_pack_rule_ids():
    """One rule id means one thing: the proposal lines store the pack's ids, not a vocabulary of their own."""
    from egovnet.policy.packs.ndrc_2012_1986 import PACK

    rule_values = {v for v in FundingRule.values if v.startswith("R-")}
    assert rule_values == {"R-12.2", "R-12.3", "R-12.4"} and rule_values <= set(PACK.rules)


def test_a_network_still_carrying_an_unplanned_application_is_not_cut_to_zero():
    """金保工程业务专网: its one planned item moved, but it still carries an application outside the plan."""
    carried = (101, 555)  # the moved application (still recorded on the network) and an unplanned one
    r = propose_line(
        LineFact(line_id=1, object_kind=BudgetObjectKind.NETWORK, amount=Decimal("4800"), network_id=7),
        network=net(dt.date(2005, 1, 1), cost=Decimal("4800"), carried=carried),
        items=[item(1, ItemStatus.CUT_OVER)],
        as_of=AS_OF,
    )
    assert r.proposed == Decimal("2400.00") and r.rule == FundingRule.R_12_3
    assert "承载的 2 个应用已有 1 个迁出（50%）" in r.reason_zh and "1 个尚未列入迁移计划" in r.reason_zh
    assert "1 of them not in the migration plan" in r.reason_en
    share = migrated_share([item(1, ItemStatus.CUT_OVER)], carried)
    assert (share.carried, share.migrated, share.unplanned) == (2, 1, 1)


def test_reductions_do_not_compound_from_year_to_year():
    """A 2028 line entered at the 2027 proposal's amount is reduced from the unreduced cost, not again."""
    items = [item(1, ItemStatus.CUT_OVER), item(2, ItemStatus.CUT_OVER), item(3)]
    network = net(dt.date(2005, 1, 1), cost=Decimal("560"))
    line = LineFact(line_id=1, object_kind=BudgetObjectKind.NETWORK, amount=Decimal("560"), network_id=7)
    first = propose_line(line, network=network, items=items, as_of=AS_OF)
    assert first.proposed == Decimal("186.67")
    again = propose_line(
        LineFact(line_id=2, object_kind=BudgetObjectKind.NETWORK, amount=first.proposed, network_id=7),
        network=network,
        items=items,
        as_of=AS_OF,
    )
    assert again.proposed == Decimal("186.67")
    assert "560.00" in again.base_zh and "560.00" in again.reason_zh and "unreduced" in again.base_en


def test_reduction_without_a_registered_cost_names_the_field_and_is_reviewed():
    r = propose_line(
        LINE, network=net(dt.date(2005, 1, 1), cost=None), items=[item(1, ItemStatus.CUT_OVER), item(2)], as_of=AS_OF
    )
    assert r.proposed == Decimal("100.00") and r.flag_review
    assert "annual_om_cost_10k_yuan" in r.reason_zh and "annual_om_cost_10k_yuan" in r.reason_en
