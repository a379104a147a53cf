"""Helpers shared by the article modules of the ndrc-2012-1986 pack (pure, no ORM)."""

from __future__ import annotations

import re
from dataclasses import replace

from egovnet.policy.engine.jurisdiction import Authority, resolve
from egovnet.policy.engine.model import Draft, RuleContext, not_applicable
from egovnet.policy.facts import Application, Document, Org, Snapshot
from egovnet.policy.packs.ndrc_2012_1986 import inference

GRADE_ZH = {"mimi": "秘密级", "jimi": "机密级", "juemi": "绝密级"}
LEVEL_ZH_NUM = {1: "第一级", 2: "第二级", 3: "第三级", 4: "第四级", 5: "第五级"}
NETWORK = {
    "intranet": ("政务内网", "intranet"),
    "extranet": ("政务外网", "extranet"),
    "standalone_classified": ("独立涉密信息系统", "standalone classified system"),
    "dedicated": ("部门业务专网", "dedicated network"),
    "legacy_dedicated": ("保留业务专网（偏离）", "staying on the dedicated network (deviation)"),
    "internet": ("互联网", "Internet"),
    "local_classified_network": ("地方涉密网络", "local classified network"),
    "none": ("无", "none"),
}
DOC = {
    "needs_analysis_report": ("需求分析报告", "needs-analysis report"),
    "project_proposal": ("项目建议书", "project proposal"),
    "feasibility_study_report": ("可行性研究报告", "feasibility study report"),
    "preliminary_design": ("初步设计方案和投资概算", "preliminary design and budget estimate"),
    "deployment_migration_plan": ("部署和迁移计划", "deployment and migration plan"),
    "secrecy_review_opinion": ("涉密信息系统保密审查意见", "secrecy review opinion"),
    "mlps_grading_report": ("等级保护定级报告", "MLPS grading report"),
    "mlps_filing_certificate": ("非涉密信息系统安全保护等级备案证明", "MLPS filing certificate"),
    "intranet_access_vetting": (
        "内网协调小组办公室对内网接入方案的审核意见",
        "coordination office vetting of the intranet access plan",
    ),
    "intranet_access_review": ("国家保密局对内网接入方案的审查意见", "NAPSS review of the intranet access plan"),
    "extranet_service_agreement": (
        "与外网管理中心签订的业务应用协议",
        "application agreement with the extranet management center",
    ),
    "classified_system_authorization": ("涉密信息系统审批", "classified-system authorisation"),
    "fenbao_assessment_report": ("分级保护测评报告", "classified-system (fenbao) assessment report"),
    "mlps_assessment_report": ("等级测评报告", "MLPS assessment report"),
    "risk_assessment_report": ("信息安全风险评估报告", "risk assessment report"),
    "central_department_opinion": ("中央部门意见", "central department opinion"),
    "local_drc_approval": ("地方发展改革部门批复", "local DRC approval"),
    "network_use_acceptance_check": ("竣工验收网络使用单独列项检查", "separate network-use acceptance check"),
}


def doc_zh(t: str) -> str:
    return DOC.get(t, (t, t))[0]


def doc_en(t: str) -> str:
    return DOC.get(t, (t, t))[1]


def net_zh(n: str | None) -> str:
    return NETWORK.get(n or "none", (str(n), str(n)))[0]


def net_en(n: str | None) -> str:
    return NETWORK.get(n or "none", (str(n), str(n)))[1]


def owner(s: Snapshot) -> Org:
    if s.project is None:
        raise ValueError("this rule needs project facts")
    return s.project.owner


def _local_owner(s: Snapshot, app: Application | None) -> Org | None:
    """第十条 / A-10.2: an application of a co-built project's local part uses the local same-level authorities."""
    if app is None or not app.local_part:
        return None
    return next((lp.owner for lp in s.local_parts if lp.id == app.local_part and lp.owner), None)


def authority(s: Snapshot, ctx: RuleContext, purpose: str, app: Application | None = None) -> Authority:
    """The competent authority; when the facts leave it open (MPS or 北京市公安局), one authority accepting every
    candidate whose name and explanation say so and which field would settle it (A-6.6, A-6.7)."""
    o = _local_owner(s, app) or owner(s)
    mps = inference.mps_filing(app, o, s) if purpose == "mlps_filing" else False

    def resolved(nationwide: bool) -> Authority:
        return resolve(
            purpose,
            owner_level=o.level,
            division=o.division,
            in_beijing=o.in_beijing,
            nationwide=nationwide,
            mlps_floor=ctx.params.get("mlps_floor", "prefecture"),
            directory=ctx.directory,
        )

    if mps is not None:
        return resolved(bool(mps))
    local, central = resolved(False), resolved(True)
    if (local.level, local.division) == (central.level, central.division):
        return local
    fields = "；".join(inference.settling_fields(app, o, s)) if app else ""
    return replace(
        local,
        name=f"{central.name}或{local.name}",
        alternatives=(*local.alternatives, (central.level, central.division)),
        explanation_zh=f"有权机关尚不能确定：跨省或全国联网且由主管部门统一定级的系统向{central.name}备案，否则向{local.name}备案，"
        f"两者出具的备案证明均予接受。注明以下事实即可确定：{fields}。",
        explanation_en=f"The competent organ is open: a cross-province or nationwide system graded uniformly by its "
        f"competent department files with {central.name}, otherwise with {local.name}; a certificate from either is "
        f"accepted. Stating these facts settles it: {fields}.",
    )


def submission_zh(s: Snapshot) -> str:
    return "可研（代项目建议书）" if s.project and s.project.approval_path == "simplified" else "项目建议书"


def submission_en(s: Snapshot) -> str:
    return (
        "feasibility study (in lieu of the proposal)"
        if s.project and s.project.approval_path == "simplified"
        else "proposal"
    )


def targets(s: Snapshot, network: str) -> bool:
    """Some application of the snapshot targets ``network``."""
    return any(a.target_network == network for a in s.applications)


def not_national_or_unused(s: Snapshot, network: str, not_national: tuple[str, str]) -> Draft | None:
    """The not-applicable finding of an attachment rule of articles 7 and 9 (national projects that put an
    application on ``network``), or None when the rule applies."""
    if s.project is None or not s.project.is_national:
        return not_applicable("project", *not_national)
    if not targets(s, network):
        return not_applicable(
            "project", f"无部署在{net_zh(network)}的应用。", f"No application targets the {net_en(network)}."
        )
    return None


def accepted_docs(s: Snapshot, ctx: RuleContext, doc_type: str, purpose: str) -> tuple[Authority, list[Document]]:
    """The competent authority for ``purpose`` and the positive documents of ``doc_type`` it issued."""
    auth = authority(s, ctx, purpose)
    return auth, [d for d in s.docs(doc_type) if d.positive and auth.accepts(d.issuer)]


def find_positive(docs: tuple[Document, ...]) -> Document | None:
    for d in docs:
        if d.positive:
            return d
    return None


def issuer_desc(d: Document) -> str:
    return d.issuer.name if d.issuer else "（未注明出具单位 / issuer not stated）"


def app_label(app: Application) -> str:
    return f"{app.id}"


def ask_zh(a: Authority) -> str:
    return f"请向{a.name}申请（{a.explanation_zh}）"


def ask_en(a: Authority) -> str:
    return f"Ask {a.name} ({a.explanation_en})"


def evidence_check(
    s: Snapshot, ctx: RuleContext, app: Application, doc_type: str, purpose: str, what_zh: str, what_en: str
):
    """Common shape of "app X needs document T from the competent authority": returns (ok, draft-args)."""
    auth = authority(s, ctx, purpose, app)
    docs = s.docs_covering(doc_type, app.id)
    good = [d for d in docs if d.positive and auth.accepts(d.issuer)]
    if good:
        return True, auth, good[0], None
    wrong = [d for d in docs if d.positive]
    if wrong:
        d = wrong[0]
        return (
            False,
            auth,
            d,
            (
                f"{what_zh}由{issuer_desc(d)}出具，不是有权机关；应由{auth.name}出具。",
                f"{what_en} was issued by {issuer_desc(d)}, which is not competent; it must be issued by {auth.name}.",
            ),
        )
    if docs:
        return (
            False,
            auth,
            docs[0],
            (
                f"{what_zh}结论为“{docs[0].result}”，未获通过。",
                f"{what_en} has result '{docs[0].result}', not a positive one.",
            ),
        )
    return False, auth, None, None


# A basis that argues from the investment amount rather than a special case (P-55 art. 7).
_AMOUNT_CLAIM = re.compile(r"低于|不足|以下|少于|不超过|未超过|below|under|less than|\d")
SIMPLIFIED_THRESHOLD = "simplified_threshold_10k_yuan"  # pack parameter: the threshold in force on the date


def simplified_path_problem(s: Snapshot, ctx: RuleContext) -> tuple[str, str] | None:
    """Why the project may not use the simplified path (可研代项目建议书), or None when it may.

    P-55 art. 7 (context.md art. 7): total investment below the threshold in force (the pack parameter), or a
    stated special case. A basis that invokes the amount ("低于3000万") is no special case: it holds only when the
    recorded investment really is below the threshold."""
    p = s.project
    if p is None:
        return None
    limit = ctx.params[SIMPLIFIED_THRESHOLD]
    inv = p.total_investment_10k_yuan
    basis = (p.simplified_basis or "").strip()
    if inv is not None and inv < limit:
        return None
    if not basis:
        amount = f"总投资{inv:g}万元，不低于{limit}万元" if inv is not None else "总投资未登记"
        amount_en = (
            f"total investment {inv:g} (10k yuan) is not below {limit}"
            if inv is not None
            else "no total investment is recorded"
        )
        return (
            f"{amount}，且未说明特殊情形，不能采用可研代项目建议书（简化程序）。",
            f"The simplified path is not available: {amount_en} and no special case is stated.",
        )
    if _AMOUNT_CLAIM.search(basis):
        amount = f"总投资为{inv:g}万元" if inv is not None else "总投资未登记，无法核对"
        amount_en = (
            f"the total investment is {inv:g} (10k yuan)"
            if inv is not None
            else "no total investment is recorded to verify it"
        )
        return (
            f"简化程序的依据“{basis}”以投资额为由，但{amount}，不低于{limit}万元的门槛（可研代项目建议书须总投资低于{limit}万元或有特殊情形）。",
            f"The simplified-path basis '{basis}' relies on the amount, but {amount_en}; the threshold in force is {limit} (10k yuan).",
        )
    return None
