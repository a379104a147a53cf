"""Article 1: composition (intranet + extranet), 统一规划、分级负责, the end-2015 goal."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import net_en, net_zh
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule


@R(
    "R-1.1",
    article=1,
    strength=Strength.INFO,
    title=("国家电子政务网络由政务内网和政务外网组成", "The national e-gov network = intranet + extranet"),
    message=(
        "业务应用的目标网络不是政务内网或政务外网。",
        "The application's target network is neither the intranet nor the extranet.",
    ),
    remediation=(
        "将目标网络定为政务内网或政务外网，或登记例外。",
        "Target the intranet or the extranet, or record an exception.",
    ),
    interpretation="Fixes the enum of compliant end states; other values (standalone classified, dedicated, none) are exception or transition states.",
    app_fields=("target_network",),
)
def r_1_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    for app in s.applications:
        t = app.target_network
        if t in ("intranet", "extranet"):
            yield passed(app.id, f"目标网络为{net_zh(t)}。", f"Targets the {net_en(t)}.")
        elif t == "standalone_classified":
            yield passed(
                app.id,
                "绝密级独立涉密系统，属例外状态（见R-4.4）。",
                "Standalone classified system: an exception state (see R-4.4).",
            )
        else:
            yield failed(
                app.id,
                f"应用{app.id}的目标网络为“{net_zh(t)}”，属过渡或例外状态，而非国家电子政务网络。",
                f"Application {app.id} targets '{net_en(t)}', a transition or exception state, not the national e-gov network.",
            )


@R(
    "R-1.2",
    article=1,
    strength=Strength.INFO,
    title=("分级负责：每个网络组成部分有唯一的责任层级", "Tiered responsibility: one responsible level per component"),
    message=(
        "网络组成部分无法确定责任层级和责任单位。",
        "A network component has no determinable responsible level and owner.",
    ),
    remediation=(
        "为该组成部分指明所属的地方部分或建设单位。",
        "Name the local part or owner the component belongs to.",
    ),
    interpretation="A component belongs to the project owner, or to the named local part of a co-built project.",
)
def r_1_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    parts = {p.id for p in s.local_parts}
    for c in s.network_components:
        if c.local_part and c.local_part not in parts:
            yield failed(
                c.id,
                f"网络组成部分{c.id}指向不存在的地方部分{c.local_part}。",
                f"Component {c.id} names an unknown local part {c.local_part}.",
            )
        else:
            yield passed(c.id)


@R(
    "R-1.3",
    article=1,
    strength=Strength.GOAL,
    title=("“十二五”末形成统一完整的国家电子政务网络", "A unified national e-gov network by end-2015"),
    message=("目标尚未实现。", "Goal not yet met."),
    remediation=("仅供仪表板展示。", "Dashboards only."),
    status="historical",
    interpretation="Programme goal with deadline 2015-12-31; expired (2024 report: full extranet coverage). Shown in dashboards only.",
)
def r_1_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    deadline = ctx.params["notice_goal_deadline"]
    if s.evaluation_date > deadline:
        yield not_applicable(
            "programme",
            "“十二五”目标已到期（历史目标，仅作展示）。",
            "The end-2015 goal has expired (historical; display only).",
        )
    elif any(c.prefectures_covered < c.prefectures_total or c.counties_covered < c.counties_total for c in s.coverage):
        yield failed(
            "programme",
            f"目标期限{deadline.isoformat()}：政务外网覆盖尚未完整，统一网络尚未形成。",
            f"Deadline {deadline.isoformat()}: extranet coverage is still incomplete; the unified network is not yet formed.",
        )
    else:
        yield passed(
            "programme",
            f"目标期限{deadline.isoformat()}，建设进行中。",
            f"Goal deadline {deadline.isoformat()}; in progress.",
        )
