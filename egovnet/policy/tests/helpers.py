"""Builders for small dossiers and snapshots used by the policy tests (pure, no database)."""

from __future__ import annotations

import copy

from egovnet.policy.dossier.convert import to_snapshot
from egovnet.policy.dossier.report import known_rule_ids
from egovnet.policy.dossier.validate import validate

CENTRAL = {"name": "某部", "level": "central", "division": "110000", "in_beijing": True}
NAPSS = {"name": "国家保密局", "kind": "secrecy_administration", "level": "central"}
MPS = {"name": "公安部", "kind": "public_security", "level": "central"}
BJ_PSB = {"name": "北京市公安局", "kind": "public_security", "level": "provincial", "division": "110000"}
COORD = {"name": "国家电子政务内网建设和管理协调小组办公室", "kind": "intranet_coordination_office", "level": "central"}
EXTRANET = {"name": "国家电子政务外网管理中心", "kind": "extranet_operator", "level": "central"}
NDRC = {"name": "国家发展改革委", "kind": "development_reform", "level": "central"}
AGENCY = {"name": "某测评中心", "kind": "assessment_agency", "level": "central"}
FOUR = ["secrecy_administration", "public_security", "intranet_operator", "extranet_operator"]


def base(stage: str = "proposal", date: str = "2013-05-01", **project) -> dict:
    """A compliant central two-application dossier (scenario 1) at ``stage``."""
    return {
        "format": "egovnet-dossier/1",
        "project": {
            "name": "某部案件管理系统建设工程",
            "owner": dict(CENTRAL),
            "stage": stage,
            "date": date,
            "total_investment_10k_yuan": 4800,
            **project,
        },
        "applications": [
            {
                "id": "app-1",
                "name": "案件办理系统",
                "classified": True,
                "secrecy_grade": "jimi",
                "current_network": "dedicated",
                "target_network": "intranet",
                "coverage_levels": ["central", "provincial"],
                "bandwidth_mbps": 100,
            },
            {
                "id": "app-2",
                "name": "公共服务门户",
                "classified": False,
                "mlps_level": 3,
                "nationwide": True,
                "current_network": "internet",
                "target_network": "extranet",
                "coverage_levels": ["central"],
                "bandwidth_mbps": 200,
            },
        ],
        "documents": [
            {"id": "proposal", "type": "project_proposal", "date": "2013-04-20"},
            {
                "id": "plan",
                "type": "deployment_migration_plan",
                "stage": "proposal",
                "sections": ["intranet", "extranet"],
            },
            {
                "id": "fsr-plan",
                "type": "deployment_migration_plan",
                "stage": "fsr",
                "sections": ["intranet", "extranet", "dedicated_network_migration"],
            },
            {
                "id": "sro",
                "type": "secrecy_review_opinion",
                "issuer": dict(NAPSS),
                "ref_no": "国保函〔2013〕12号",
                "date": "2013-03-01",
                "result": "approved",
                "covers": ["app-1"],
            },
            {
                "id": "cert",
                "type": "mlps_filing_certificate",
                "issuer": dict(MPS),
                "ref_no": "F-1",
                "date": "2013-03-15",
                "result": "filed",
                "covers": ["app-2"],
                "filing_stage": "planning",
            },
            {
                "id": "vet",
                "type": "intranet_access_vetting",
                "issuer": dict(COORD),
                "date": "2013-03-20",
                "result": "approved",
            },
            {
                "id": "rev",
                "type": "intranet_access_review",
                "issuer": dict(NAPSS),
                "date": "2013-03-25",
                "result": "approved",
            },
            {
                "id": "agr",
                "type": "extranet_service_agreement",
                "issuer": dict(EXTRANET),
                "ref_no": "外网协〔2013〕41号",
                "date": "2013-04-01",
                "result": "signed",
            },
        ],
        "reviews": [
            {"type": "needs_deliberation", "date": "2012-12-01", "invited": list(FOUR)},
            {"type": "proposal_appraisal", "date": "2013-04-01", "invited": list(FOUR)},
            {"type": "fsr_appraisal", "date": "2013-09-01", "invited": list(FOUR)},
        ],
    }


def acceptance_docs() -> list[dict]:
    return [
        {
            "id": "fb",
            "type": "fenbao_assessment_report",
            "issuer": dict(AGENCY),
            "date": "2015-03-01",
            "result": "pass",
            "covers": ["app-1"],
            "qualification": "fenbao",
        },
        {
            "id": "auth",
            "type": "classified_system_authorization",
            "issuer": dict(NAPSS),
            "date": "2015-03-10",
            "result": "approved",
            "covers": ["app-1"],
        },
        {
            "id": "dp",
            "type": "mlps_assessment_report",
            "issuer": dict(AGENCY),
            "date": "2015-03-05",
            "result": "pass",
            "covers": ["app-2"],
            "qualification": "mlps",
        },
        {
            "id": "risk",
            "type": "risk_assessment_report",
            "issuer": dict(AGENCY),
            "date": "2015-03-06",
            "result": "pass",
            "qualification": "risk",
            "parts": ["classified", "non_classified"],
        },
        {
            "id": "final-cert",
            "type": "mlps_filing_certificate",
            "issuer": dict(MPS),
            "date": "2015-03-20",
            "result": "filed",
            "covers": ["app-2"],
            "filing_stage": "final",
        },
        {
            "id": "nuc",
            "type": "network_use_acceptance_check",
            "issuer": dict(NDRC),
            "date": "2015-06-01",
            "result": "pass",
        },
    ]


def snapshot(d: dict):
    return to_snapshot(validate(copy.deepcopy(d), known_rule_ids()))


def app(d: dict, app_id: str) -> dict:
    return next(a for a in d["applications"] if a["id"] == app_id)


def drop_docs(d: dict, *ids: str) -> dict:
    d["documents"] = [x for x in d["documents"] if x.get("id") not in ids]
    return d


def doc(d: dict, doc_id: str) -> dict:
    return next(x for x in d["documents"] if x.get("id") == doc_id)
