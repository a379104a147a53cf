"""O&M funding under 第十二条 (R-12.2, R-12.3, R-12.4): the proposed amount of one budget line.

The migration app's adjustment proposals and the pack's G-BUDGET rules both use these functions, so a rule id
means the same thing wherever it is printed (docs/decisions/0310):

- **R-12.2** — a dedicated network established after the baseline (parameter ``notice_date``) without an
  approved, unexpired exception gets no O&M funding; without an establishment date it cannot be judged (flagged,
  never passed).
- **R-12.3** — O&M follows migration progress: a legacy network's O&M is reduced by the share of the
  applications **it carries** that have moved off it (an application still on it outside the plan counts as not
  moved), and the reduction is taken from the network's **unreduced** annual O&M cost, not from last year's
  already-reduced line; an overdue migration flags the line for review.
- **R-12.4** — intranet and extranet O&M are kept.

Pure Python (no ORM): the caller builds the facts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

CENT = Decimal("0.01")
ARTICLE_ZH = "第十二条"
DOCUMENT_ZH = "《发改高技〔2012〕1986号》"
CITATION_ZH = f"{DOCUMENT_ZH}{ARTICLE_ZH}"
CITATION_EN = "NDRC [2012] No. 1986, art. 12"

R_12_2 = "R-12.2"
R_12_3 = "R-12.3"
R_12_4 = "R-12.4"
DATA_MISSING = "data-missing"  # not a rule: the facts needed to apply one are missing (always flagged)
NONE = "none"  # no rule changes the amount

NETWORK = "network"
APPLICATION = "application"
DEDICATED = "dedicated"
INTRANET = "intranet"
EXTRANET = "extranet"


@dataclass(frozen=True)
class ItemFact:
    """One migration item of a department's effective plan (an application moving off a network)."""

    item_id: int
    system_id: int
    from_network_id: int
    migrated: bool
    planned_date: dt.date

    def overdue(self, as_of: dt.date) -> bool:
        """Planned cut-over date passed and not cut over (R-3.3 → R-12.3)."""
        return not self.migrated and self.planned_date < as_of


@dataclass(frozen=True)
class NetworkFact:
    network_id: int
    name: str
    family: str  # dedicated | intranet | extranet | …
    established_on: dt.date | None
    exception_ref: str = ""  # reference of an approved, unexpired exception; "" when none
    #: the network's registered annual O&M cost (10k yuan): the unreduced base of an R-12.3 reduction
    annual_om_cost: Decimal | None = None
    #: applications in operation still carried by the network (whether or not a plan item moves them)
    carried_system_ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class LineFact:
    line_id: int
    object_kind: str  # network | application
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
    article: str = CITATION_ZH  # the full clause (《发改高技〔2012〕1986号》第十二条)
    #: what the proposed amount was computed from (e.g. "专网登记的年度运维费 560.00 万元"); "" when unchanged
    base_zh: str = ""
    base_en: str = ""


@dataclass(frozen=True)
class MigratedShare:
    """How much of what a network carries has moved off it (R-12.3)."""

    carried: int
    migrated: int
    unplanned: int

    @property
    def share(self) -> Decimal:
        return Decimal(self.migrated) / Decimal(self.carried) if self.carried else Decimal(0)


def migrated_share(items: Sequence[ItemFact], carried_system_ids: Iterable[int] = ()) -> MigratedShare:
    """The share of the applications a network carries that have moved off it.

    The denominator is every application the network carries or carried: those in the plan's items off it and
    those still on it with no item (outside the plan). Counting only plan items would cut a network still in
    use to zero as soon as its planned items moved.
    """
    return share_of(
        carried=carried_system_ids,
        planned={i.system_id for i in items},
        moved={i.system_id for i in items if i.migrated},
    )


def share_of(*, carried: Iterable, planned: Iterable, moved: Iterable) -> MigratedShare:
    """The share over the union of the applications carried and those planned off the network (any id type)."""
    moved = set(moved)
    still_on = set(carried) - moved
    unplanned = still_on - set(planned)
    return MigratedShare(carried=len(set(planned) | still_on | moved), migrated=len(moved), unplanned=len(unplanned))


def _ids(items: Sequence[ItemFact]) -> tuple[int, ...]:
    return tuple(sorted({i.item_id for i in items}))


def _unchanged(line: LineFact, zh: str, en: str, rule: str = NONE) -> LineProposal:
    return LineProposal(proposed=line.amount, rule=rule, reason_zh=zh, reason_en=en)


def _overdue_text(overdue: Sequence[ItemFact]) -> tuple[str, str]:
    ids = "、".join(f"#{i}" for i in _ids(overdue))
    return (
        f"{CITATION_ZH}（R-12.3）：{len(overdue)} 项迁移已逾期（计划日期已过仍未割接，事项 {ids}），该经费列入复核；"
        "请更新迁移进度或调整计划后再定。",
        f"{CITATION_EN} (R-12.3): {len(overdue)} migration item(s) overdue (planned date passed, not cut over: "
        f"{ids.replace('、', ', ')}); the line is flagged for review — update the progress or the plan.",
    )


def _reduction(line: LineFact, network: NetworkFact, items: Sequence[ItemFact], as_of: dt.date) -> LineProposal:
    share = migrated_share(items, network.carried_system_ids)
    migrated = [i for i in items if i.migrated]
    overdue = [i for i in items if i.overdue(as_of)]
    if network.annual_om_cost is not None and network.annual_om_cost >= line.amount:
        base = network.annual_om_cost
        base_zh = f"专网登记的年度运维费 {base:.2f} 万元（未核减）"
        base_en = f"the network's registered (unreduced) annual O&M cost of {base:.2f} × 10k yuan"
        missing = False
    elif network.annual_om_cost is not None:
        # a line above the registered cost has not been reduced (the registry is behind the budget)
        base = line.amount
        base_zh = f"本行金额 {base:.2f} 万元（高于专网登记的年度运维费 {network.annual_om_cost:.2f} 万元，未经核减）"
        base_en = (
            f"this line's amount of {base:.2f} × 10k yuan (above the network's registered annual O&M cost of "
            f"{network.annual_om_cost:.2f}, so not yet reduced)"
        )
        missing = False
    else:
        base = line.amount
        base_zh = f"本行金额 {base:.2f} 万元（专网未登记年度运维费 annual_om_cost_10k_yuan，可能已含以往核减）"
        base_en = (
            f"this line's amount of {base:.2f} × 10k yuan (the network has no annual_om_cost_10k_yuan, so the "
            "amount may already include earlier reductions)"
        )
        missing = True
    proposed = (base * (1 - share.share)).quantize(CENT, rounding=ROUND_HALF_UP)
    pct = f"{share.share * 100:.0f}%"
    outside = (
        (f"，其中 {share.unplanned} 个尚未列入迁移计划", f", {share.unplanned} of them not in the migration plan")
        if share.unplanned
        else ("", "")
    )
    zh = (
        f"{CITATION_ZH}（R-12.3）：专网“{network.name}”承载的 {share.carried} 个应用已有 {share.migrated} 个迁出（{pct}）"
        f"{outside[0]}，运维经费以{base_zh}为基数按迁移比例核减。"
    )
    en = (
        f"{CITATION_EN} (R-12.3): {share.migrated} of the {share.carried} applications carried by dedicated network "
        f"“{network.name}” have moved ({pct}){outside[1]}; its O&M is "
        f"reduced in proportion, based on {base_en}."
    )
    if missing:
        zh += "请登记专网年度运维费（annual_om_cost_10k_yuan）后重新生成；列入复核。"
        en += " Record the network's annual O&M cost (annual_om_cost_10k_yuan) and regenerate; flagged for review."
    if overdue:
        ozh, oen = _overdue_text(overdue)
        zh, en = f"{zh} {ozh}", f"{en} {oen}"
    return LineProposal(
        proposed=proposed,
        rule=R_12_3,
        reason_zh=zh,
        reason_en=en,
        flag_review=bool(overdue) or missing,
        item_ids=_ids(migrated + overdue),
        base_zh=base_zh,
        base_en=base_en,
    )


def is_new_without_exception(network: NetworkFact, baseline: dt.date) -> bool:
    """R-12.2: established after the baseline and no approved, unexpired exception (an unknown date is not
    "new": it is flagged as missing data by the proposal)."""
    return network.established_on is not None and network.established_on > baseline and not network.exception_ref


def _dedicated_network_line(
    line: LineFact, network: NetworkFact, items: Sequence[ItemFact], as_of: dt.date, baseline: dt.date
) -> LineProposal:
    if network.established_on is None:
        return LineProposal(
            proposed=line.amount,
            rule=DATA_MISSING,
            flag_review=True,
            reason_zh=f"{CITATION_ZH}（R-12.2）：专网“{network.name}”缺少建成日期（established_on），无法判断是否为通知后新建；"
            "请补录建成日期。金额暂不调整，列入复核。",
            reason_en=f"{CITATION_EN} (R-12.2): dedicated network “{network.name}” has no establishment date "
            "(established_on), so it cannot be told whether it is new since the notice; record the date. "
            "Amount kept, flagged for review.",
        )
    if is_new_without_exception(network, baseline):
        return LineProposal(
            proposed=Decimal("0.00"),
            rule=R_12_2,
            reason_zh=f"{CITATION_ZH}（R-12.2）：专网“{network.name}”于 {network.established_on} 建成，晚于通知基准日 "
            f"{baseline}，且无经批准的例外，不再安排运维经费；如确属特殊需要，请取得批准的例外文号。",
            reason_en=f"{CITATION_EN} (R-12.2): dedicated network “{network.name}” was established on "
            f"{network.established_on}, after the notice baseline {baseline}, with no approved exception: no O&M "
            "funding. Obtain an approved exception reference if it is truly needed.",
        )
    if any(i.migrated for i in items):
        return _reduction(line, network, items, as_of)
    overdue = [i for i in items if i.overdue(as_of)]
    if overdue:
        zh, en = _overdue_text(overdue)
        return LineProposal(
            proposed=line.amount, rule=R_12_3, reason_zh=zh, reason_en=en, flag_review=True, item_ids=_ids(overdue)
        )
    if network.exception_ref and network.established_on > baseline:
        return _unchanged(
            line,
            f"{CITATION_ZH}（R-12.2）：专网“{network.name}”为通知后新建，但有经批准的例外（{network.exception_ref}），"
            "运维经费可予安排，金额不变。",
            f"{CITATION_EN} (R-12.2): dedicated network “{network.name}” is new since the notice but has an approved "
            f"exception ({network.exception_ref}); O&M may be funded, amount unchanged.",
        )
    if not items:
        return _unchanged(
            line,
            f"{CITATION_ZH}：专网“{network.name}”尚无迁移事项（参见第四条 R-4.1），金额不变。",
            f"{CITATION_EN}: dedicated network “{network.name}” has no migration items yet (see article 4, R-4.1); "
            "amount unchanged.",
        )
    return _unchanged(
        line,
        f"{CITATION_ZH}（R-12.3）：专网“{network.name}”的应用尚未迁出且均未逾期，金额不变。",
        f"{CITATION_EN} (R-12.3): no application on dedicated network “{network.name}” has moved yet and none is "
        "overdue; amount unchanged.",
    )


def notice_baseline(on: dt.date) -> dt.date:
    """The baseline date for "new" dedicated networks in force on ``on`` (pack parameter ``notice_date``)."""
    return PACK.param("notice_date", on)


def propose_line(
    line: LineFact,
    *,
    network: NetworkFact | None,
    items: Sequence[ItemFact],
    as_of: dt.date,
    baseline: dt.date | None = None,
) -> LineProposal:
    """The proposed O&M amount for one budget line under 第十二条.

    ``items`` are the effective migration items of the line's object: for a network line the items moving off
    that network, for an application line the items of that application. ``baseline`` is the pack parameter
    ``notice_date`` in force on ``as_of`` unless given.
    """
    baseline = baseline or notice_baseline(as_of)
    if line.object_kind == NETWORK:
        if network is None:
            return LineProposal(
                proposed=line.amount,
                rule=DATA_MISSING,
                flag_review=True,
                reason_zh=f"{CITATION_ZH}：经费行未关联网络（network），无法核定；请补录网络。",
                reason_en=f"{CITATION_EN}: the budget line names no network and cannot be assessed; record the network.",
            )
        if network.family in (INTRANET, EXTRANET):
            label_zh, label_en = ("政务内网", "intranet") if network.family == INTRANET else ("政务外网", "extranet")
            return _unchanged(
                line,
                f"{CITATION_ZH}（R-12.4）：{label_zh}“{network.name}”运维经费予以保障，金额不变。",
                f"{CITATION_EN} (R-12.4): O&M of the {label_en} “{network.name}” is secured; amount unchanged.",
                rule=R_12_4,
            )
        return _dedicated_network_line(line, network, items, as_of, baseline)
    overdue = [i for i in items if i.overdue(as_of)]
    if overdue:
        zh, en = _overdue_text(overdue)
        return LineProposal(
            proposed=line.amount, rule=R_12_3, reason_zh=zh, reason_en=en, flag_review=True, item_ids=_ids(overdue)
        )
    return _unchanged(
        line,
        f"{CITATION_ZH}：该应用无逾期迁移事项，运维经费不变。",
        f"{CITATION_EN}: this application has no overdue migration item; its O&M is unchanged.",
    )
