"""The rules of 国办发〔2019〕57号 (context.md §2.5.5, §2.5.6; interpretations A-57.x).

Scope: projects of State Council departments (a central owner; the central part of a co-built project) and
projects approved by a department rather than NDRC. Evidence requirements accumulate on the 1986 notice's
(context.md §4.4): where both packs are in force, a finding says which document its rule comes from.
"""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import ProjectFacts, Snapshot
from egovnet.policy.packs.gov_2019_57.pack import PACK

R = PACK.rule

FILING_ITEMS = {
    "performance_targets": ("绩效目标和指标", "performance targets and indicators"),
    "om_funding": ("运维经费及渠道", "O&M funding and channel"),
    "info_resource_catalog": ("信息资源目录", "information-resource catalogue"),
    "mlps_filing_and_assessment": ("等级保护备案和测评情况", "MLPS filing and assessment"),
    "crypto_application_plan": ("密码应用方案", "cryptographic application plan"),
    "crypto_assessment_report": ("密码应用安全性评估报告", "crypto assessment (密评) report"),
}
NOT_IN_SCOPE = (
    "非国务院有关部门的政务信息化项目，57号不适用。",
    "Not a State Council department's project; 57号 does not apply.",
)


def in_scope(p: ProjectFacts | None) -> bool:
    """A State Council department's project (central owner, incl. co-built) or a department-approved one."""
    return p is not None and (p.owner.level == "central" or p.cobuilt or p.approval_regime == "department")


@R(
    "R57-11.1",
    article=11,
    strength=Strength.MUST,
    gates=("G-FSR",),
    title=(
        "跳过项目建议书直接编报可研，须已纳入国家政务信息化建设规划或属紧急特殊项目",
        "Going straight to the FSR needs inclusion in the national plan or an urgent, special basis",
    ),
    message=(
        "未编报项目建议书，且未说明可直接编报可研的依据。",
        "No proposal and no basis for going straight to the FSR.",
    ),
    remediation=(
        "在项目中注明 in_national_plan: true（已纳入国家政务信息化建设规划），或在 simplified_basis 中写明党中央、国务院要求或紧急特殊情况的依据；否则先编报项目建议书。",
        "State in_national_plan: true (in the national e-government plan), or give the Central Committee / State Council requirement or urgency in simplified_basis; otherwise submit a proposal first.",
    ),
    interpretation="A-57.5: 57号 lets planned projects go straight to the FSR, and urgent/special projects straight to FSR + preliminary design; no investment threshold of its own.",
)
def r57_11_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    p = s.project
    if not in_scope(p):
        yield not_applicable("project", *NOT_IN_SCOPE)
        return
    if p.approval_path != "simplified":
        yield not_applicable("project", "已编报项目建议书（完整审批程序）。", "A proposal was submitted (full path).")
    elif p.in_national_plan:
        yield passed(
            "project", "已纳入国家政务信息化建设规划，可直接编报可研。", "In the national plan: straight to the FSR."
        )
    elif p.simplified_basis.strip():
        yield passed(
            "project", f"直接编报可研的依据：{p.simplified_basis}。", f"Basis for the direct FSR: {p.simplified_basis}."
        )
    else:
        missing = (
            "project.in_national_plan（未填写）" if p.in_national_plan is None else "project.in_national_plan 为 false"
        )
        yield failed(
            "project",
            f"未编报项目建议书，且未说明可直接编报可研的依据（{missing}，project.simplified_basis 为空）。",
            "No proposal and no basis for the direct FSR (project.in_national_plan not true, project.simplified_basis empty).",
        )


@R(
    "R-9.7",
    article=14,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-SUBMIT", "G-FSR"),
    title=(
        "部门审批项目须向国家发展改革委备案，备案材料齐全（含密码应用方案和密评报告）",
        "Department-approved projects file a complete package with NDRC (incl. crypto plan and 密评)",
    ),
    message=("国家发展改革委备案材料不全。", "The NDRC filing package is incomplete."),
    remediation=(
        "补齐备案材料（绩效目标、运维经费、信息资源目录、等保备案测评、密码应用方案和密评报告）。",
        "Complete the filing package (performance, O&M, catalogue, MLPS, crypto plan and assessment).",
    ),
    interpretation="A-57.3: NDRC filing (ndrc_project_filing, distinct from MLPS filing) replaces NDRC approval for department-approved projects; the 1986 art. 9 evidence goes into it plus the 57号 items (parameter ndrc_filing_items).",
)
def r_9_7(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    p = s.project
    if p is None or p.approval_regime != "department":
        yield not_applicable(
            "project", "非部门审批项目，无需向国家发展改革委备案。", "Not department-approved; no NDRC filing."
        )
        return
    filings = s.docs("ndrc_project_filing")
    if not filings:
        yield failed(
            "project",
            "部门审批项目未向国家发展改革委备案。",
            "The department-approved project has not been filed with NDRC.",
            "向国家发展改革委报送备案材料（文件类型 ndrc_project_filing，items 列明所含材料）。",
            "File with NDRC (document type ndrc_project_filing, listing its contents in items).",
        )
        return
    items = set().union(*(f.items for f in filings))
    missing = [k for k in ctx.params["ndrc_filing_items"] if k not in items]
    if missing:
        yield failed(
            "project",
            f"国家发展改革委备案材料缺少：{'、'.join(FILING_ITEMS[k][0] for k in missing)}。",
            f"The NDRC filing package lacks: {', '.join(FILING_ITEMS[k][1] for k in missing)}.",
            f"在备案材料 items 中补齐：{'、'.join(missing)}。",
            f"Add to the filing's items: {', '.join(missing)}.",
            evidence=[filings[0].id],
        )
    else:
        yield passed("project", "备案材料齐全。", "Filing package complete.", [filings[0].id])


@R(
    "R57-21.1",
    article=21,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-SUBMIT", "G-FSR"),
    title=(
        "非涉密系统须同步规划密码保障系统，审批阶段编制密码应用方案",
        "Non-classified systems plan cryptography in step: a crypto application plan at approval",
    ),
    message=("缺少密码应用方案。", "No cryptographic application plan."),
    remediation=(
        "编制密码应用方案（文件类型 crypto_application_plan），随可研或建议书报送。",
        "Draw up the crypto application plan (document type crypto_application_plan) with the FSR or proposal.",
    ),
    interpretation="A-57.4: 三同步一评估 — 同步规划 means the plan exists at the approval stage; non-classified systems only (classified ones follow 分保 and the core/common crypto regime).",
)
def r57_21_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not in_scope(s.project):
        yield not_applicable("project", *NOT_IN_SCOPE)
        return
    apps = s.non_classified_apps
    if not apps:
        yield not_applicable("project", "无非涉密应用。", "No non-classified application.")
    for app in apps:
        plans = s.docs_covering("crypto_application_plan", app.id)
        if plans:
            yield passed(app.id, "已编制密码应用方案。", "Crypto application plan present.", [plans[0].id])
        else:
            yield failed(
                app.id,
                f"非涉密应用{app.id}缺少密码应用方案。",
                f"Non-classified application {app.id} has no crypto application plan.",
            )


@R(
    "R-11.6",
    article=21,
    strength=Strength.MUST,
    gates=("G-ACCEPT-APPLY",),
    title=(
        "非涉密系统验收前须通过密码应用安全性评估",
        "Non-classified systems pass the crypto assessment (密评) before acceptance",
    ),
    message=("缺少合格的密评报告。", "No passing crypto assessment report."),
    remediation=("委托具备资质的密评机构开展密码应用安全性评估。", "Commission a licensed crypto assessment agency."),
    interpretation="A-57.4: 三同步一评估; projects under construction when 57号 took effect do 密评 before acceptance (国家密码管理局 letter, context.md S37).",
)
def r_11_6(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    p = s.project
    if p is None or not (p.is_national or p.approval_regime == "department"):
        yield not_applicable("project", "非国家政务信息化项目。", "Not a national e-government project.")
        return
    apps = s.non_classified_apps
    if not apps:
        yield not_applicable("project", "无非涉密应用。", "No non-classified application.")
    for app in apps:
        ok = [a for a in s.assessments_of("crypto") if a.passed and (not a.covers or app.id in a.covers)]
        if ok:
            yield passed(app.id, "密评合格。", "Crypto assessment passed.", [ok[0].id])
        else:
            yield failed(
                app.id,
                f"应用{app.id}缺少合格的密码应用安全性评估报告。",
                f"Application {app.id} has no passing crypto assessment.",
            )


@R(
    "R57-13.1",
    article=13,
    strength=Strength.MUST,
    gates=("G-TRIAL",),
    title=(
        "初步设计方案和投资概算经批复后方可开工建设",
        "Construction starts only after the preliminary design and budget estimate are approved",
    ),
    message=("初步设计方案和投资概算未经批复。", "The preliminary design and budget estimate are not approved."),
    remediation=(
        "报项目审批部门批复初步设计方案和投资概算（文件类型 preliminary_design，result: approved）。",
        "Have the approving authority approve the preliminary design and estimate (document type preliminary_design, result: approved).",
    ),
    interpretation="A-57.6: the budget review of 57号 is judged on the approved estimate (初设概算): a preliminary_design document not rejected (its approval is the design stage's transition on the platform); MOF's annual budget review is outside the dossier.",
)
def r57_13_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not in_scope(s.project):
        yield not_applicable("project", *NOT_IN_SCOPE)
        return
    designs = s.docs("preliminary_design")
    # no result recorded: the platform records the approval as the design stage's transition
    approved = [d for d in designs if d.result in (None, "approved")]
    if approved:
        yield passed("project", "初步设计方案和投资概算已批复。", "Design and estimate approved.", [approved[0].id])
    elif designs:
        yield failed(
            "project",
            f"初步设计方案和投资概算（{designs[0].id}）尚未获批复（result: {designs[0].result or '未填写'}）。",
            f"The preliminary design and estimate ({designs[0].id}) are not approved (result: {designs[0].result or 'none'}).",
            evidence=[designs[0].id],
        )
    else:
        yield failed("project", "缺少初步设计方案和投资概算的批复。", "No approved preliminary design and estimate.")


@R(
    "R57-9.1",
    article=9,
    strength=Strength.IN_PRINCIPLE,
    # advisory (no gate) until the projects' evidence register records catalogues (ADR 0312)
    title=(
        "项目须编制信息资源目录，明确信息共享",
        "The project compiles its information-resource catalogue for sharing",
    ),
    message=("缺少信息资源目录。", "No information-resource catalogue."),
    remediation=(
        "编制信息资源目录（文件类型 info_resource_catalog，或在国家发展改革委备案材料 items 中列入 info_resource_catalog）；确实不能共享的，须经国务院办公厅审核并报国务院批准（登记例外）。",
        "Compile the catalogue (document type info_resource_catalog, or info_resource_catalog in the NDRC filing's items); a project that cannot share needs State Council approval (record a deviation).",
    ),
    interpretation="A-57.7: checkable from the dossier only as the catalogue's presence; a project that cannot share is a deviation approved at State Council level.",
)
def r57_9_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not in_scope(s.project):
        yield not_applicable("project", *NOT_IN_SCOPE)
        return
    if not s.non_classified_apps:
        yield not_applicable("project", "无非涉密应用，无共享目录要求。", "No non-classified application to catalogue.")
        return
    catalogues = s.docs("info_resource_catalog")
    filed = [f for f in s.docs("ndrc_project_filing") if "info_resource_catalog" in f.items]
    found = catalogues or filed
    if found:
        yield passed("project", "已编制信息资源目录。", "Information-resource catalogue present.", [found[0].id])
    else:
        yield failed(
            "project",
            "项目未编制信息资源目录（info_resource_catalog）。",
            "The project has no information-resource catalogue (info_resource_catalog).",
        )
