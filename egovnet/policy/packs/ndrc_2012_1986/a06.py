"""Article 6: needs analysis — placement, coverage, capacity; secrecy review; MLPS filing (同级)."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import GRADE_ZH, LEVEL_ZH_NUM, authority, evidence_check
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule


@R(
    "R-6.1",
    article=6,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "需求分析须明确每个应用的部署网络、覆盖面和通信能力",
        "Needs analysis fixes target network, coverage and capacity for every application",
    ),
    message=(
        "需求分析缺少应用的部署网络、覆盖面或通信能力。",
        "The needs analysis lacks an application's target network, coverage or capacity.",
    ),
    remediation=(
        "在需求分析报告中为每个业务应用补充目标网络、覆盖层级和带宽需求。",
        "Add the target network, coverage levels and bandwidth for every application to the needs-analysis report.",
    ),
    interpretation="Applies to new and continued projects and, by A-6.1, to renovation/expansion that adds or changes applications; pure hardware refresh is exempt.",
)
def r_6_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    p = s.project
    if p is None or p.hardware_only:
        yield not_applicable(
            "project",
            "纯硬件更新项目，不涉及业务应用变化（A-6.1）。",
            "Hardware-only refresh; no application change (A-6.1).",
        )
        return
    if not s.applications:
        yield failed(
            "project",
            "需求分析未列出任何业务应用。",
            "The needs analysis lists no business application.",
            "在需求分析报告中列出业务应用；纯硬件更新、不涉及业务应用的项目注明 project.hardware_only: true（A-6.1）。",
            "List the business applications in the needs analysis; a hardware-only refresh that changes no application "
            "states project.hardware_only: true (A-6.1).",
        )
        return
    for app in s.applications:
        miss = []
        if not app.target_network:
            miss.append(("部署网络", "target network"))
        if not app.coverage_levels:
            miss.append(("网络覆盖面", "coverage"))
        if app.bandwidth_mbps is None:
            miss.append(("网络通信能力（带宽）", "capacity (bandwidth)"))
        if miss:
            yield failed(
                app.id,
                f"需求分析中应用{app.id}缺少：{'、'.join(m[0] for m in miss)}。",
                f"The needs analysis lacks for {app.id}: {', '.join(m[1] for m in miss)}.",
            )
        else:
            yield passed(
                app.id, "部署网络、覆盖面和通信能力均已明确。", "Target network, coverage and capacity are stated."
            )


@R(
    "R-6.2",
    article=6,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "涉密应用的密级和保护等级须报同级保密行政管理部门审查",
        "Secrecy grade and protection level reviewed by the same-level secrecy administration",
    ),
    message=(
        "涉密应用缺少同级保密行政管理部门的审查意见。",
        "A classified application lacks the same-level secrecy administration's review.",
    ),
    remediation=("报同级保密行政管理部门审查。", "Submit it to the same-level secrecy administration."),
    interpretation="同级 per the jurisdiction resolver: central → 国家保密局; local → same-level 保密局 (review has no floor).",
)
def r_6_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not s.classified_apps:
        yield not_applicable("project", "无涉密应用。", "No classified application.")
    for app in s.classified_apps:
        ok, auth, doc, wrong = evidence_check(
            s, ctx, app, "secrecy_review_opinion", "secrecy_review", "保密审查意见", "The secrecy review opinion"
        )
        grade = GRADE_ZH.get(app.secrecy_grade or "", "密级未定")
        if ok:
            yield passed(
                app.id, f"已经{auth.name}审查（{doc.ref_no}）。", f"Reviewed by {auth.name} ({doc.ref_no}).", [doc.id]
            )
        else:
            zh, en = wrong or (
                f"涉密应用{app.id}（{grade}）的密级和保护等级未经{auth.name}审查。",
                f"The grade and protection level of classified application {app.id} ({app.secrecy_grade}) have not been reviewed by {auth.name}.",
            )
            yield failed(
                app.id,
                zh,
                en,
                f"请报{auth.name}审查。{auth.explanation_zh}",
                f"Submit to {auth.name}. {auth.explanation_en}",
            )


def _mlps_missing(app, auth, wrong):
    lvl = LEVEL_ZH_NUM.get(app.mlps_level or 0, "")
    return wrong or (
        f"缺少公安部门出具的非涉密信息系统安全保护等级备案证明（{app.id}，{lvl}）。",
        f"The MLPS filing certificate from the public-security organ is missing ({app.id}, level {app.mlps_level}).",
    )


@R(
    "R-6.3",
    article=6,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "非涉密应用的安全保护等级须报同级公安部门备案",
        "MLPS level of non-classified applications filed with the same-level public security",
    ),
    message=(
        "非涉密应用未定级或未向有权公安机关备案。",
        "A non-classified application is not graded or not filed with the competent public-security organ.",
    ),
    remediation=("定级后向有权公安机关备案。", "Grade it and file with the competent public-security organ."),
    interpretation="Level ≥2 must be filed; a planning-stage filing is accepted before construction (A-6.3). Filing authority per 43号/1360号 with the prefecture floor (pack parameter mlps_floor).",
)
def r_6_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    apps = s.non_classified_apps
    if not apps:
        yield not_applicable("project", "无非涉密应用。", "No non-classified application.")
    for app in apps:
        if app.mlps_level is None:
            yield failed(
                app.id,
                f"非涉密应用{app.id}未确定安全保护等级。",
                f"Non-classified application {app.id} has no MLPS level.",
                "依据GB/T 22240开展定级。",
                "Grade it under GB/T 22240.",
            )
            continue
        if app.mlps_level < 2:
            yield not_applicable(app.id, "第一级系统无需备案（见R-6.4）。", "Level 1: no filing required (see R-6.4).")
            continue
        ok, auth, doc, wrong = evidence_check(
            s, ctx, app, "mlps_filing_certificate", "mlps_filing", "等级保护备案证明", "The MLPS filing certificate"
        )
        if ok:
            yield passed(
                app.id, f"已向{auth.name}备案（{doc.ref_no}）。", f"Filed with {auth.name} ({doc.ref_no}).", [doc.id]
            )
        else:
            zh, en = _mlps_missing(app, auth, wrong)
            yield failed(
                app.id,
                zh,
                en,
                f"请向{auth.name}备案。{auth.explanation_zh}",
                f"File with {auth.name}. {auth.explanation_en}",
            )


@R(
    "R-6.4",
    article=6,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "第一级非涉密应用须有定级报告（备案可配置）",
        "Level-1 applications need a grading report (filing configurable)",
    ),
    message=("第一级应用缺少定级报告。", "A level-1 application lacks its grading report."),
    remediation=("编制定级报告。", "Prepare the grading report."),
    interpretation="43号 requires filing only from level 2; default 'grading report only' (parameter level1_filing_required).",
)
def r_6_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    apps = [a for a in s.non_classified_apps if a.mlps_level == 1]
    if not apps:
        yield not_applicable("project", "无第一级应用。", "No level-1 application.")
    need_filing = ctx.params.get("level1_filing_required", False)
    for app in apps:
        report = [
            d for d in s.docs_covering("mlps_grading_report", app.id) if d.result in (None, "approved", "pass", "filed")
        ]
        filed = [d for d in s.docs_covering("mlps_filing_certificate", app.id) if d.positive]
        if not report:
            yield failed(
                app.id, f"第一级应用{app.id}缺少定级报告。", f"Level-1 application {app.id} has no grading report."
            )
        elif need_filing and not filed:
            auth = authority(s, ctx, "mlps_filing", app)
            yield failed(
                app.id,
                f"本规则包要求第一级也须备案：{app.id}未备案。",
                f"This pack requires level-1 filing: {app.id} is not filed.",
                f"请向{auth.name}备案。",
                f"File with {auth.name}.",
            )
        else:
            yield passed(
                app.id,
                "已有定级报告；第一级无需备案。",
                "Grading report present; level 1 needs no filing.",
                [report[0].id],
            )


@R(
    "R-6.5",
    article=6,
    strength=Strength.MUST,
    gates=("G-NEEDS",),
    title=(
        "须先确定每个应用是否涉密及密级（定密在先）",
        "Classification must be determined first for every application",
    ),
    message=("应用是否涉密或密级未确定。", "Whether an application is classified, or its grade, is undetermined."),
    remediation=("由定密责任人确定是否涉密及密级。", "Have the classification officer determine it."),
    interpretation="Placement and the §6 approvals depend on classification (保密定密 first).",
)
def r_6_5(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    for app in s.applications:
        if app.classified is None:
            yield failed(
                app.id, f"应用{app.id}未确定是否涉密。", f"Application {app.id}: classified or not is undetermined."
            )
        elif app.classified and app.secrecy_grade not in GRADE_ZH:
            yield failed(
                app.id, f"涉密应用{app.id}未确定密级。", f"Classified application {app.id} has no secrecy grade."
            )
        else:
            yield passed(app.id)
