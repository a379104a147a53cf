"""Article 2: build the intranet under 分级保护."""

from __future__ import annotations

from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, RuleContext, Strength, failed, not_applicable, passed
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.common import GRADE_ZH, authority, evidence_check
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

R = PACK.rule


@R(
    "R-2.1",
    article=2,
    strength=Strength.MUST,
    gates=("G-TRIAL",),
    title=(
        "涉密系统按分级保护要求建设：投入使用前须分保测评并经审批",
        "Classified systems under fenbao: test and authorisation before use",
    ),
    message=("涉密系统缺少分级保护测评或审批。", "A classified system lacks its fenbao assessment or authorisation."),
    remediation=(
        "委托国家保密局授权的测评机构开展分保测评，并报有权保密行政管理部门审批。",
        "Commission a NAPSS-authorised agency and obtain authorisation from the competent secrecy administration.",
    ),
    interpretation="§2 + 保密法: intranet and other classified objects are protected under fenbao; A-11.3 moves test + authorisation before trial operation.",
)
def r_2_1(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    yield from fenbao_findings(s, ctx, "投入试运行前", "before trial operation")


def fenbao_findings(s, ctx, when_zh: str, when_en: str):
    """Per classified application: a passing fenbao test by an authorised agency + authorisation (R-2.1, R-11.1)."""
    if not s.classified_apps:
        yield not_applicable("project", "项目无涉密应用。", "The project has no classified application.")
        return
    for app in s.classified_apps:
        tests = [
            a
            for a in s.assessments_of("fenbao")
            if (not a.covers or app.id in a.covers) and a.passed and a.qualification == "fenbao"
        ]
        ok, auth, _doc, wrong = evidence_check(
            s,
            ctx,
            app,
            "classified_system_authorization",
            "classified_authorization",
            "涉密信息系统审批",
            "The classified-system authorisation",
        )
        grade = GRADE_ZH.get(app.secrecy_grade or "", "")
        if tests and ok:
            yield passed(
                app.id,
                f"分保测评通过（{tests[0].id}），已经{auth.name}审批。",
                f"Fenbao test passed ({tests[0].id}); authorised by {auth.name}.",
                [tests[0].id],
            )
            continue
        missing_zh, missing_en = [], []
        if not tests:
            missing_zh.append("具备资质机构出具的合格分保测评报告")
            missing_en.append("a passing fenbao assessment by an authorised agency")
        if not ok:
            missing_zh.append(f"{auth.name}的系统审批")
            missing_en.append(f"authorisation by {auth.name}")
        extra = wrong or ("", "")
        yield failed(
            app.id,
            f"涉密应用{app.id}（{grade}）{when_zh}缺少：{'、'.join(missing_zh)}。{extra[0]}",
            f"Classified application {app.id} lacks {when_en}: {'; '.join(missing_en)}. {extra[1]}".strip(),
            f"委托国家保密局授权的测评机构开展分保测评；{auth.explanation_zh}请向{auth.name}申请审批。",
            f"Commission a NAPSS-authorised assessment agency; {auth.explanation_en} Apply to {auth.name} for authorisation.",
        )


@R(
    "R-2.2",
    article=2,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-SUBMIT",),
    title=(
        "建设或扩展内网节点须有经审核、审查的内网接入方案",
        "Building an intranet node needs the vetted and reviewed access plan",
    ),
    message=(
        "项目建设内网组成部分，但缺少内网接入方案的审核或审查意见。",
        "The project builds intranet components without the vetted/reviewed intranet access plan.",
    ),
    remediation=(
        "将内网接入方案报国家电子政务内网建设和管理协调小组办公室审核，并报国家保密局审查。",
        "Submit the intranet access plan to the coordination office (vetting) and NAPSS (review).",
    ),
    interpretation="§2 + §7: components built on the intranet carry the §7 access plan (R-7.2).",
)
def r_2_2(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    comps = [c for c in s.network_components if c.built_on == "intranet"]
    if not comps:
        yield not_applicable("project", "项目不建设内网组成部分。", "The project builds no intranet component.")
        return
    vet = authority(s, ctx, "intranet_access_vetting")
    rev = authority(s, ctx, "intranet_access_review")
    has_vet = any(d.positive and vet.accepts(d.issuer) for d in s.docs("intranet_access_vetting"))
    has_rev = any(d.positive and rev.accepts(d.issuer) for d in s.docs("intranet_access_review"))
    for c in comps:
        if has_vet and has_rev:
            yield passed(c.id, "内网接入方案已审核并审查。", "Intranet access plan vetted and reviewed.")
        else:
            yield failed(
                c.id,
                f"内网组成部分{c.id}缺少{'协调办审核意见' if not has_vet else ''}{'、' if not (has_vet or has_rev) else ''}{'国家保密局审查意见' if not has_rev else ''}。",
                f"Intranet component {c.id} lacks {'the coordination-office vetting' if not has_vet else ''}{' and ' if not (has_vet or has_rev) else ''}{'the NAPSS review' if not has_rev else ''}.",
            )


@R(
    "R-2.3",
    article=2,
    strength=Strength.GOAL,
    title=(
        "内网中央平台、两个节点、六机关互联、省级安全链接",
        "Intranet central platform, two nodes, six-organ interconnection, provincial links",
    ),
    message=("内网建设目标未完成。", "Intranet programme goal not met."),
    remediation=("由内网建设单位证明完成情况。", "Attested by the intranet builders."),
    interpretation="Programme KPI known only by attestation (A-2.2); the engine stores no intranet topology.",
)
def r_2_3(s: Snapshot, ctx: RuleContext) -> Iterator[Draft]:
    yield not_applicable(
        "programme",
        "内网建设目标仅凭证明登记，不自动判定。",
        "Intranet KPIs are attested, not evaluated automatically.",
    )
