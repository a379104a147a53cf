"""Per-rule cases (articles 7–12 and gov-2019-57), used by test_rules.py: (rule, subject, expected outcome, mutate, post)."""

from __future__ import annotations

from egovnet.policy.tests import helpers as H
from egovnet.policy.tests.rule_helpers import (
    DN,
    GD_DEPT,
    GD_DRC,
    JUEMI,
    LATE,
    NONE,
    SOON,
    VPN,
    WAN,
    accept,
    add_docs,
    chain,
    cobuilt,
    comps,
    drop,
    local_owner,
    only,
    registry,
    reviews,
    setproj,
)

CASES_B = [
    ("R-7.1", "project", "pass", NONE, None),
    ("R-7.1", "project", "fail", lambda d: H.doc(d, "plan").update(sections=["intranet"]), None),
    ("R-7.1", "project", "not_applicable", local_owner, None),
    ("R-7.2", "project", "pass", NONE, None),
    ("R-7.2", "project", "fail", drop("rev"), None),
    ("R-7.2", "project", "not_applicable", only("app-2"), None),
    ("R-7.3", "project", "pass", NONE, None),
    (
        "R-7.3",
        "project",
        "fail",
        lambda d: H.doc(d, "agr").update(
            issuer={"name": "某公司", "kind": "extranet_operator", "level": "provincial", "division": "440000"}
        ),
        None,
    ),
    ("R-7.3", "project", "not_applicable", only("app-1"), None),
    ("R-7.4", "project", "pass", NONE, None),
    ("R-7.4", "project", "fail", lambda d: H.doc(d, "fsr-plan").update(sections=["intranet", "extranet"]), None),
    ("R-7.4", "project", "not_applicable", local_owner, None),
    (
        "R-7.5",
        "project",
        "pass",
        chain(
            only("tj"), lambda d: d["applications"].append(dict(JUEMI)), setproj(network_use_na_reason="绝密独立系统")
        ),
        None,
    ),
    ("R-7.5", "project", "fail", chain(only("tj"), lambda d: d["applications"].append(dict(JUEMI))), None),
    ("R-7.5", "project", "not_applicable", NONE, None),
    ("R-7.6", "project", "not_applicable", NONE, None),
    (
        "R-7.6",
        "project",
        "pass",
        setproj(approval_path="simplified", stage="needs_analysis", total_investment_10k_yuan=2500),
        None,
    ),
    (
        "R-7.6",
        "project",
        "pass",
        setproj(approval_path="simplified", stage="needs_analysis", simplified_basis="应急抢险特殊情形，经批准"),
        None,
    ),
    (
        "R-7.6",
        "project",
        "fail",
        setproj(approval_path="simplified", stage="needs_analysis", simplified_basis="总投资低于3000万元"),
        None,
    ),
    ("R-7.6", "project", "fail", setproj(approval_path="simplified", stage="needs_analysis"), None),
    ("R-8.1", "needs_deliberation", "pass", NONE, None),
    (
        "R-8.1",
        "needs_deliberation",
        "fail",
        reviews({"type": "needs_deliberation", "date": "2012-12-01", "invited": ["public_security"]}),
        None,
    ),
    ("R-8.2", "proposal_appraisal", "pass", NONE, None),
    ("R-8.2", "project", "fail", reviews(), None),
    ("R-8.2", "project", "not_applicable", setproj(approval_path="simplified", stage="feasibility"), None),
    ("R-8.3", "fsr_appraisal", "pass", setproj(date="2013-10-01"), None),
    (
        "R-8.3",
        "fsr_appraisal",
        "fail",
        chain(
            setproj(date="2013-10-01"),
            reviews(
                {
                    "type": "fsr_appraisal",
                    "date": "2013-09-01",
                    "invited": [{"body": b, "sent_date": "2013-09-01"} for b in H.FOUR],
                }
            ),
        ),
        None,
    ),
    (
        "R-8.4",
        "proposal_appraisal:public_security",
        "pass",
        reviews(
            {
                "type": "proposal_appraisal",
                "date": "2013-04-01",
                "invited": [{"body": "public_security", "level": "central"}],
            }
        ),
        None,
    ),
    (
        "R-8.4",
        "proposal_appraisal:public_security",
        "fail",
        reviews(
            {
                "type": "proposal_appraisal",
                "date": "2013-04-01",
                "invited": [{"body": "public_security", "level": "provincial"}],
            }
        ),
        None,
    ),
    ("R-8.4", "project", "not_applicable", NONE, None),
    ("R-9.1", "app-1", "pass", NONE, None),
    ("R-9.1", "app-1", "fail", drop("sro"), None),
    ("R-9.1", "project", "not_applicable", only("app-2"), None),
    ("R-9.2", "app-2", "pass", NONE, None),
    ("R-9.2", "app-2", "fail", drop("cert"), None),
    ("R-9.2", "project", "not_applicable", local_owner, None),
    ("R-9.3", "project", "pass", NONE, None),
    ("R-9.3", "project", "fail", drop("vet"), None),
    ("R-9.3", "project", "not_applicable", only("app-2"), None),
    ("R-9.4", "project", "pass", NONE, None),
    ("R-9.4", "project", "fail", drop("agr"), None),
    ("R-9.4", "project", "not_applicable", only("app-1"), None),
    ("R-9.5", "project", "pass", NONE, None),
    ("R-9.5", "project", "fail", lambda d: H.doc(d, "agr").update(date="2013-05-30"), None),
    ("R-9.5", "project", "not_applicable", local_owner, None),
    (
        "R-9.6",
        "project",
        "pass",
        chain(
            setproj(approval_path="simplified", stage="feasibility", total_investment_10k_yuan=2500),
            add_docs({"type": "feasibility_study_report", "in_lieu_of_proposal": True}),
        ),
        None,
    ),
    (
        "R-9.6",
        "project",
        "fail",
        chain(
            setproj(approval_path="simplified", stage="feasibility"),
            add_docs({"type": "feasibility_study_report", "in_lieu_of_proposal": True}),
        ),
        None,
    ),
    ("R-9.6", "project", "not_applicable", NONE, None),
    (
        "R-9.6",
        "project",
        "fail",
        chain(
            setproj(approval_path="simplified", stage="feasibility", simplified_basis="总投资低于3000万元"),
            add_docs({"type": "feasibility_study_report", "in_lieu_of_proposal": True}),
        ),
        None,
    ),
    (
        "R-10.1",
        "lp",
        "pass",
        chain(
            cobuilt,
            add_docs(
                {
                    "type": "central_department_opinion",
                    "local_part": "lp",
                    "issuer": {"name": "某部", "level": "central"},
                    "addresses_network_use": True,
                }
            ),
        ),
        None,
    ),
    ("R-10.1", "lp", "fail", cobuilt, None),
    ("R-10.1", "project", "not_applicable", NONE, None),
    ("R-10.2", "lp", "pass", cobuilt, None),
    ("R-10.2", "lp", "fail", chain(cobuilt, comps({**WAN, "local_part": "lp"})), None),
    ("R-10.2", "project", "not_applicable", NONE, None),
    (
        "R-10.3",
        "lp:feasibility_study_report",
        "pass",
        chain(
            cobuilt,
            add_docs(
                {
                    "type": "local_drc_approval",
                    "local_part": "lp",
                    "issuer": GD_DRC,
                    "result": "approved",
                    "references": ["N-1"],
                }
            ),
        ),
        None,
    ),
    (
        "R-10.3",
        "lp:feasibility_study_report",
        "fail",
        chain(
            cobuilt,
            add_docs({"type": "local_drc_approval", "local_part": "lp", "issuer": GD_DRC, "result": "approved"}),
        ),
        None,
    ),
    ("R-10.3", "project", "not_applicable", NONE, None),
    (  # a Zhejiang local part approved by the Guangdong DRC
        "R-10.3",
        "lp:feasibility_study_report",
        "fail",
        chain(
            cobuilt,
            lambda d: d["local_parts"][0].update(name="浙江省地方部分", division="330000"),
            add_docs(
                {
                    "type": "local_drc_approval",
                    "local_part": "lp",
                    "issuer": GD_DRC,
                    "result": "approved",
                    "references": ["N-1"],
                }
            ),
        ),
        None,
    ),
    ("R-10.3", "lp:owner", "pass", chain(cobuilt, lambda d: d["local_parts"][0].update(owner=GD_DEPT)), None),
    (  # the owner is a department of another province
        "R-10.3",
        "lp:owner",
        "fail",
        chain(cobuilt, lambda d: d["local_parts"][0].update(owner={**GD_DEPT, "division": "330000"})),
        None,
    ),
    ("R-11.1", "app-1", "pass", accept, None),
    ("R-11.1", "app-1", "fail", chain(accept, drop("auth")), None),
    ("R-11.1", "project", "not_applicable", chain(accept, local_owner), None),
    ("R-11.2", "app-2", "pass", accept, None),
    ("R-11.2", "app-2", "fail", chain(accept, lambda d: H.doc(d, "dp").update(result="fail")), None),
    ("R-11.2", "project", "not_applicable", chain(accept, only("app-1")), None),
    ("R-11.3", "project:non_classified", "pass", accept, None),
    ("R-11.3", "project:non_classified", "fail", chain(accept, drop("risk")), None),
    ("R-11.3", "project", "not_applicable", chain(accept, local_owner), None),
    ("R-11.4", "dp", "pass", accept, None),
    ("R-11.4", "dp", "fail", chain(accept, lambda d: H.doc(d, "dp").update(qualification_valid_to="2014-01-01")), None),
    ("R-11.4", "project", "not_applicable", NONE, None),
    ("R-11.5", "app-2", "pass", chain(accept, setproj(stage="completion_acceptance", date="2015-07-01")), None),
    ("R-11.5", "project", "fail", chain(accept, drop("nuc")), None),
    ("R-11.5", "project", "not_applicable", chain(accept, local_owner), None),
    ("R-12.1", "vpn", "pass", comps(VPN), None),
    ("R-12.1", "wan", "fail", comps(WAN), None),
    ("R-12.1", "project", "not_applicable", NONE, None),
    (
        "R-12.2",
        "b",
        "pass",
        registry(
            dedicated_networks=[DN],
            budget_lines=[{"id": "b", "fiscal_year": 2014, "object_kind": "dedicated_network", "object_id": "dn"}],
        ),
        None,
    ),
    (
        "R-12.2",
        "b",
        "fail",
        registry(
            dedicated_networks=[{**DN, "established_on": "2013-01-01"}],
            budget_lines=[{"id": "b", "fiscal_year": 2014, "object_kind": "dedicated_network", "object_id": "dn"}],
        ),
        None,
    ),
    ("R-12.2", "budget", "not_applicable", NONE, None),
    (
        "R-12.3",
        "b",
        "pass",
        registry(
            migration_items=[SOON],
            budget_lines=[{"id": "b", "fiscal_year": 2013, "object_kind": "application", "object_id": "app-2"}],
        ),
        None,
    ),
    (
        "R-12.3",
        "b",
        "fail",
        registry(
            migration_items=[LATE],
            budget_lines=[{"id": "b", "fiscal_year": 2013, "object_kind": "application", "object_id": "app-2"}],
        ),
        None,
    ),
    ("R-12.3", "budget", "not_applicable", NONE, None),
    (
        "R-12.4",
        "budget",
        "pass",
        registry(budget_lines=[{"id": "b", "fiscal_year": 2013, "object_kind": "extranet", "object_id": "x"}]),
        None,
    ),
    (
        "R-12.4",
        "budget",
        "fail",
        registry(budget_lines=[{"id": "b", "fiscal_year": 2013, "object_kind": "application", "object_id": "app-2"}]),
        None,
    ),
    ("R-12.4", "budget", "not_applicable", NONE, None),
    (
        "R-9.7",
        "project",
        "pass",
        chain(
            setproj(approval_regime="department", date="2021-01-01"),
            add_docs(
                {
                    "type": "ndrc_project_filing",
                    "items": [
                        "performance_targets",
                        "om_funding",
                        "info_resource_catalog",
                        "mlps_filing_and_assessment",
                        "crypto_application_plan",
                        "crypto_assessment_report",
                    ],
                }
            ),
        ),
        None,
    ),
    ("R-9.7", "project", "fail", setproj(approval_regime="department", date="2021-01-01"), None),
    ("R-9.7", "project", "not_applicable", setproj(date="2021-01-01"), None),
    (
        "R-11.6",
        "app-2",
        "pass",
        add_docs(
            {
                "type": "crypto_assessment_report",
                "issuer": H.AGENCY,
                "qualification": "crypto",
                "result": "pass",
                "covers": ["app-2"],
            }
        ),
        None,
    ),
    ("R-11.6", "app-2", "fail", NONE, None),
    ("R-11.6", "project", "not_applicable", only("app-1"), None),
    ("R-11.6", "project", "not_applicable", local_owner, None),
]
