"""Every rule: a case where it passes, one where it fails and one where it does not apply.

Each case builds a dossier from the compliant scenario-1 base (``helpers.base``), mutates it, and runs
the one rule (deviations not applied). A few rules cannot fail or pass by design; they are listed in
``BY_DESIGN`` with the reason, and the meta-test checks nothing else is missing.
"""

from __future__ import annotations

import dataclasses

import pytest

from egovnet.policy.divisions import csv_directory
from egovnet.policy.engine import get_pack
from egovnet.policy.engine.evaluate import run_rule
from egovnet.policy.engine.model import RuleContext
from egovnet.policy.tests import helpers as H


def outcome_of(rule_id: str, dossier: dict, subject: str, post=None) -> str:
    snap = H.snapshot(dossier)
    if post:
        snap = post(snap)
    pack_id = "gov-2019-57" if rule_id in ("R-9.7", "R-11.6") else "ndrc-2012-1986"
    params = {**get_pack("ndrc-2012-1986").params, **get_pack(pack_id).params}
    rule = get_pack(pack_id).rules[rule_id]
    findings = run_rule(rule, snap, RuleContext(params=params, pack_id=pack_id, directory=csv_directory()))
    got = {f.subject: f.outcome.value for f in findings}
    assert subject in got, (rule_id, subject, got)
    return got[subject]


# ---- mutation helpers ---------------------------------------------------------------------------
def only(*app_ids):
    def m(d):
        d["applications"] = [a for a in d["applications"] if a["id"] in app_ids]
        d["documents"] = [x for x in d["documents"] if not set(x.get("covers", [])) - set(app_ids)]

    return m


def setapp(app_id, **kw):
    def m(d):
        H.app(d, app_id).update(kw)

    return m


def setproj(**kw):
    def m(d):
        d["project"].update(kw)

    return m


def drop(*ids):
    def m(d):
        H.drop_docs(d, *ids)

    return m


def add_docs(*docs):
    def m(d):
        d["documents"].extend(docs)

    return m


def comps(*cs):
    def m(d):
        d["network_components"] = list(cs)

    return m


def registry(**kw):
    def m(d):
        d.setdefault("registry", {}).update(kw)

    return m


def dev(**kw):
    def m(d):
        d.setdefault("deviations", []).append(
            {"reason": "r", "legal_basis": "b", "approver": dict(H.NDRC), "expires": "2030-01-01", **kw}
        )

    return m


def local_owner(d):
    d["project"]["owner"] = {"name": "某市某局", "level": "prefecture", "division": "440300"}


def accept(d):
    d["project"].update(stage="acceptance_application", date="2015-06-15")
    d["documents"].extend(H.acceptance_docs())
    for a in d["applications"]:
        a["current_network"] = a["target_network"]


def chain(*ms):
    def m(d):
        for x in ms:
            x(d)

    return m


def reviews(*rs):
    def m(d):
        d["reviews"] = list(rs)

    return m


def cobuilt(d):
    d["project"].update(cobuilt=True, stage="feasibility", national_approval_ref="N-1")
    d["local_parts"] = [{"id": "lp", "name": "广东省地方部分", "division": "440000"}]
    d["documents"].append({"type": "feasibility_study_report", "local_part": "lp"})


GD_DRC = {"name": "广东省发展改革委", "kind": "development_reform", "level": "provincial", "division": "440000"}
WAN = {"id": "wan", "kind": "wan_backbone", "dedicated_to_single_department": True, "built_on": "carrier_leased"}
VPN = {"id": "vpn", "kind": "vpn_on_extranet", "dedicated_to_single_department": True, "built_on": "extranet"}
JUEMI = {
    "id": "tj",
    "name": "绝密",
    "classified": True,
    "secrecy_grade": "juemi",
    "target_network": "standalone_classified",
    "coverage_levels": ["central"],
    "bandwidth_mbps": 1,
}
COV_OK = {
    "province": "广东省",
    "prefectures_total": 21,
    "prefectures_covered": 21,
    "counties_total": 122,
    "counties_covered": 122,
}
COV_BAD = {**COV_OK, "counties_covered": 100}
DN = {
    "id": "dn",
    "owner": "某部",
    "established_on": "2010-01-01",
    "has_migration_plan": True,
    "has_implementation_scheme": True,
    "carried_apps": ["app-2"],
}
PN = {
    "id": "pn",
    "province": "广东省",
    "carries": "non_classified",
    "incorporated_into": "extranet",
    "link_to_central": True,
}
LATE = {"application": "app-2", "to_network": "extranet", "planned_date": "2012-01-01"}
SOON = {"application": "app-2", "to_network": "extranet", "planned_date": "2020-01-01"}
NONE = lambda d: None  # noqa: E731


def no_local_part_check(snap):
    return dataclasses.replace(
        snap, network_components=(dataclasses.replace(snap.network_components[0], local_part="ghost"),)
    )


def na_undetermined(snap):
    return dataclasses.replace(
        snap, applications=tuple(dataclasses.replace(a, classified=None) for a in snap.applications)
    )


CASES = [
    # rule, subject, expected, mutate, post
    ("R-1.1", "app-1", "pass", NONE, None),
    ("R-1.1", "app-2", "fail", setapp("app-2", target_network="dedicated"), None),
    ("R-1.1", "project", "not_applicable", only(), None),
    ("R-1.2", "vpn", "pass", comps(VPN), None),
    ("R-1.2", "vpn", "fail", comps(VPN), no_local_part_check),
    ("R-1.2", "project", "not_applicable", NONE, None),
    ("R-1.3", "programme", "pass", NONE, None),
    ("R-1.3", "programme", "fail", registry(coverage=[COV_BAD]), None),
    ("R-1.3", "programme", "not_applicable", setproj(date="2016-01-01"), None),
    ("R-2.1", "app-1", "pass", accept, None),
    ("R-2.1", "app-1", "fail", NONE, None),
    ("R-2.1", "project", "not_applicable", only("app-2"), None),
    ("R-2.2", "in", "pass", comps({"id": "in", "kind": "lan", "built_on": "intranet"}), None),
    ("R-2.2", "in", "fail", chain(comps({"id": "in", "kind": "lan", "built_on": "intranet"}), drop("rev")), None),
    ("R-2.2", "project", "not_applicable", NONE, None),
    ("R-2.3", "programme", "not_applicable", NONE, None),
    ("R-3.1", "广东省", "pass", registry(coverage=[COV_OK]), None),
    ("R-3.1", "广东省", "fail", registry(coverage=[COV_BAD]), None),
    ("R-3.1", "coverage", "not_applicable", NONE, None),
    ("R-3.2", "某部", "pass", registry(departments=[{"department": "某部", "extranet_connected": True}]), None),
    (
        "R-3.2",
        "某部",
        "fail",
        registry(departments=[{"department": "某部", "extranet_connected": False, "non_classified_apps": 2}]),
        None,
    ),
    (
        "R-3.2",
        "某部",
        "not_applicable",
        registry(departments=[{"department": "某部", "extranet_connected": False}]),
        None,
    ),
    ("R-3.3", "app-2", "pass", registry(migration_items=[SOON]), None),
    ("R-3.3", "app-2", "fail", registry(migration_items=[LATE]), None),
    ("R-3.3", "migration", "not_applicable", NONE, None),
    ("R-3.4", "app-2", "pass", NONE, None),
    ("R-3.4", "project", "not_applicable", only("app-1"), None),
    (
        "R-3.5",
        "man",
        "pass",
        chain(
            comps({"id": "man", "kind": "man", "built_on": "extranet"}),
            add_docs({"type": "mlps_filing_certificate", "result": "filed", "covers": ["man"], "issuer": H.MPS}),
        ),
        None,
    ),
    ("R-3.5", "man", "fail", comps({"id": "man", "kind": "man", "built_on": "extranet"}), None),
    ("R-3.5", "project", "not_applicable", comps(VPN), None),
    ("R-4.1", "dn", "pass", registry(dedicated_networks=[DN]), None),
    ("R-4.1", "dn", "fail", registry(dedicated_networks=[{**DN, "has_implementation_scheme": False}]), None),
    ("R-4.1", "departments", "not_applicable", NONE, None),
    ("R-4.2", "app-1", "pass", NONE, None),
    ("R-4.2", "app-1", "fail", setapp("app-1", target_network="extranet"), None),
    ("R-4.2", "project", "not_applicable", only("app-2"), None),
    ("R-4.3", "app-2", "pass", NONE, None),
    ("R-4.3", "app-2", "fail", setapp("app-2", target_network="dedicated"), None),
    ("R-4.3", "project", "not_applicable", only("app-1"), None),
    (
        "R-4.4",
        "tj",
        "pass",
        chain(lambda d: d["applications"].append(dict(JUEMI)), dev(rule="R-4.4", subject="tj")),
        None,
    ),
    ("R-4.4", "tj", "fail", lambda d: d["applications"].append(dict(JUEMI)), None),
    ("R-4.4", "project", "not_applicable", NONE, None),
    ("R-4.5", "app-2", "pass", dev(rule="R-4.3", subject="app-2"), None),
    (
        "R-4.5",
        "app-2",
        "fail",
        dev(rule="R-4.3", subject="app-2", approver={"name": "某部", "kind": "government_department"}),
        None,
    ),
    ("R-4.5", "project", "not_applicable", NONE, None),
    ("R-4.6", "app-2", "pass", NONE, None),
    ("R-4.6", "app-2", "fail", setapp("app-2", mixed_content=True), None),
    ("R-4.6", "project", "not_applicable", only(), None),
    ("R-5.1", "广东省", "pass", registry(provincial_networks=[PN]), None),
    ("R-5.1", "广东省", "fail", registry(provincial_networks=[PN, {**PN, "id": "pn2"}]), None),
    ("R-5.1", "provinces", "not_applicable", NONE, None),
    (
        "R-5.2",
        "pc",
        "pass",
        registry(provincial_networks=[{**PN, "id": "pc", "carries": "classified", "incorporated_into": "intranet"}]),
        None,
    ),
    ("R-5.2", "pc", "fail", registry(provincial_networks=[{**PN, "id": "pc", "carries": "classified"}]), None),
    ("R-5.2", "provinces", "not_applicable", registry(provincial_networks=[PN]), None),
    ("R-5.3", "pn", "pass", registry(provincial_networks=[PN]), None),
    ("R-5.3", "pn", "fail", registry(provincial_networks=[{**PN, "link_to_central": False}]), None),
    ("R-5.3", "provinces", "not_applicable", NONE, None),
    ("R-5.4", "pn", "pass", registry(provincial_networks=[PN]), None),
    ("R-5.4", "pn", "fail", registry(provincial_networks=[{**PN, "carries": "mixed"}]), None),
    ("R-5.4", "provinces", "not_applicable", NONE, None),
    ("R-6.1", "app-1", "pass", NONE, None),
    ("R-6.1", "app-1", "fail", setapp("app-1", coverage_levels=[]), None),
    ("R-6.1", "project", "not_applicable", setproj(hardware_only=True), None),
    ("R-6.2", "app-1", "pass", NONE, None),
    (
        "R-6.2",
        "app-1",
        "fail",
        lambda d: H.doc(d, "sro").update(
            issuer={
                "name": "北京市保密局",
                "kind": "secrecy_administration",
                "level": "provincial",
                "division": "110000",
            }
        ),
        None,
    ),
    ("R-6.2", "project", "not_applicable", only("app-2"), None),
    ("R-6.3", "app-2", "pass", NONE, None),
    ("R-6.3", "app-2", "fail", lambda d: H.doc(d, "cert").update(issuer=dict(H.BJ_PSB)), None),
    ("R-6.3", "project", "not_applicable", only("app-1"), None),
    (
        "R-6.4",
        "app-2",
        "pass",
        chain(setapp("app-2", mlps_level=1), add_docs({"type": "mlps_grading_report", "covers": ["app-2"]})),
        None,
    ),
    ("R-6.4", "app-2", "fail", setapp("app-2", mlps_level=1), None),
    ("R-6.4", "project", "not_applicable", NONE, None),
    ("R-6.5", "app-1", "pass", NONE, None),
    ("R-6.5", "app-1", "fail", NONE, na_undetermined),
    ("R-6.5", "project", "not_applicable", only(), None),
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
    ("R-8.3", "fsr_appraisal", "pass", NONE, None),
    (
        "R-8.3",
        "fsr_appraisal",
        "fail",
        reviews(
            {
                "type": "fsr_appraisal",
                "date": "2013-09-01",
                "invited": [{"body": b, "sent_date": "2013-09-01"} for b in H.FOUR],
            }
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

# Rules that cannot produce one of the outcomes, by design.
BY_DESIGN = {
    ("R-2.3", "pass"): "programme KPI known only by attestation (A-2.2)",
    ("R-2.3", "fail"): "programme KPI known only by attestation (A-2.2)",
    ("R-3.4", "fail"): "INFO prioritisation of extranet candidates; never a violation",
    ("R-8.1", "not_applicable"): "art. 8 is unconditional (A-8.1)",
    ("R-8.3", "not_applicable"): "art. 8 is unconditional (A-8.1)",
}


@pytest.mark.parametrize(
    ("rule", "subject", "expected", "mutate", "post"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES]
)
def test_rule_case(rule, subject, expected, mutate, post):
    d = H.base()
    mutate(d)
    assert outcome_of(rule, d, subject, post) == expected


def test_every_rule_has_pass_fail_and_not_applicable_cases():
    covered = {(c[0], c[2]) for c in CASES}
    rules = [*get_pack("ndrc-2012-1986").rules, *get_pack("gov-2019-57").rules]
    missing = [
        (r, o)
        for r in rules
        for o in ("pass", "fail", "not_applicable")
        if (r, o) not in covered and (r, o) not in BY_DESIGN
    ]
    assert missing == []
