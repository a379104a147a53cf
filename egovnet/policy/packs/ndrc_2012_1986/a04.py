"""Article 4: migration plans for 业务专网 and the placement rule."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import GRADE_ZH, authority, net_en, net_zh
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK
from egovnet.policy.packs.ndrc_2012_1986.placement import required_network

R = PACK.rule
PLACEMENT_RULES = ("R-4.2", "R-4.3")


@R(
    "R-4.1",
    article=4,
    strength=Strength.MUST,
    title=(
        "运行业务专网的部门须制定迁移规划和实施方案",
        "A department operating a dedicated network needs a migration plan and scheme",
    ),
    message=(
        "部门运行业务专网，但缺少迁移规划或实施方案。",
        "The department operates a dedicated network without a migration plan or implementation scheme.",
    ),
    remediation=(
        "制定专网迁移规划和实施方案，确定业务部署在内网或外网。",
        "Draw up the migration plan and implementation scheme, deciding which business goes to the intranet or extranet.",
    ),
    interpretation="Department-level duty, judged on registry facts about its dedicated networks.",
)
def r_4_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.dedicated_networks:
        yield not_applicable("departments", "无业务专网数据。", "No dedicated networks recorded.")
    for n in s.dedicated_networks:
        if n.has_migration_plan and n.has_implementation_scheme:
            yield passed(n.id, "已有迁移规划和实施方案。", "Migration plan and scheme exist.")
        else:
            miss = [
                x for x, ok in (("迁移规划", n.has_migration_plan), ("实施方案", n.has_implementation_scheme)) if not ok
            ]
            miss_en = [
                x
                for x, ok in (
                    ("migration plan", n.has_migration_plan),
                    ("implementation scheme", n.has_implementation_scheme),
                )
                if not ok
            ]
            yield failed(
                n.id,
                f"{n.owner}的业务专网{n.id}缺少{'和'.join(miss)}。",
                f"Dedicated network {n.id} of {n.owner} lacks a {' and '.join(miss_en)}.",
                f"制定{'和'.join(miss)}，确定业务部署在内网或外网；已有的，在登记中注明 {_plan_fields(n)}（第四条）。",
                f"Draw up the {' and '.join(miss_en)}, deciding which business goes to the intranet or extranet; if "
                f"they exist, record {_plan_fields(n)} (art. 4).",
            )


def _plan_fields(n) -> str:
    """The registry fields that record a dedicated network's migration plan and implementation scheme."""
    fields = [
        f
        for f, ok in (
            ("has_migration_plan", n.has_migration_plan),
            ("has_implementation_scheme", n.has_implementation_scheme),
        )
        if not ok
    ]
    return ", ".join(f"registry.dedicated_networks[{n.id}].{f}: true" for f in fields)


def _placement(s: Snapshot, classified: bool):
    apps = [
        a
        for a in s.applications
        if a.classified is classified and (not classified or a.secrecy_grade in ("mimi", "jimi"))
    ]
    for app in apps:
        need = required_network(app)
        if classified and app.target_network == "intranet" and (beyond := _beyond_intranet_reach(app)):
            yield _reach_finding(app, beyond)
        elif app.target_network == need:
            yield passed(
                app.id, f"目标网络为{net_zh(need)}，符合第四条。", f"Targets the {net_en(need)} as art. 4 requires."
            )
        else:
            what = f"{GRADE_ZH.get(app.secrecy_grade or '', '')}涉密" if classified else "非涉密"
            what_en = f"classified ({app.secrecy_grade})" if classified else "non-classified"
            yield failed(
                app.id,
                f"{what}应用{app.id}原则上应部署在{net_zh(need)}，但目标网络为{net_zh(app.target_network)}。",
                f"The {what_en} application {app.id} belongs in principle on the {net_en(need)}, but targets '{net_en(app.target_network)}'.",
                f"将目标网络改为{net_zh(need)}，或由项目审批部门批准例外（理由、法律依据、有效期，见R-4.5）。",
                f"Change the target to the {net_en(need)}, or have the approving authority approve a deviation (reason, legal basis, expiry; see R-4.5).",
            )
    if not apps:
        yield not_applicable("project", "无适用应用。", "No application in scope.")


# the intranet has no tier below these levels; a classified application used further down cannot reach it.
BEYOND_INTRANET_REACH = ("county", "township")
_LEVEL_ZH = {"county": "县级", "township": "乡镇"}


def _beyond_intranet_reach(app) -> tuple[str, ...]:
    return tuple(lvl for lvl in BEYOND_INTRANET_REACH if lvl in app.coverage_levels)


def _reach_finding(app, beyond: tuple[str, ...]) -> Draft:
    levels_zh = "、".join(_LEVEL_ZH[lvl] for lvl in beyond)
    return failed(
        app.id,
        f"涉密应用{app.id}覆盖{levels_zh}，但政务内网不延伸到{levels_zh}（第四条，A-4.3），{levels_zh}单位无法接入政务内网。",
        f"The classified application {app.id} is used at {', '.join(beyond)} level, which the intranet does not reach "
        "(art. 4, A-4.3): units there cannot connect to the intranet.",
        f"{levels_zh}部分改用地方涉密网络（local_classified_network），并由项目审批部门批准例外、附保密行政管理部门意见（见R-4.5）；或将应用限于内网覆盖的层级。",
        "Put the county part on a local classified network (local_classified_network) under a deviation approved by "
        "the approving authority with the secrecy administration's opinion (see R-4.5), or limit the application to "
        "the levels the intranet reaches.",
    )


@R(
    "R-4.2",
    article=4,
    strength=Strength.IN_PRINCIPLE,
    gates=("G-NEEDS",),
    title=(
        "机密级及以下涉密业务原则上部署在政务内网",
        "Classified business up to 机密 goes on the intranet in principle",
    ),
    message=("涉密应用未部署在政务内网。", "A classified application is not placed on the intranet."),
    remediation=("部署在政务内网，或登记经批准的例外。", "Place it on the intranet or record an approved deviation."),
    interpretation="秘密/机密 → intranet. A-4.3: the intranet does not reach county level; a classified application "
    "used at county (or township) level and targeted at the intranet is flagged, and such units use a deviation to a "
    "local classified network.",
    app_fields=("classified", "secrecy_grade", "target_network", "coverage_levels"),
)
def r_4_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    yield from _placement(s, True)


@R(
    "R-4.3",
    article=4,
    strength=Strength.IN_PRINCIPLE,
    gates=("G-NEEDS",),
    title=("非涉密业务原则上部署在政务外网", "Non-classified business goes on the extranet in principle"),
    message=("非涉密应用未部署在政务外网。", "A non-classified application is not placed on the extranet."),
    remediation=(
        "部署在政务外网（可使用专用网络区VPN），或登记经批准的例外。",
        "Place it on the extranet (a private-zone VPN is fine) or record an approved deviation.",
    ),
    interpretation="Every non-classified system → extranet; department VPNs in the extranet private zone count as the extranet (A-4.2).",
    app_fields=("classified", "secrecy_grade", "target_network"),
)
def r_4_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    yield from _placement(s, False)


@R(
    "R-4.4",
    article=4,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "绝密级系统不上政务内网：作为独立涉密信息系统，须有例外记录",
        "绝密 systems stay off the intranet: standalone, with an exception record",
    ),
    message=("绝密级应用的部署不符合要求。", "The 绝密 application's placement does not comply."),
    remediation=(
        "将目标网络定为独立涉密信息系统，登记引用绝密级分级保护依据的例外记录，仅保存不透明文号。",
        "Target a standalone classified system, record the exception citing the 绝密 basis, keep only opaque references.",
    ),
    interpretation="A-4.1: '机密级及以下' excludes 绝密; such systems are built standalone under 绝密 fenbao and are never a new dedicated network (R-12.1). The exception record is read as evidence; only opaque references may be held (§4.5).",
)
def r_4_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    apps = [a for a in s.classified_apps if a.secrecy_grade == "juemi"]
    if not apps:
        yield not_applicable("project", "无绝密级应用。", "No 绝密 application.")
    for app in apps:
        problems_zh, problems_en = [], []
        if app.target_network != "standalone_classified":
            problems_zh.append(f"目标网络为{net_zh(app.target_network)}，应为独立涉密信息系统")
            problems_en.append(f"targets '{net_en(app.target_network)}' instead of a standalone classified system")
        if not any(d.rule == "R-4.4" and d.subject == app.id and d.legal_basis for d in s.deviations):
            problems_zh.append("缺少引用绝密级依据的例外记录")
            problems_en.append("no exception record citing the 绝密 basis")
        leaky = [d.id for d in s.documents if app.id in d.covers and not d.opaque]
        if leaky:
            problems_zh.append(f"涉及该系统的文件{', '.join(leaky)}未标记为不透明引用")
            problems_en.append(f"documents {', '.join(leaky)} about it are not marked opaque")
        if problems_zh:
            auth = authority(s, ctx, "classified_authorization")
            yield failed(
                app.id,
                f"绝密级应用{app.id}：{'；'.join(problems_zh)}。",
                f"绝密 application {app.id}: {'; '.join(problems_en)}.",
                f"按绝密级分级保护独立建设，例外记录须引用绝密依据并由{auth.name}等有权机关审批；平台只保存文号。",
                f"Build it standalone under 绝密 fenbao; the exception must cite the 绝密 basis, authorised by {auth.name}; store reference numbers only.",
            )
        else:
            yield passed(
                app.id,
                "独立涉密信息系统，例外记录完备（不计为新建专网）。",
                "Standalone classified system with its exception record (not a new dedicated network).",
            )


@R(
    "R-4.5",
    article=4,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=("偏离部署原则须由项目审批部门批准例外", "A placement deviation must be approved by the approving authority"),
    message=(
        "部署例外记录不完整或审批单位无权。",
        "A placement deviation is incomplete or approved by a body without authority.",
    ),
    remediation=(
        "由项目审批部门（发展改革部门）批准，写明理由、法律依据和有效期。",
        "Have the approving authority (DRC) approve it, with reason, legal basis and expiry.",
    ),
    interpretation="'原则上': deviations from R-4.2/4.3 need {reason, legal basis, approver = 项目审批部门 (development_reform), expiry}.",
)
def r_4_5(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    devs = [d for d in s.deviations if d.rule in PLACEMENT_RULES]
    if not devs:
        yield not_applicable("project", "无部署例外。", "No placement deviations.")
    for d in devs:
        miss = []
        if not d.reason:
            miss.append(("理由", "reason"))
        if not d.legal_basis:
            miss.append(("法律依据", "legal basis"))
        if d.expires is None:
            miss.append(("有效期", "expiry"))
        if d.approver.kind != "development_reform":
            miss.append(("发展改革部门的批准", "approval by the development-and-reform authority"))
        if miss:
            yield failed(
                d.subject,
                f"{d.rule}例外（{d.subject}）缺少：{'、'.join(m[0] for m in miss)}（审批单位：{d.approver.name}）。",
                f"Deviation {d.rule} for {d.subject} lacks: {', '.join(m[1] for m in miss)} (approver: {d.approver.name}).",
            )
        else:
            yield passed(d.subject, f"例外经{d.approver.name}批准。", f"Deviation approved by {d.approver.name}.")


@R(
    "R-4.6",
    article=4,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "同时含涉密和非涉密内容的应用须拆分部署",
        "An application mixing classified and non-classified content must be split",
    ),
    message=(
        "应用同时含涉密和非涉密功能或数据。",
        "The application mixes classified and non-classified functions or data.",
    ),
    remediation=(
        "拆分为涉密与非涉密组件分别部署，跨网数据交换须采用经保密部门批准的方案。",
        "Split it into components placed separately; cross-network exchange needs an approved cross-domain solution.",
    ),
    interpretation="Physical isolation between intranet and extranet: one application cannot straddle both.",
)
def r_4_6(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    for app in s.applications:
        if app.mixed_content:
            yield failed(
                app.id,
                f"应用{app.id}同时含涉密和非涉密内容，须拆分。",
                f"Application {app.id} mixes classified and non-classified content; split it.",
            )
        else:
            yield passed(app.id)
