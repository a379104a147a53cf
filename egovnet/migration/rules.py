"""Pure rules of articles 4 and 12 over plain facts (no ORM), ready to be wired into the policy engine.

* ``expected_target`` — the placement rule of 第四条 (R-4.2 / R-4.3 / R-4.4).
* ``propose_line`` — the O&M funding rules of 第十二条 (R-12.2, R-12.3, R-12.4) for one budget line.

Every result names its rule and article and says in 简体中文 and English why (docs/decisions/0601).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from egovnet.networks.choices import NetworkFamily
from egovnet.policy.packs.ndrc_2012_1986.pack import NOTICE_DATE
from egovnet.systems.choices import SecrecyGrade, TargetNetwork

from .choices import MIGRATED_STATUSES, BudgetObjectKind, FundingRule

#: Baseline for "new" dedicated networks (第十二条, A-12.2): one date for the whole platform, the rule pack's
#: ``notice_date`` parameter (the exact issue day of 发改高技[2012]1986号 is unverified; see ADR 0302).
NOTICE_BASELINE_DATE = NOTICE_DATE
ARTICLE_4 = "第四条"
ARTICLE_12 = "第十二条"
CENT = Decimal("0.01")


def expected_target(*, is_classified: bool, secrecy_grade: str) -> str:
    """Target network by the placement rule of 第四条: 秘密/机密 → intranet, non-classified → extranet, 绝密 → standalone."""
    if not is_classified:
        return TargetNetwork.EXTRANET
    if secrecy_grade == SecrecyGrade.JUEMI:
        return TargetNetwork.STANDALONE_CLASSIFIED
    return TargetNetwork.INTRANET


@dataclass(frozen=True)
class ItemFact:
    item_id: int
    system_id: int
    from_network_id: int
    status: str
    planned_date: dt.date

    @property
    def migrated(self) -> bool:
        return self.status in MIGRATED_STATUSES

    def overdue(self, as_of: dt.date) -> bool:
        """Planned cut-over date passed and not cut over (context.md R-3.3 → R-12.3)."""
        return not self.migrated and self.planned_date < as_of


@dataclass(frozen=True)
class NetworkFact:
    network_id: int
    name: str
    family: str
    established_on: dt.date | None
    exception_ref: str = ""  # reference of an approved, unexpired exception; "" when none


@dataclass(frozen=True)
class LineFact:
    line_id: int
    object_kind: str
    amount: Decimal
    network_id: int | None = None
    system_id: int | None = None


@dataclass(frozen=True)
class LineProposal:
    proposed: Decimal
    rule: str
    reason_zh: str
    reason_en: str
    flag_review: bool = False
    item_ids: tuple[int, ...] = field(default=())
    article: str = ARTICLE_12


def _ids(items: Sequence[ItemFact]) -> tuple[int, ...]:
    return tuple(sorted(i.item_id for i in items))


def _unchanged(line: LineFact, zh: str, en: str) -> LineProposal:
    return LineProposal(proposed=line.amount, rule=FundingRule.NONE, reason_zh=zh, reason_en=en)


def _overdue_text(overdue: Sequence[ItemFact]) -> tuple[str, str]:
    ids = "、".join(f"#{i}" for i in _ids(overdue))
    return (
        f"第十二条（R-12.3）：{len(overdue)} 项迁移已逾期（计划日期已过仍未割接，事项 {ids}），该经费列入复核；"
        "请更新迁移进度或调整计划后再定。",
        f"Article 12 (R-12.3): {len(overdue)} migration item(s) overdue (planned date passed, not cut over: "
        f"{ids.replace('、', ', ')}); the line is flagged for review — update the progress or the plan.",
    )


def _dedicated_network_line(
    line: LineFact, network: NetworkFact, items: Sequence[ItemFact], as_of: dt.date
) -> LineProposal:
    if network.established_on is None:
        return LineProposal(
            proposed=line.amount,
            rule=FundingRule.DATA_MISSING,
            flag_review=True,
            reason_zh=f"第十二条（R-12.2）：专网“{network.name}”缺少建成日期，无法判断是否为通知后新建；请补录建成日期。金额暂不调整，列入复核。",
            reason_en=f"Article 12 (R-12.2): dedicated network “{network.name}” has no establishment date, so it cannot "
            "be told whether it is new since the notice; record the date. Amount kept, flagged for review.",
        )
    if network.established_on > NOTICE_BASELINE_DATE and not network.exception_ref:
        return LineProposal(
            proposed=Decimal("0.00"),
            rule=FundingRule.R_12_2,
            reason_zh=f"第十二条（R-12.2）：专网“{network.name}”于 {network.established_on} 建成，晚于通知基准日 "
            f"{NOTICE_BASELINE_DATE}，且无经批准的例外，不再安排运维经费；如确属特殊需要，请取得批准的例外文号。",
            reason_en=f"Article 12 (R-12.2): dedicated network “{network.name}” was established on {network.established_on}, "
            f"after the notice baseline {NOTICE_BASELINE_DATE}, with no approved exception: no O&M funding. "
            "Obtain an approved exception reference if it is truly needed.",
        )
    migrated = [i for i in items if i.migrated]
    overdue = [i for i in items if i.overdue(as_of)]
    if migrated:
        share = Decimal(len(migrated)) / Decimal(len(items))
        proposed = (line.amount * (1 - share)).quantize(CENT, rounding=ROUND_HALF_UP)
        pct = f"{share * 100:.0f}%"
        zh = (
            f"第十二条（R-12.3）：专网“{network.name}”承载的 {len(items)} 个应用已有 {len(migrated)} 个迁出（{pct}），"
            f"运维经费按迁移比例相应核减。"
        )
        en = (
            f"Article 12 (R-12.3): {len(migrated)} of the {len(items)} applications on dedicated network "
            f"“{network.name}” have moved ({pct}); its O&M is reduced in proportion."
        )
        if overdue:
            ozh, oen = _overdue_text(overdue)
            zh, en = f"{zh} {ozh}", f"{en} {oen}"
        return LineProposal(
            proposed=proposed,
            rule=FundingRule.R_12_3_REDUCE,
            reason_zh=zh,
            reason_en=en,
            flag_review=bool(overdue),
            item_ids=_ids(migrated + overdue),
        )
    if overdue:
        zh, en = _overdue_text(overdue)
        return LineProposal(
            proposed=line.amount,
            rule=FundingRule.R_12_3_OVERDUE,
            reason_zh=zh,
            reason_en=en,
            flag_review=True,
            item_ids=_ids(overdue),
        )
    if network.exception_ref and network.established_on > NOTICE_BASELINE_DATE:
        return _unchanged(
            line,
            f"第十二条（R-12.2）：专网“{network.name}”为通知后新建，但有经批准的例外（{network.exception_ref}），"
            "运维经费可予安排，金额不变。",
            f"Article 12 (R-12.2): dedicated network “{network.name}” is new since the notice but has an approved "
            f"exception ({network.exception_ref}); O&M may be funded, amount unchanged.",
        )
    if not items:
        return _unchanged(
            line,
            f"第十二条：专网“{network.name}”尚无迁移事项（参见第四条 R-4.1），金额不变。",
            f"Article 12: dedicated network “{network.name}” has no migration items yet (see article 4, R-4.1); amount unchanged.",
        )
    return _unchanged(
        line,
        f"第十二条（R-12.3）：专网“{network.name}”的应用尚未迁出且均未逾期，金额不变。",
        f"Article 12 (R-12.3): no application on dedicated network “{network.name}” has moved yet and none is overdue; "
        "amount unchanged.",
    )


def propose_line(
    line: LineFact, *, network: NetworkFact | None, items: Sequence[ItemFact], as_of: dt.date
) -> LineProposal:
    """The proposed O&M amount for one budget line under 第十二条.

    ``items`` are the effective migration items of the line's object: for a network line the items moving
    off that network, for an application line the items of that application.
    """
    if line.object_kind == BudgetObjectKind.NETWORK:
        if network is None:
            return LineProposal(
                proposed=line.amount,
                rule=FundingRule.DATA_MISSING,
                flag_review=True,
                reason_zh="第十二条：经费行未关联网络，无法核定；请补录网络。",
                reason_en="Article 12: the budget line names no network and cannot be assessed; record the network.",
            )
        if network.family in (NetworkFamily.INTRANET, NetworkFamily.EXTRANET):
            is_intranet = network.family == NetworkFamily.INTRANET
            label_zh, label_en = ("政务内网", "intranet") if is_intranet else ("政务外网", "extranet")
            return LineProposal(
                proposed=line.amount,
                rule=FundingRule.R_12_4,
                reason_zh=f"第十二条（R-12.4）：{label_zh}“{network.name}”运维经费予以保障，金额不变。",
                reason_en=f"Article 12 (R-12.4): O&M of the {label_en} “{network.name}” is secured; amount unchanged.",
            )
        return _dedicated_network_line(line, network, items, as_of)
    overdue = [i for i in items if i.overdue(as_of)]
    if overdue:
        zh, en = _overdue_text(overdue)
        return LineProposal(
            proposed=line.amount,
            rule=FundingRule.R_12_3_OVERDUE,
            reason_zh=zh,
            reason_en=en,
            flag_review=True,
            item_ids=_ids(overdue),
        )
    return _unchanged(
        line,
        "第十二条：该应用无逾期迁移事项，运维经费不变。",
        "Article 12: this application has no overdue migration item; its O&M is unchanged.",
    )
