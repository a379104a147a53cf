"""Article 7: central projects — deployment/migration plan, intranet vetting + review, extranet agreement."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import (
    SIMPLIFIED_THRESHOLD,
    accepted_docs,
    not_national_or_unused,
    simplified_path_problem,
    submission_en,
    submission_zh,
    targets,
)
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule

NOT_NATIONAL = (
    "第七条仅适用于中央部门（含中央和地方共建）项目。",
    "Art. 7 applies to central (incl. co-built) projects only.",
)


def _national(s) -> bool:
    return s.project is not None and s.project.is_national


def _plan(s: Snapshot, stage: str):
    return [d for d in s.docs("deployment_migration_plan") if (d.stage or "proposal") == stage]


@R(
    "R-7.1",
    article=7,
    paragraph=1,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-DRAFT",),
    title=(
        "项目建议书须含分别编制的内网、外网部署和迁移计划",
        "The proposal carries separate intranet and extranet deployment/migration plans",
    ),
    message=("项目建议书缺少部署和迁移计划。", "The proposal lacks the deployment and migration plan."),
    remediation=(
        "在项目建议书中分别编制政务内网和政务外网的部署和迁移计划。",
        "Add separate intranet and extranet deployment and migration plans to the proposal.",
    ),
    interpretation="Sections are required only for the networks the project's applications target; under the simplified path the plan goes into the FSR (A-7.3).",
)
def r_7_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _national(s):
        yield not_applicable("project", *NOT_NATIONAL)
        return
    needed = [n for n in ("intranet", "extranet") if targets(s, n)]
    if not needed:
        yield not_applicable(
            "project",
            "应用均不使用政务内网或外网（见R-7.5）。",
            "No application uses the intranet or extranet (see R-7.5).",
        )
        return
    plans = _plan(s, "proposal") or (_plan(s, "fsr") if s.project.approval_path == "simplified" else [])
    if not plans:
        yield failed(
            "project",
            f"{submission_zh(s)}缺少政务内网、外网部署和迁移计划。",
            f"The {submission_en(s)} lacks the intranet/extranet deployment and migration plan.",
        )
        return
    sections = set().union(*(p.sections for p in plans))
    missing = [n for n in needed if n not in sections]
    if missing:
        zh = "、".join("政务内网部分" if n == "intranet" else "政务外网部分" for n in missing)
        yield failed(
            "project",
            f"部署和迁移计划缺少{zh}。",
            f"The deployment and migration plan lacks its {' and '.join(missing)} section.",
            f"在部署和迁移计划中注明 sections: [{', '.join(sorted(sections | set(missing)))}]（第七条）。",
            f"State sections: [{', '.join(sorted(sections | set(missing)))}] on the deployment and migration plan (art. 7).",
            evidence=[plans[0].id],
        )
    else:
        yield passed(
            "project",
            "部署和迁移计划分别包含内网和外网部分。",
            "Plan has the required intranet/extranet sections.",
            [plans[0].id],
        )


@R(
    "R-7.2",
    article=7,
    paragraph=1,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-SUBMIT",),
    title=(
        "内网接入方案须经协调办审核并经国家保密局审查",
        "Intranet access plan vetted by the coordination office and reviewed by NAPSS",
    ),
    message=("内网接入方案未经审核或审查。", "The intranet access plan is not vetted or not reviewed."),
    remediation=("报协调办审核，再报国家保密局审查。", "Submit to the coordination office, then to NAPSS."),
    interpretation="A-7.1: 审核 (coordination office) and 审查 (NAPSS) are two approvals; both required, whatever the owner's level.",
)
def r_7_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if skip := not_national_or_unused(s, "intranet", NOT_NATIONAL):
        yield skip
        return
    vet, v = accepted_docs(s, ctx, "intranet_access_vetting", "intranet_access_vetting")
    rev, r = accepted_docs(s, ctx, "intranet_access_review", "intranet_access_review")
    if v and r:
        yield passed("project", "内网接入方案已审核并审查。", "Vetted and reviewed.", [v[0].id, r[0].id])
        return
    miss_zh = ([] if v else [f"{vet.name}的审核意见"]) + ([] if r else [f"{rev.name}的审查意见"])
    miss_en = ([] if v else ["the coordination office's vetting opinion"]) + ([] if r else ["NAPSS's review opinion"])
    yield failed(
        "project",
        f"内网接入方案缺少{'和'.join(miss_zh)}。",
        f"The intranet access plan lacks {' and '.join(miss_en)}.",
        f"先报{vet.name}审核，再报{rev.name}审查。",
        f"Submit to {vet.name} for vetting, then to {rev.name} for review.",
    )


@R(
    "R-7.3",
    article=7,
    paragraph=1,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-SUBMIT",),
    title=(
        "外网接入须与外网管理中心签订业务应用协议",
        "Extranet use needs an application agreement with the extranet management center",
    ),
    message=(
        "未与外网管理中心签订业务应用协议。",
        "No application agreement signed with the extranet management center.",
    ),
    remediation=(
        "与国家电子政务外网管理中心签订业务应用协议。",
        "Sign the application agreement with the National E-Government Extranet Management Center.",
    ),
    interpretation="Central projects sign with the national center; local parts of co-built projects add local access evidence (A-7.2).",
)
def r_7_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if skip := not_national_or_unused(s, "extranet", NOT_NATIONAL):
        yield skip
        return
    auth, good = accepted_docs(s, ctx, "extranet_service_agreement", "extranet_agreement")
    docs = [d for d in s.docs("extranet_service_agreement") if d.positive]
    if good:
        yield passed(
            "project",
            f"已与{auth.name}签订协议（{good[0].ref_no}）。",
            f"Agreement signed with {auth.name} ({good[0].ref_no}).",
            [good[0].id],
        )
    elif docs:
        yield failed(
            "project",
            f"业务应用协议的对方为{docs[0].issuer.name if docs[0].issuer else '未注明'}，应为{auth.name}。",
            f"The agreement's counterparty is not competent; it must be {auth.name}.",
            f"与{auth.name}签订。",
            f"Sign with {auth.name}.",
        )
    else:
        yield failed(
            "project",
            f"未与{auth.name}签订业务应用协议。",
            f"No application agreement signed with {auth.name}.",
            f"与{auth.name}签订业务应用协议。",
            f"Sign the agreement with {auth.name}.",
        )


@R(
    "R-7.4",
    article=7,
    paragraph=2,
    strength=Strength.MUST,
    gates=("G-FSR",),
    title=(
        "可研须含具体部署方案和专网迁移方案",
        "The FSR carries the specific deployment and dedicated-network migration plan",
    ),
    message=(
        "可研报告缺少具体部署方案或专网迁移方案。",
        "The FSR lacks the specific deployment or dedicated-network migration plan.",
    ),
    remediation=(
        "根据内外网平台实际能力，在可研中明确具体部署方案和专网迁移方案。",
        "Based on the platforms' actual capability, put the specific deployment and migration plans into the FSR.",
    ),
    interpretation="A migration section is required when any application currently runs on a dedicated network or the owner operates one.",
)
def r_7_4(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _national(s):
        yield not_applicable("project", *NOT_NATIONAL)
        return
    plans = _plan(s, "fsr")
    if not plans:
        yield failed(
            "project",
            "可研报告缺少具体部署方案。",
            "The FSR lacks the specific deployment plan.",
            "将具体部署和迁移方案纳入可研，并在该计划上注明 stage: fsr（第七条第二款）。",
            "Put the specific deployment and migration plan into the FSR and mark it stage: fsr (art. 7 ¶2).",
        )
        return
    sections = set().union(*(p.sections for p in plans))
    on_dedicated = [a.id for a in s.applications if a.current_network == "dedicated"] or [
        n.id for n in s.dedicated_networks
    ]
    if on_dedicated and "dedicated_network_migration" not in sections:
        yield failed(
            "project",
            f"应用{', '.join(on_dedicated)}现运行在业务专网，可研缺少具体的专网迁移方案。",
            f"{', '.join(on_dedicated)} run on a dedicated network; the FSR lacks the specific migration plan.",
            "编制具体的专网迁移方案，并在可研的部署和迁移计划中注明 sections 含 dedicated_network_migration（第七条第二款）。",
            "Write the specific migration plan and list dedicated_network_migration in the FSR plan's sections (art. 7 ¶2).",
            evidence=[plans[0].id],
        )
    else:
        yield passed(
            "project",
            "可研含具体部署（及迁移）方案。",
            "FSR carries the specific deployment (and migration) plan.",
            [plans[0].id],
        )


@R(
    "R-7.5",
    article=7,
    strength=Strength.INFO,
    gates=("G-PROPOSAL-DRAFT",),
    title=("不使用内外网的项目须说明理由", "A project using neither network records why"),
    message=("项目不使用政务内网或外网，但未说明理由。", "The project uses neither network and gives no reason."),
    remediation=("在项目中说明不适用的理由，由审批部门认可。", "State the reason for the approver to accept."),
    interpretation="Pure standards or standalone projects record a not-applicable reason (project.network_use_na_reason).",
)
def r_7_5(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    if not _national(s) or targets(s, "intranet") or targets(s, "extranet"):
        yield not_applicable(
            "project", "项目使用政务网络，或不属第七条范围。", "The project uses the networks or is outside art. 7."
        )
    elif s.project.network_use_na_reason:
        yield passed(
            "project",
            f"不适用理由：{s.project.network_use_na_reason}",
            f"Reason given: {s.project.network_use_na_reason}",
        )
    else:
        yield failed(
            "project",
            "项目不使用政务内网或外网，但未说明理由。",
            "The project uses neither network and gives no reason.",
        )


@R(
    "R-7.6",
    article=7,
    strength=Strength.MUST,
    gates=("G-NEEDS", "G-FSR"),
    title=(
        "简化程序（可研代项目建议书）须符合条件：总投资低于门槛或有特殊情形",
        "The simplified path needs investment below the threshold or a special case",
    ),
    message=("项目不符合简化程序的条件。", "The project does not qualify for the simplified path."),
    remediation=(
        "改按完整程序报批（项目建议书—可研—初设），或核实总投资、说明确属特殊情形的依据。",
        "Follow the full path (proposal, FSR, design), or correct the total investment or state the special case.",
    ),
    interpretation="P-55 art. 7 (context.md art. 7, A-7.3): total investment below the pack parameter "
    f"{SIMPLIFIED_THRESHOLD} (in force on the act's date), or a special case; a basis that cites the amount is "
    "checked against the recorded investment. Judged when needs analysis completes and again at the FSR.",
)
def r_7_6(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    p = s.project
    if p is None or p.approval_path != "simplified":
        yield not_applicable("project", "非简化程序。", "Not the simplified path.")
        return
    problem = simplified_path_problem(s, ctx)
    if problem:
        yield failed("project", *problem)
        return
    limit = ctx.params[SIMPLIFIED_THRESHOLD]
    inv = p.total_investment_10k_yuan
    if inv is not None and inv < limit:
        yield passed("project", f"总投资{inv:g}万元，低于{limit}万元。", f"Investment {inv:g} is below {limit}.")
    else:
        yield passed(
            "project",
            f"依特殊情形采用简化程序：{p.simplified_basis}",
            f"Simplified path on a special case: {p.simplified_basis}",
        )
