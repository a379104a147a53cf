"""Pack ``gov-2019-57``: the 国办发〔2019〕57号 overlay (NDRC filing package R-9.7, 密评 before acceptance R-11.6).

A small real overlay on ndrc-2012-1986 (context.md §2.5.5, §2.5.6), in force from 2020-01-01. It adds
rules to existing gates; the engine is unchanged.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from egovnet.policy.engine.model import Draft, Pack, RuleContext, Strength, Text, failed, not_applicable, passed
from egovnet.policy.engine.registry import register_pack
from egovnet.policy.facts import Snapshot

PACK = Pack(
    id="gov-2019-57",
    title=Text(
        "国办发〔2019〕57号 国家政务信息化项目建设管理办法（叠加规则）",
        "State Council General Office [2019] No. 57 (overlay)",
    ),
    effective_from=dt.date(2020, 1, 1),
)
R = PACK.rule

FILING_ITEMS = {
    "performance_targets": ("绩效目标和指标", "performance targets and indicators"),
    "om_funding": ("运维经费及渠道", "O&M funding and channel"),
    "info_resource_catalog": ("信息资源目录", "information-resource catalogue"),
    "mlps_filing_and_assessment": ("等级保护备案和测评情况", "MLPS filing and assessment"),
    "crypto_application_plan": ("密码应用方案", "cryptographic application plan"),
    "crypto_assessment_report": ("密码应用安全性评估报告", "crypto assessment (密评) report"),
}


@R(
    "R-9.7",
    article=9,
    strength=Strength.MUST,
    gates=("G-PROPOSAL-SUBMIT", "G-FSR"),
    title=(
        "部门审批项目须向国家发展改革委备案，备案材料齐全",
        "Department-approved projects file a complete package with NDRC",
    ),
    message=("国家发展改革委备案材料不全。", "The NDRC filing package is incomplete."),
    remediation=(
        "补齐备案材料（绩效目标、运维经费、信息资源目录、等保备案测评、密码应用方案和密评报告）。",
        "Complete the filing package (performance, O&M, catalogue, MLPS, crypto plan and assessment).",
    ),
    interpretation="57号: NDRC filing (ndrc_project_filing, distinct from MLPS filing) replaces NDRC approval for department-approved projects; the art. 9 evidence goes into it plus the 57号 items.",
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
        )
        return
    items = set().union(*(f.items for f in filings))
    missing = [k for k in FILING_ITEMS if k not in items]
    if missing:
        yield failed(
            "project",
            f"国家发展改革委备案材料缺少：{'、'.join(FILING_ITEMS[k][0] for k in missing)}。",
            f"The NDRC filing package lacks: {', '.join(FILING_ITEMS[k][1] for k in missing)}.",
            evidence=[filings[0].id],
        )
    else:
        yield passed("project", "备案材料齐全。", "Filing package complete.", [filings[0].id])


@R(
    "R-11.6",
    article=11,
    paragraph=1,
    strength=Strength.MUST,
    gates=("G-ACCEPT-APPLY",),
    title=(
        "非涉密系统验收前须通过密码应用安全性评估",
        "Non-classified systems pass the crypto assessment (密评) before acceptance",
    ),
    message=("缺少合格的密评报告。", "No passing crypto assessment report."),
    remediation=("委托具备资质的密评机构开展密码应用安全性评估。", "Commission a licensed crypto assessment agency."),
    interpretation="P-CRYPTO: 三同步一评估; projects under construction when 57号 took effect do 密评 before acceptance.",
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


register_pack(PACK)
__all__ = ["PACK"]
