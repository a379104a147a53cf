"""Article 5: provinces unify local e-gov networks (sentence 2 is defective: R-5.2 reconstructed)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule


@R(
    "R-5.1",
    article=5,
    strength=Strength.GOAL,
    title=("各省统一建设地方电子政务网络", "Provinces build one unified local e-gov network"),
    message=(
        "省内有多个并行的电子政务网络，且无统一规划。",
        "The province runs several parallel e-gov networks without a unification plan.",
    ),
    remediation=(
        "制定统一规划，充分利用已有网络、队伍和资金渠道；已有规划的，在登记中注明 unification_plan: true。",
        "Draw up a unification plan reusing existing networks, teams and funding; if one exists, record "
        "unification_plan: true.",
    ),
    interpretation="Expected when a province runs more than one parallel network.",
)
def r_5_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    by_prov = defaultdict(list)
    for n in s.provincial_networks:
        by_prov[n.province].append(n)
    if not by_prov:
        yield not_applicable("provinces", "无省级网络数据。", "No provincial network records.")
    for prov, nets in by_prov.items():
        if len(nets) > 1 and not any(n.unification_plan for n in nets):
            yield failed(
                prov,
                f"{prov}有{len(nets)}个并行网络，无统一规划。",
                f"{prov} runs {len(nets)} parallel networks without a unification plan.",
            )
        else:
            yield passed(prov)


@R(
    "R-5.2",
    article=5,
    strength=Strength.IN_PRINCIPLE,
    status="reconstructed",
    title=(
        "用于涉密业务的省级网络纳入政务内网体系并与中央平台安全链接",
        "Provincial classified networks join the intranet with a secure link",
    ),
    message=(
        "用于涉密业务的省级网络未纳入政务内网体系或未安全链接。",
        "A provincial classified network is not incorporated into the intranet or not securely linked.",
    ),
    remediation=(
        "纳入国家电子政务内网体系，实现与中央级内网平台安全链接（凭证明）；已纳入的，在登记中注明 "
        "incorporated_into: intranet、link_to_central: true。",
        "Incorporate it into the intranet system with a secure link to the central platform (attested); if done, "
        "record incorporated_into: intranet and link_to_central: true.",
    ),
    interpretation="Text defect (context.md §1.3): sentence 2 of art. 5 lacks a predicate; reconstructed by analogy with sentence 3 and art. 2. Flagged for legal review.",
)
def r_5_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    nets = [n for n in s.provincial_networks if n.carries == "classified"]
    if not nets:
        yield not_applicable("provinces", "无承载涉密业务的省级网络。", "No provincial classified network.")
    for n in nets:
        if n.incorporated_into == "intranet" and n.link_to_central:
            yield passed(n.id)
        else:
            yield failed(
                n.id,
                f"{n.province}涉密网络{n.id}未纳入内网体系或未安全链接。",
                f"Classified network {n.id} of {n.province} is not incorporated/linked.",
            )


@R(
    "R-5.3",
    article=5,
    strength=Strength.IN_PRINCIPLE,
    title=(
        "用于非涉密业务的已建网络纳入政务外网体系并与中央外网平台连通",
        "Provincial non-classified networks join the extranet and connect to the centre",
    ),
    message=(
        "用于非涉密业务的省级网络未纳入政务外网体系或未与中央平台连通。",
        "A provincial non-classified network is not in the extranet system or not connected to the central platform.",
    ),
    remediation=(
        "纳入国家电子政务外网体系并与中央政务外网平台有效连通，或登记例外；已纳入的，在登记中注明 "
        "incorporated_into: extranet、link_to_central: true。",
        "Incorporate it into the extranet and connect it to the central platform, or record a deviation; if done, "
        "record incorporated_into: extranet and link_to_central: true.",
    ),
    interpretation="'原则上应纳入': exceptions (special industry networks) need a deviation (A-5.2).",
)
def r_5_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    nets = [n for n in s.provincial_networks if n.carries == "non_classified"]
    if not nets:
        yield not_applicable("provinces", "无承载非涉密业务的省级网络。", "No provincial non-classified network.")
    for n in nets:
        if n.incorporated_into == "extranet" and n.link_to_central:
            yield passed(n.id)
        else:
            yield failed(
                n.id,
                f"{n.province}网络{n.id}未纳入政务外网体系或未与中央平台连通。",
                f"Network {n.id} of {n.province} is not in the extranet system or not linked to the centre.",
            )


@R(
    "R-5.4",
    article=5,
    strength=Strength.MUST,
    title=("涉密与非涉密业务不得混用同一网络", "Classified and non-classified business may not share one network"),
    message=(
        "省级网络同时承载涉密和非涉密业务。",
        "A provincial network carries both classified and non-classified business.",
    ),
    remediation=(
        "物理隔离：拆分为涉密网络（纳入内网）和非涉密网络（纳入外网）。",
        "Physically separate it into a classified network (intranet) and a non-classified one (extranet).",
    ),
    interpretation="Derived from physical isolation between the intranet and the extranet.",
)
def r_5_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.provincial_networks:
        yield not_applicable("provinces", "无省级网络数据。", "No provincial network records.")
    for n in s.provincial_networks:
        if n.carries == "mixed":
            yield failed(
                n.id,
                f"{n.province}网络{n.id}混合承载涉密和非涉密业务。",
                f"Network {n.id} of {n.province} mixes classified and non-classified business.",
            )
        else:
            yield passed(n.id)
