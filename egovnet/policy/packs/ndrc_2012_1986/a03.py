"""Article 3: complete the extranet; connect departments; migrate applications; 等级保护."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import authority
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule


@R(
    "R-3.1",
    article=3,
    strength=Strength.GOAL,
    status="historical",
    title=("政务外网覆盖所有地（市）和县（市）", "Extranet coverage of every prefecture and county"),
    message=(
        "省内政务外网尚未覆盖全部地市和县。",
        "The province's extranet does not yet cover every prefecture and county.",
    ),
    remediation=(
        "制定覆盖建设计划（原期限2015年底）。",
        "Maintain a coverage-build plan (original deadline end-2015).",
    ),
    interpretation="Coverage counted as met when a node is present in each unit (A-3.2); deadline kept for reporting (A-3.3).",
)
def r_3_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.coverage:
        yield not_applicable("coverage", "无覆盖情况数据。", "No coverage records.")
    for c in s.coverage:
        if c.prefectures_covered >= c.prefectures_total and c.counties_covered >= c.counties_total:
            yield passed(c.province, "地市、县覆盖率均为100%。", "Prefecture and county coverage 100%.")
        else:
            yield failed(
                c.province,
                f"{c.province}政务外网覆盖地市{c.prefectures_covered}/{c.prefectures_total}、县{c.counties_covered}/{c.counties_total}。",
                f"{c.province}: extranet covers {c.prefectures_covered}/{c.prefectures_total} prefectures and {c.counties_covered}/{c.counties_total} counties.",
            )


@R(
    "R-3.2",
    article=3,
    strength=Strength.MUST,
    title=("尚未接入的部门应抓紧接入政务外网", "Departments not yet connected must connect to the extranet"),
    message=(
        "部门有非涉密业务应用，但尚未接入政务外网。",
        "The department has non-classified applications but is not connected to the extranet.",
    ),
    remediation=(
        "向国家电子政务外网管理中心或省级政务外网管理机构申请接入。",
        "Apply for access to the national extranet management center or the provincial extranet operator.",
    ),
    interpretation="Department-level task; fed from the registry (networks app).",
    department_fields=("extranet_connected", "non_classified_apps"),
)
def r_3_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.departments:
        yield not_applicable("departments", "无部门接入数据。", "No department connection records.")
    for d in s.departments:
        if d.extranet_connected:
            yield passed(d.department, "已接入政务外网。", "Connected to the extranet.")
        elif d.non_classified_apps == 0:
            yield not_applicable(d.department, "无非涉密业务应用。", "No non-classified applications.")
        else:
            yield failed(
                d.department,
                f"{d.department}有{d.non_classified_apps}个非涉密业务应用，尚未接入政务外网。",
                f"{d.department} has {d.non_classified_apps} non-classified applications but is not connected to the extranet.",
            )


@R(
    "R-3.3",
    article=3,
    strength=Strength.MUST,
    title=(
        "已接入部门应尽快将应部署在外网的业务迁移上来",
        "Connected departments must migrate extranet applications without delay",
    ),
    message=("应用迁移已超过计划日期。", "An application's migration is past its planned date."),
    remediation=(
        "完成迁移或报批调整后的迁移计划；逾期情况将触发运维经费调整（R-12.3）。已完成的，在迁移事项上注明 done: true。",
        "Complete the migration or get a revised plan approved; overdue items trigger O&M review (R-12.3). If it is "
        "done, record done: true on the migration item.",
    ),
    interpretation="'尽快' has no deadline: the planned date of the migration item is the SLA (A-3.1).",
)
def r_3_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.migration_items:
        yield not_applicable("migration", "无迁移事项。", "No migration items.")
    for m in s.migration_items:
        if m.done:
            yield passed(m.application, "迁移已完成。", "Migration completed.")
        elif m.planned_date is None:
            yield failed(
                m.application,
                f"应用{m.application}的迁移事项没有计划日期。",
                f"Migration of {m.application} has no planned date.",
            )
        elif m.planned_date < s.evaluation_date:
            yield failed(
                m.application,
                f"应用{m.application}迁移至{m.to_network}已逾期（计划{m.planned_date.isoformat()}）。",
                f"Migration of {m.application} to the {m.to_network} is OVERDUE (planned {m.planned_date.isoformat()}).",
            )
        else:
            yield passed(
                m.application,
                f"迁移计划于{m.planned_date.isoformat()}完成，尚未到期。",
                f"Migration planned for {m.planned_date.isoformat()}; not yet due.",
            )


@R(
    "R-3.4",
    article=3,
    strength=Strength.INFO,
    title=(
        "非涉密业务应用均为政务外网候选（面向公众者优先）",
        "Every non-classified application is an extranet candidate (public-facing first)",
    ),
    message=("—", "—"),
    remediation=("—", "—"),
    interpretation="By §4 every non-classified application is an extranet candidate; §3's sub-conditions only prioritise.",
    app_fields=("classified", "public_facing", "cross_region", "cross_department", "shares_basic_info"),
)
def r_3_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    for app in s.non_classified_apps:
        prio = app.public_facing or app.cross_region or app.cross_department or app.shares_basic_info
        yield passed(
            app.id,
            f"政务外网候选应用，迁移优先级：{'高' if prio else '一般'}。",
            f"Extranet candidate; migration priority {'high' if prio else 'normal'}.",
        )


@R(
    "R-3.5",
    article=3,
    strength=Strength.MUST,
    gates=("G-ACCEPT-APPLY",),
    title=("政务外网按等级保护要求建设和管理", "The extranet is built and managed under MLPS"),
    message=(
        "项目建设的政务外网平台组成部分未办理等级保护备案。",
        "An extranet platform component built by the project has no MLPS filing.",
    ),
    remediation=(
        "对该组成部分定级并向有权公安机关备案。",
        "Grade the component and file it with the competent public-security organ.",
    ),
    interpretation="Components that are part of the extranet platform itself (backbone, MAN, data centre on the extranet) need an MLPS filing covering their id.",
)
def r_3_5(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    comps = [
        c for c in s.network_components if c.built_on == "extranet" and c.kind in ("wan_backbone", "man", "data_center")
    ]
    if not comps:
        yield not_applicable(
            "project", "项目不建设政务外网平台组成部分。", "The project builds no extranet platform component."
        )
        return
    auth = authority(s, ctx, "mlps_filing")
    for c in comps:
        certs = [d for d in s.docs("mlps_filing_certificate") if c.id in d.covers and d.positive]
        if certs:
            yield passed(c.id, f"已备案（{certs[0].ref_no}）。", f"Filed ({certs[0].ref_no}).", [certs[0].id])
        else:
            yield failed(
                c.id,
                f"政务外网组成部分{c.id}未见等级保护备案证明。",
                f"Extranet component {c.id} has no MLPS filing certificate.",
                f"{auth.explanation_zh}请向{auth.name}备案。",
                f"{auth.explanation_en} File with {auth.name}.",
            )
