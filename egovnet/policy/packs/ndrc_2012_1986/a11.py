"""Article 11: pre-acceptance assessments (¶1) and the separate network-use acceptance check (¶2)."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.a02 import fenbao_findings
from egovnet.policy.packs.ndrc_2012_1986.common import net_en, net_zh
from egovnet.policy.packs.ndrc_2012_1986.definitions import is_new_dedicated_network
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule
APPLY = ("G-ACCEPT-APPLY",)
OUT = (
    "第十一条适用于国家电子政务工程项目（中央或共建）。",
    "Art. 11 applies to national e-government projects (central or co-built).",
)


def _in_scope(s: Snapshot, ctx) -> bool:
    p = s.project
    return p is not None and (p.is_national or ctx.params.get("art11_local_projects", False))


@R(
    "R-11.1",
    article=11,
    paragraph=1,
    strength=Strength.MUST,
    gates=APPLY,
    title=(
        "涉密系统：具备资质机构的分级保护测评合格并经审批",
        "Classified objects: passing fenbao test and authorisation",
    ),
    message=("涉密系统缺少合格的分保测评或审批。", "A classified object lacks a passing fenbao test or authorisation."),
    remediation=(
        "委托国家保密局授权的测评机构测评，并报有权保密行政管理部门审批。",
        "Commission a NAPSS-authorised agency; obtain authorisation.",
    ),
    interpretation="Re-verified at the acceptance application (A-11.3: first required before trial operation, R-2.1).",
)
def r_11_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _in_scope(s, ctx):
        yield not_applicable("project", *OUT)
        return
    yield from fenbao_findings(s, ctx, "申请竣工验收前", "before applying for completion acceptance")


@R(
    "R-11.2",
    article=11,
    paragraph=1,
    strength=Strength.MUST,
    gates=APPLY,
    title=(
        "非涉密系统：具备资质机构的等级测评合格",
        "Non-classified objects: passing MLPS assessment by a qualified agency",
    ),
    message=("非涉密系统缺少合格的等级测评报告。", "A non-classified object lacks a passing MLPS assessment."),
    remediation=(
        "委托具备资质的等级测评机构开展等级测评并整改至符合要求。",
        "Commission a qualified MLPS assessment agency and remediate until it conforms.",
    ),
    interpretation="Level ≥2 objects; level 1 has no testing duty under 43号 (documented deviation from a literal reading, ADR 0302).",
)
def r_11_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _in_scope(s, ctx):
        yield not_applicable("project", *OUT)
        return
    apps = [a for a in s.non_classified_apps if (a.mlps_level or 0) >= 2]
    if not apps:
        yield not_applicable("project", "无第二级及以上非涉密应用。", "No non-classified application at level 2+.")
    for app in apps:
        tests = [a for a in s.assessments_of("mlps") if (not a.covers or app.id in a.covers)]
        good = [t for t in tests if t.passed and t.qualification == "mlps"]
        if good:
            yield passed(
                app.id, f"等级测评合格（{good[0].id}）。", f"MLPS assessment passed ({good[0].id}).", [good[0].id]
            )
        elif tests:
            t = tests[0]
            why = (
                "测评结论不合格" if not t.passed else "测评机构不具备等级测评资质",
                "conclusion not passing" if not t.passed else "agency lacks the MLPS qualification",
            )
            yield failed(
                app.id,
                f"应用{app.id}的等级测评（{t.id}）{why[0]}。",
                f"The MLPS assessment of {app.id} ({t.id}): {why[1]}.",
            )
        else:
            yield failed(
                app.id,
                f"应用{app.id}（第{app.mlps_level}级）缺少等级测评报告。",
                f"Application {app.id} (level {app.mlps_level}) has no MLPS assessment report.",
            )


@R(
    "R-11.3",
    article=11,
    paragraph=1,
    strength=Strength.MUST,
    gates=APPLY,
    title=(
        "项目须经具备资质机构的信息安全风险评估（涉密、非涉密分别进行）",
        "Risk assessment by a qualified agency, classified and non-classified parts",
    ),
    message=("缺少合格的风险评估报告。", "No passing risk assessment report."),
    remediation=(
        "按发改高技[2008]2071号委托具备资质的机构分别开展涉密和非涉密部分的风险评估。",
        "Commission qualified agencies for the classified and non-classified parts (NDRC [2008] 2071).",
    ),
    interpretation="P-2071: organised separately for classified and non-classified systems; a report states the parts it covers.",
)
def r_11_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _in_scope(s, ctx):
        yield not_applicable("project", *OUT)
        return
    parts = (["classified"] if s.classified_apps else []) + (["non_classified"] if s.non_classified_apps else [])
    if not parts:
        parts = ["non_classified"]
    good = [a for a in s.assessments_of("risk") if a.passed and a.qualification in ("risk", "mlps", "fenbao")]
    for part in parts:
        hits = [a for a in good if not a.parts or part in a.parts]
        label = ("涉密部分", "classified part") if part == "classified" else ("非涉密部分", "non-classified part")
        if hits:
            yield passed(
                f"project:{part}",
                f"{label[0]}风险评估合格（{hits[0].id}）。",
                f"Risk assessment of the {label[1]} passed.",
                [hits[0].id],
            )
        else:
            yield failed(
                f"project:{part}",
                f"缺少{label[0]}的合格风险评估报告。",
                f"No passing risk assessment for the {label[1]}.",
            )


@R(
    "R-11.4",
    article=11,
    paragraph=1,
    strength=Strength.MUST,
    gates=APPLY,
    title=(
        "测评机构须在报告日期具备相应资质，报告须早于验收申请",
        "Agencies qualified on the report date; reports precede the application",
    ),
    message=(
        "测评报告的机构资质或日期不符合要求。",
        "An assessment report's agency qualification or date is not valid.",
    ),
    remediation=(
        "选用资质在有效期内的测评机构，并在申请验收前取得报告。",
        "Use agencies with valid qualifications and obtain reports before applying.",
    ),
    interpretation="A-11.1: an agency registry with qualification type and validity; here the report carries them. Only if all of R-11.1–11.4 hold may the project apply (方可申请).",
)
def r_11_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _in_scope(s, ctx):
        yield not_applicable("project", *OUT)
        return
    if not s.assessments:
        yield not_applicable(
            "project",
            "无测评报告（缺失由R-11.1至R-11.3报告）。",
            "No reports (missing ones are reported by R-11.1–11.3).",
        )
    for a in s.assessments:
        probs = []
        if a.agency is None or a.agency.kind != "assessment_agency":
            probs.append(("出具单位不是测评机构", "issuer is not an assessment agency"))
        if not a.qualification:
            probs.append(("未注明资质", "no qualification stated"))
        if a.qualification_valid_to and a.date and a.qualification_valid_to < a.date:
            probs.append(
                (f"资质已于{a.qualification_valid_to}过期", f"qualification expired on {a.qualification_valid_to}")
            )
        if a.date is None or a.date > s.evaluation_date:
            probs.append(("报告日期缺失或晚于申请日期", "report date missing or after the application"))
        if probs:
            yield failed(
                a.id,
                f"测评报告{a.id}：{'；'.join(p[0] for p in probs)}。",
                f"Report {a.id}: {'; '.join(p[1] for p in probs)}.",
            )
        else:
            yield passed(a.id)


@R(
    "R-11.5",
    article=11,
    paragraph=2,
    strength=Strength.MUST,
    gates=("G-ACCEPT-COMPLETE",),
    waivable=False,
    title=("竣工验收须单独列项检查网络使用是否合规", "Completion acceptance checks network use as a separate item"),
    message=("网络使用单独列项检查未通过。", "The separate network-use check does not pass."),
    remediation=(
        "按保密审查、定级备案和立项批复整改后，由验收组织单位单独列项检查。",
        "Remediate per the secrecy review, MLPS filing and approval, then have the acceptance body record the separate check.",
    ),
    interpretation="A-11.4: mandatory, non-waivable item with sub-checks (a) secrecy review honoured, (b) final MLPS certificate + test, (c) deployment matches approval and no unapproved private network.",
)
def r_11_5(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _in_scope(s, ctx):
        yield not_applicable("project", *OUT)
        return
    checks = [d for d in s.docs("network_use_acceptance_check")]
    if not checks:
        yield failed(
            "project", "未见竣工验收网络使用单独列项检查记录。", "No separate network-use acceptance check is recorded."
        )
    elif not checks[-1].positive:
        yield failed(
            "project",
            f"网络使用单独列项检查结论为“{checks[-1].result}”。",
            f"The separate network-use check concluded '{checks[-1].result}'.",
        )
    else:
        yield passed("project", "网络使用单独列项检查通过。", "The separate network-use check passed.", [checks[-1].id])
    for app in s.applications:
        yield _sub_checks(s, app)
    apps = {a.id: a for a in s.applications}
    for c in s.network_components:
        if is_new_dedicated_network(c, apps) and not any(
            d.rule == "R-12.1" and d.subject in (c.id, "*") and d.approved for d in s.deviations
        ):
            yield failed(
                c.id,
                f"项目建成了未经批准的部门专网（{c.id}）。",
                f"The project built an unapproved departmental private network ({c.id}).",
            )


def _sub_checks(s: Snapshot, app):
    if app.classified:
        ok = any(d.positive for d in s.docs_covering("secrecy_review_opinion", app.id))
        if not ok:
            return failed(
                app.id,
                f"(a) 涉密应用{app.id}未见保密审查意见。",
                f"(a) Classified application {app.id}: no secrecy review on record.",
            )
    elif (app.mlps_level or 0) >= 2:
        final = [
            d for d in s.docs_covering("mlps_filing_certificate", app.id) if d.positive and d.filing_stage == "final"
        ]
        tested = [a for a in s.assessments_of("mlps") if a.passed and (not a.covers or app.id in a.covers)]
        if not final or not tested:
            return failed(
                app.id,
                f"(b) 非涉密应用{app.id}缺少正式备案证明或合格等级测评。",
                f"(b) Non-classified application {app.id} lacks the final filing certificate or a passing test.",
                "取得正式（竣工阶段）备案证明并在该证明上注明 filing_stage: final，附合格的等级测评报告（A-6.3）。",
                "Obtain the final filing certificate and mark it filing_stage: final; attach a passing MLPS test (A-6.3).",
            )
    actual = app.deployed_network or app.current_network
    if actual != app.target_network:
        return failed(
            app.id,
            f"(c) 应用{app.id}实际部署在{net_zh(actual)}，与批复的{net_zh(app.target_network)}不符。",
            f"(c) Application {app.id} runs on '{net_en(actual)}', not the approved '{net_en(app.target_network)}'.",
        )
    return passed(
        app.id,
        "保密审查、定级备案和部署网络均与批复相符。",
        "Secrecy review, MLPS filing and deployment match the approval.",
    )
