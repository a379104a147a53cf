"""Article 12: no new departmental private networks; O&M funding."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import BudgetLine, DedicatedNetworkFact, Snapshot
from egovnet.policy.packs.ndrc_2012_1986.definitions import dedication_fix, dedication_open, is_new_dedicated_network
from egovnet.policy.packs.ndrc_2012_1986.funding import share_of
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule


@R(
    "R-12.1",
    article=12,
    strength=Strength.IN_PRINCIPLE,
    gates=("G-PROPOSAL-DRAFT", "G-PROPOSAL-SUBMIT", "G-FSR"),
    title=("原则上不再批准新建部门专用业务信息网络", "No new departmental dedicated networks, in principle"),
    message=("项目拟新建部门专用业务网络。", "The project plans a new departmental dedicated network."),
    remediation=(
        "改用政务外网专用网络区（VPN）或政务内网；确有特殊法律或安全依据的，须由国家发展改革委批准例外。",
        "Use an extranet private-zone VPN or the intranet; with a special legal/security basis, obtain an NDRC-approved exception.",
    ),
    interpretation="A-12.1 definition (WAN/MAN or site-interconnecting lines, single department, self-built or leased, new or extended); VPNs on the extranet, LANs, DC networks, access lines and 绝密 standalone systems are not new dedicated networks.",
)
def r_12_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    apps = {a.id: a for a in s.applications}
    comps = [c for c in s.network_components if not c.local_part]
    if not comps:
        yield not_applicable("project", "项目不建设网络组成部分。", "The project builds no network component.")
    for c in comps:
        if is_new_dedicated_network(c, apps):
            yield failed(
                c.id,
                f"网络组成部分{c.id}（{c.kind}，{c.built_on}）属于新建部门专用业务信息网络。",
                f"Component {c.id} ({c.kind}, {c.built_on}) is a new departmental dedicated network.",
                *dedication_fix(c),
            )
        elif dedication_open(c, apps):
            yield failed(
                c.id,
                f"网络组成部分{c.id}（{c.kind}，{c.built_on}）未说明是否专供一个部门使用，按新建部门专网认定（A-12.1）。",
                f"Component {c.id} ({c.kind}, {c.built_on}) does not say whether it serves a single department: "
                "judged a new departmental dedicated network (A-12.1).",
                *dedication_fix(c),
            )
        else:
            yield passed(c.id, "不属于新建部门专网（A-12.1）。", "Not a new dedicated network (A-12.1).")


@R(
    "R-12.2",
    article=12,
    strength=Strength.IN_PRINCIPLE,
    gates=("G-BUDGET",),
    title=("原则上不安排新建部门专网的运维经费", "No O&M funding for new departmental private networks, in principle"),
    message=(
        "运维经费申请用于本通知后新建的部门专网。",
        "The O&M request funds a departmental private network built after the notice.",
    ),
    remediation=("取消该经费申请，或提供经批准的例外。", "Withdraw the request or provide an approved exception."),
    interpretation="'New' = established after the notice's baseline date (A-12.2, parameter notice_date).",
)
def r_12_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    lines = [b for b in s.budget_lines if b.object_kind == "dedicated_network"]
    if not lines:
        yield not_applicable("budget", "无专网运维经费申请。", "No O&M request for a dedicated network.")
    nets = {n.id: n for n in s.dedicated_networks}
    baseline = ctx.params["notice_date"]
    for b in lines:
        n = nets.get(b.object_id)
        basis_zh, basis_en, evidence = _budget_basis(b)
        if n is None or n.established_on is None:
            yield failed(
                b.id,
                f"经费{b.id}对应的专网{b.object_id}建成日期不明，无法核定{basis_zh}。",
                f"Budget line {b.id}: the establishment date of network {b.object_id} is unknown{basis_en}.",
                "登记专网建成日期。",
                "Record the network's establishment date.",
                evidence=evidence,
            )
        elif n.established_on > baseline:
            yield failed(
                b.id,
                f"专网{n.id}建于{n.established_on}（本通知之后），其运维经费原则上不予安排{basis_zh}。",
                f"Network {n.id} was built on {n.established_on}, after the notice: its O&M is ineligible in principle{basis_en}.",
                evidence=evidence,
            )
        else:
            yield passed(b.id, f"专网建于本通知之前{basis_zh}。", f"Network predates the notice{basis_en}.", evidence)


def _budget_basis(b: BudgetLine) -> tuple[str, str, tuple[str, ...]]:
    """What an R-12.2 finding was judged on: a recorded budget line, or — when the network has none — its
    annual O&M cost standing in for one (said in the message and in the evidence)."""
    if not b.estimated:
        return "", "", (f"budget_line:{b.id}",)
    return (
        f"（未登记运维经费申请，按该专网登记的年度运维费{b.amount_10k_yuan:g}万元判断）",
        f" (no budget line recorded: judged on the network's annual O&M cost of {b.amount_10k_yuan:g} × 10k yuan)",
        (f"annual_om_cost:{b.object_id}", "estimated:no_budget_line"),
    )


@R(
    "R-12.3",
    article=12,
    strength=Strength.MUST,
    gates=("G-BUDGET",),
    title=("根据迁移进度相应调整业务应用运维经费", "O&M funding follows migration progress"),
    message=("运维经费需按迁移进度调整。", "O&M funding must be adjusted to migration progress."),
    remediation=(
        "财政部门复核：逾期未迁移的应用经费调整，已迁移的旧专网经费核减。",
        "Finance review: adjust funding of overdue applications and reduce the legacy network's O&M once migrated.",
    ),
    interpretation="Finance-review trigger: overdue migration (R-3.3) flags the application's line; a legacy network's line is flagged for reduction as soon as an application it carries has moved, by the share of the applications it carries (planned or not), taken from its unreduced O&M cost (funding.share_of, the same computation as the O&M proposals).",
)
def r_12_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    overdue = {
        m.application for m in s.migration_items if not m.done and m.planned_date and m.planned_date < s.evaluation_date
    }
    nets = {n.id: n for n in s.dedicated_networks}
    if not s.budget_lines:
        yield not_applicable("budget", "无运维经费数据。", "No budget lines.")
    for b in s.budget_lines:
        if b.object_kind == "application" and b.object_id in overdue:
            yield failed(
                b.id,
                f"应用{b.object_id}迁移逾期，其{b.fiscal_year}年运维经费须复核调整。",
                f"Application {b.object_id} is overdue for migration: its {b.fiscal_year} O&M line must be reviewed.",
            )
        elif b.object_kind == "dedicated_network" and b.object_id in nets:
            yield _network_line(b, nets[b.object_id], s)
        else:
            yield passed(b.id)


def _network_line(b: BudgetLine, n: DedicatedNetworkFact, s: Snapshot) -> Draft:
    carried = set(n.carried_apps)
    off = [m for m in s.migration_items if m.application in carried]
    share = share_of(
        carried=carried, planned={m.application for m in off}, moved={m.application for m in off if m.done}
    )
    if not share.migrated:
        return passed(b.id, "专网承载的应用尚未迁出。", "No application carried by the network has moved yet.")
    pct = f"{share.share * 100:.0f}%"
    return failed(
        b.id,
        f"专网{n.id}承载的 {share.carried} 个应用已有 {share.migrated} 个迁出（{pct}），其运维经费应按迁移比例核减。",
        f"{share.migrated} of the {share.carried} applications carried by network {n.id} have moved ({pct}): "
        "its O&M should be reduced in proportion.",
        f"以专网未核减的年度运维费为基数，按迁移比例（{pct}）核减；仍承载的应用继续计入。",
        f"Reduce it by the share migrated ({pct}) from the network's unreduced annual O&M cost; applications it "
        "still carries keep counting.",
    )


@R(
    "R-12.4",
    article=12,
    strength=Strength.INFO,
    title=("合理安排政务内网、外网运维经费", "Intranet and extranet O&M are funded"),
    message=("未见政务内网或外网的运维经费安排。", "No intranet or extranet O&M line."),
    remediation=("财政部门合理安排内外网运维经费。", "Finance funds intranet and extranet O&M."),
    interpretation="Positive duty of MOF; a KPI only.",
)
def r_12_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.budget_lines:
        yield not_applicable("budget", "无运维经费数据。", "No budget lines.")
        return
    if any(b.object_kind in ("intranet", "extranet") for b in s.budget_lines):
        yield passed("budget", "已安排内外网运维经费。", "Intranet/extranet O&M funded.")
    else:
        yield failed(
            "budget",
            "经费数据中没有政务内网或外网运维经费。",
            "No intranet or extranet O&M line among the budget lines.",
        )
