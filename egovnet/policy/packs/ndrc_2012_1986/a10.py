"""Article 10: central–local co-built projects — local approvals against the national network-use requirement."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.definitions import is_new_dedicated_network
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule
NOT_COBUILT = ("非中央和地方共建项目。", "Not a central–local co-built project.")


def _cobuilt(s) -> bool:
    return s.project is not None and s.project.cobuilt


@R(
    "R-10.1",
    article=10,
    strength=Strength.MUST,
    gates=("G-LOCAL-FSR",),
    title=(
        "地方可研征求意见时，中央部门须就网络使用出具意见",
        "The central department's opinion on the local FSR addresses network use",
    ),
    message=(
        "地方可研缺少中央部门关于网络使用的意见。",
        "The local FSR lacks the central department's opinion on network use.",
    ),
    remediation=(
        "请中央部门就内网、外网部署和有无新建专网出具意见。",
        "Ask the central department for an opinion covering intranet/extranet deployment and any new private network.",
    ),
    interpretation="A-10.1: the opinion must explicitly address network use (apps → network, coverage, no new private network, access evidence).",
)
def r_10_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _cobuilt(s):
        yield not_applicable("project", *NOT_COBUILT)
        return
    for lp in s.local_parts:
        if not s.docs("feasibility_study_report", local_part=lp.id):
            yield not_applicable(lp.id, "地方可研尚未报送。", "The local FSR is not yet submitted.")
            continue
        ops = [
            d
            for d in s.docs("central_department_opinion", local_part=lp.id)
            if d.issuer and d.issuer.level == "central"
        ]
        if ops and any(d.addresses_network_use for d in ops):
            yield passed(
                lp.id, "中央部门意见已就网络使用把关。", "The central opinion addresses network use.", [ops[0].id]
            )
        elif ops:
            yield failed(
                lp.id,
                f"{lp.name}的中央部门意见未涉及网络使用。",
                f"The central opinion on {lp.name} does not address network use.",
                "中央部门意见须就国家电子政务网络的使用把关；意见已涉及的，在该文件上注明 addresses_network_use: true（第十条）。",
                "The central opinion must vet the use of the national network; if it does, mark the document "
                "addresses_network_use: true (art. 10).",
            )
        else:
            yield failed(
                lp.id,
                f"{lp.name}的地方可研缺少中央部门意见。",
                f"The local FSR of {lp.name} has no central department opinion.",
            )


@R(
    "R-10.2",
    article=10,
    strength=Strength.MUST,
    gates=("G-LOCAL-FSR", "G-LOCAL-DESIGN"),
    title=(
        "地方部分须使用国家电子政务网络，不得另建专网",
        "Local parts use the national network; no separate private network",
    ),
    message=(
        "地方部分拟建设与国家批复相冲突的专用网络，应退回修改。",
        "The local part plans a private network contrary to the national approval; return for revision.",
    ),
    remediation=(
        "改为使用政务外网（专用网络区VPN）或政务内网，修改后重新报批。",
        "Use the extranet (private-zone VPN) or the intranet instead and resubmit.",
    ),
    interpretation="A local component meeting the A-12.1 definition conflicts with the national approval's network-use requirement.",
)
def r_10_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _cobuilt(s):
        yield not_applicable("project", *NOT_COBUILT)
        return
    apps = {a.id: a for a in s.applications}
    for lp in s.local_parts:
        bad = [c.id for c in s.network_components if c.local_part == lp.id and is_new_dedicated_network(c, apps)]
        if bad:
            yield failed(
                lp.id,
                f"{lp.name}拟新建专用网络（{', '.join(bad)}），与国家批复要求使用国家电子政务网络相冲突，退回修改。",
                f"{lp.name} plans new private networks ({', '.join(bad)}) contrary to the national approval: return for revision.",
            )
        else:
            yield passed(lp.id, "地方部分使用国家电子政务网络。", "The local part uses the national network.")


@R(
    "R-10.3",
    article=10,
    strength=Strength.MUST,
    gates=("G-LOCAL-FSR", "G-LOCAL-DESIGN"),
    title=("地方发展改革部门的批复须依据国家批复的网络使用要求", "Local DRC approvals reference the national approval"),
    message=(
        "地方批复缺失或未引用国家项目建议书批复。",
        "The local approval is missing or does not reference the national approval.",
    ),
    remediation=(
        "地方发展改革部门依据国家批复文号审批地方可研/初设概算。",
        "The local DRC approves against the national approval's reference number.",
    ),
    interpretation="Feasibility stage: the local FSR approval; preliminary-design stage: also the design/estimate approval.",
)
def r_10_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _cobuilt(s):
        yield not_applicable("project", *NOT_COBUILT)
        return
    p = s.project
    needed = (
        ["feasibility_study_report"] if p.stage == "feasibility" else ["feasibility_study_report", "preliminary_design"]
    )
    for lp in s.local_parts:
        approvals = [d for d in s.docs("local_drc_approval", local_part=lp.id) if d.positive]
        for what in needed:
            label = (
                ("地方可研", "local FSR")
                if what == "feasibility_study_report"
                else ("地方初步设计和概算", "local design and estimate")
            )
            hits = [d for d in approvals if (d.approves or "feasibility_study_report") == what]
            if not hits:
                yield failed(
                    f"{lp.id}:{what}",
                    f"{lp.name}的{label[0]}尚未经地方发展改革部门批复。",
                    f"The {label[1]} of {lp.name} has no local DRC approval.",
                )
            elif not p.national_approval_ref or p.national_approval_ref not in hits[0].references:
                yield failed(
                    f"{lp.id}:{what}",
                    f"{lp.name}的{label[0]}批复未引用国家批复（{p.national_approval_ref or '未登记'}）。",
                    f"The approval of the {label[1]} of {lp.name} does not reference the national approval ({p.national_approval_ref or 'not recorded'}).",
                )
            else:
                yield passed(
                    f"{lp.id}:{what}",
                    "批复引用国家批复。",
                    "The approval references the national approval.",
                    [hits[0].id],
                )
