"""Article 9: attachments to the proposal sent to NDRC (R-9.6: simplified path → the FSR)."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import (
    GRADE_ZH,
    LEVEL_ZH_NUM,
    accepted_docs,
    evidence_check,
    not_national_or_unused,
    simplified_path_problem,
    submission_en,
    submission_zh,
)
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule
GATES = ("G-PROPOSAL-SUBMIT",)
NOT_NATIONAL = (
    "第九条适用于中央部门向国家发展改革委报送的项目。",
    "Art. 9 applies to central projects submitted to NDRC.",
)


def _national(s) -> bool:
    return s.project is not None and s.project.is_national


@R(
    "R-9.1",
    article=9,
    strength=Strength.MUST,
    gates=GATES,
    title=("附件一：保密行政管理部门的涉密信息系统保密审查意见", "Attachment 1: secrecy review opinion"),
    message=("缺少涉密信息系统保密审查意见。", "The secrecy review opinion is missing."),
    remediation=(
        "附上同级保密行政管理部门出具的审查意见。",
        "Attach the opinion of the same-level secrecy administration.",
    ),
    interpretation="Conditional on a classified application ('根据情况', A-9.1); central → NAPSS.",
)
def r_9_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _national(s):
        yield not_applicable("project", *NOT_NATIONAL)
        return
    if not s.classified_apps:
        yield not_applicable("project", "无涉密应用，无需附保密审查意见。", "No classified application; not required.")
    for app in s.classified_apps:
        ok, auth, doc, wrong = evidence_check(
            s, ctx, app, "secrecy_review_opinion", "secrecy_review", "保密审查意见", "The secrecy review opinion"
        )
        if ok:
            yield passed(
                app.id,
                f"已附{auth.name}审查意见（{doc.ref_no}）。",
                f"Opinion of {auth.name} attached ({doc.ref_no}).",
                [doc.id],
            )
        else:
            zh, en = wrong or (
                f"{submission_zh(s)}缺少{auth.name}出具的涉密信息系统保密审查意见（{app.id}，{GRADE_ZH.get(app.secrecy_grade or '', '')}）。",
                f"The {submission_en(s)} lacks the secrecy review opinion from {auth.name} ({app.id}, {app.secrecy_grade}).",
            )
            yield failed(
                app.id,
                zh,
                en,
                f"请报{auth.name}审查后附上审查意见。{auth.explanation_zh}",
                f"Ask {auth.name} for the review and attach its opinion. {auth.explanation_en}",
            )


@R(
    "R-9.2",
    article=9,
    strength=Strength.MUST,
    gates=GATES,
    title=("附件二：公安部门的非涉密信息系统安全保护等级备案证明", "Attachment 2: MLPS filing certificate"),
    message=("缺少等级保护备案证明。", "The MLPS filing certificate is missing."),
    remediation=(
        "向有权公安机关备案后附上备案证明（规划阶段备案可接受）。",
        "File with the competent public-security organ and attach the certificate (a planning-stage filing is accepted).",
    ),
    interpretation="One certificate per graded object; one may cover several applications (A-9.2). Planning-stage filing accepted here (A-6.3).",
)
def r_9_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _national(s):
        yield not_applicable("project", *NOT_NATIONAL)
        return
    apps = [a for a in s.non_classified_apps if (a.mlps_level or 0) >= 2]
    if not apps:
        yield not_applicable(
            "project", "无第二级及以上非涉密应用。", "No non-classified application at level 2 or above."
        )
    for app in apps:
        ok, auth, doc, wrong = evidence_check(
            s, ctx, app, "mlps_filing_certificate", "mlps_filing", "等级保护备案证明", "The MLPS filing certificate"
        )
        if ok:
            yield passed(
                app.id,
                f"已附{auth.name}备案证明（{doc.ref_no}）。",
                f"Certificate from {auth.name} attached ({doc.ref_no}).",
                [doc.id],
            )
        else:
            lvl = LEVEL_ZH_NUM.get(app.mlps_level or 0, "")
            zh, en = wrong or (
                f"{submission_zh(s)}缺少公安部门出具的非涉密信息系统安全保护等级备案证明（{app.id}，{lvl}）。",
                f"The {submission_en(s)} lacks the MLPS filing certificate from the public-security organ ({app.id}, level {app.mlps_level}).",
            )
            yield failed(
                app.id,
                zh,
                en,
                f"请向{auth.name}备案。{auth.explanation_zh}",
                f"File with {auth.name}. {auth.explanation_en}",
            )


@R(
    "R-9.3",
    article=9,
    strength=Strength.MUST,
    gates=GATES,
    title=(
        "附件三：协调办对内网接入方案的审核意见",
        "Attachment 3: coordination-office vetting of the intranet access plan",
    ),
    message=("缺少内网接入方案审核意见。", "The intranet access vetting opinion is missing."),
    remediation=(
        "报国家电子政务内网建设和管理协调小组办公室审核。",
        "Submit the plan to the intranet coordination office.",
    ),
    interpretation="Conditional on an application targeting the intranet; NAPSS's 审查 is judged by R-7.2.",
)
def r_9_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if skip := not_national_or_unused(s, "intranet", NOT_NATIONAL):
        yield skip
        return
    auth, good = accepted_docs(s, ctx, "intranet_access_vetting", "intranet_access_vetting")
    if good:
        yield passed("project", "已附审核意见。", "Vetting opinion attached.", [good[0].id])
    else:
        yield failed(
            "project",
            f"{submission_zh(s)}缺少{auth.name}对内网接入方案的审核意见。",
            f"The {submission_en(s)} lacks the coordination office's vetting of the intranet access plan.",
            f"报{auth.name}审核。",
            f"Submit the plan to {auth.name}.",
        )


@R(
    "R-9.4",
    article=9,
    strength=Strength.MUST,
    gates=GATES,
    title=("附件四：与外网管理中心签订的业务应用协议", "Attachment 4: the extranet application agreement"),
    message=("缺少外网业务应用协议。", "The extranet application agreement is missing."),
    remediation=(
        "与国家电子政务外网管理中心签订协议。",
        "Sign with the National E-Government Extranet Management Center.",
    ),
    interpretation="Conditional on an application targeting the extranet.",
)
def r_9_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if skip := not_national_or_unused(s, "extranet", NOT_NATIONAL):
        yield skip
        return
    auth, good = accepted_docs(s, ctx, "extranet_service_agreement", "extranet_agreement")
    if good:
        yield passed("project", "已附业务应用协议。", "Agreement attached.", [good[0].id])
    else:
        yield failed(
            "project",
            f"{submission_zh(s)}缺少与{auth.name}签订的业务应用协议。",
            f"The {submission_en(s)} lacks the application agreement with {auth.name}.",
            f"与{auth.name}签订业务应用协议。",
            f"Sign the agreement with {auth.name}.",
        )


@R(
    "R-9.5",
    article=9,
    strength=Strength.MUST,
    gates=GATES,
    title=("报送文件本身须存在，附件日期不得晚于报送", "The submitted document exists and no attachment post-dates it"),
    message=("未见报送的项目建议书。", "The submitted proposal is missing."),
    remediation=(
        "登记报送的项目建议书（或可研代建议书）及其日期。",
        "Record the submitted proposal (or FSR in lieu) and its date.",
    ),
    interpretation="Missing attachments are reported by R-9.1–9.4 with reason codes; this rule checks the submission itself.",
)
def r_9_5(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _national(s):
        yield not_applicable("project", *NOT_NATIONAL)
        return
    simplified = s.project.approval_path == "simplified"
    doc_type = "feasibility_study_report" if simplified else "project_proposal"
    subs = s.docs(doc_type)
    if not subs:
        yield failed("project", f"未见报送的{submission_zh(s)}。", f"No submitted {submission_en(s)} is recorded.")
        return
    sub = subs[-1]
    kinds = (
        "secrecy_review_opinion",
        "mlps_filing_certificate",
        "intranet_access_vetting",
        "extranet_service_agreement",
    )
    # A final-stage filing (after completion, art. 11) belongs to another stage: it is no attachment of this one.
    attachments = [d for d in s.documents if d.type in kinds and d.filing_stage != "final"]
    late = [d.id for d in attachments if d.date and sub.date and d.date > sub.date]
    if late:
        yield failed(
            "project",
            f"附件{', '.join(late)}的日期晚于报送日期{sub.date}。",
            f"Attachments {', '.join(late)} post-date the submission ({sub.date}).",
            "附件须在报送前取得。",
            "Attachments must exist before submission.",
        )
    else:
        yield passed(
            "project",
            f"{submission_zh(s)}已登记（{sub.ref_no or sub.id}）。",
            f"The {submission_en(s)} is recorded.",
            [sub.id],
        )


@R(
    "R-9.6",
    article=9,
    strength=Strength.MUST,
    gates=("G-FSR",),
    title=(
        "简化程序（可研代项目建议书）：第九条附件随可研报送",
        "Simplified path: the art. 9 attachments go with the FSR",
    ),
    message=("简化程序条件不满足。", "The simplified path's conditions are not met."),
    remediation=(
        "总投资3000万元以下或有特殊情形依据方可采用简化程序，并以可研代项目建议书报送附件。",
        "Use the simplified path only under 30 million yuan or with a stated special basis, and submit the attachments with the FSR.",
    ),
    interpretation="P-55 art. 7: below the threshold (parameter simplified_threshold_10k_yuan) or special cases may merge proposal into FSR (conditions as R-7.6); the stage gate then includes G-PROPOSAL-DRAFT and G-PROPOSAL-SUBMIT.",
)
def r_9_6(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    p = s.project
    if p is None or p.approval_path != "simplified":
        yield not_applicable("project", "非简化程序。", "Not the simplified path.")
        return
    problem = simplified_path_problem(s, ctx)
    if problem:
        yield failed("project", *problem)
        return
    fsr = [d for d in s.docs("feasibility_study_report") if d.in_lieu_of_proposal]
    if not fsr:
        yield failed(
            "project",
            "未见标明“代项目建议书”的可研报告。",
            "No FSR marked as standing in for the proposal.",
            "在可研报告上标明代项目建议书（in_lieu_of_proposal: true）。",
            "Mark the FSR in_lieu_of_proposal: true.",
        )
    else:
        yield passed(
            "project",
            "可研代项目建议书，第九条附件在可研阶段核查。",
            "FSR in lieu of the proposal; art. 9 attachments checked at FSR.",
            [fsr[0].id],
        )
