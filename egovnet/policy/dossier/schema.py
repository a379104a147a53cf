"""JSON Schema of the ``egovnet-dossier/1`` format (published as docs/dossier/egovnet-dossier-1.schema.json)."""

from __future__ import annotations

from egovnet.policy import facts as F

DATE = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "format": "date"}
DIVISION = {"type": "string", "pattern": r"^\d{6}$", "description": "GB/T 2260 six-digit division code"}
ID = {"type": "string", "minLength": 1, "maxLength": 64}
IDS = {"type": "array", "items": ID}


def _enum(values, description: str = "") -> dict:
    d: dict = {"type": "string", "enum": list(values)}
    if description:
        d["description"] = description
    return d


ORG = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name"],
    "properties": {
        "name": {"type": "string", "minLength": 1},
        "kind": _enum(F.ISSUER_KINDS),
        "level": _enum(F.LEVELS),
        "division": DIVISION,
        "in_beijing": {"type": "boolean"},
    },
}
OWNER = {**ORG, "required": ["name", "level"]}

PROJECT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["name", "owner", "stage", "date"],
    "properties": {
        "id": ID,
        "name": {"type": "string", "minLength": 1},
        "owner": OWNER,
        "kind": _enum(F.PROJECT_KINDS),
        "cobuilt": {"type": "boolean"},
        "approval_path": _enum(F.APPROVAL_PATHS, "full, or simplified (the FSR stands in for the proposal)"),
        "approval_regime": _enum(
            F.APPROVAL_REGIMES, "ndrc (NDRC approves), department (57号: department approves, files with NDRC), local"
        ),
        "stage": _enum(F.STAGES),
        "date": {**DATE, "description": "date of the act judged; selects the packs in force"},
        "total_investment_10k_yuan": {"type": "number", "minimum": 0},
        "simplified_basis": {"type": "string"},
        "national_approval_ref": {"type": "string"},
        "network_use_na_reason": {"type": "string"},
        "hardware_only": {"type": "boolean"},
        "in_national_plan": {"type": "boolean"},
    },
}

APPLICATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name", "classified"],
    "properties": {
        "id": ID,
        "name": {"type": "string", "minLength": 1},
        "classified": {"type": ["boolean", "null"], "description": "null = not yet determined (blocks G-NEEDS)"},
        "secrecy_grade": _enum(F.SECRECY_GRADES, "classified applications only"),
        "mlps_level": {
            "type": "integer",
            "minimum": 1,
            "maximum": 5,
            "description": "non-classified applications only",
        },
        "current_network": _enum(F.NETWORKS),
        "target_network": _enum(
            (*F.TARGET_NETWORKS, *F.TARGET_NETWORK_ALIASES),
            "the registry's vocabulary; 'dedicated' is the format-1 alias of 'legacy_dedicated' (deprecated)",
        ),
        "deployed_network": _enum(F.NETWORKS, "network actually used at completion acceptance"),
        "coverage_levels": {"type": "array", "items": _enum((*F.LEVELS, "township")), "uniqueItems": True},
        "bandwidth_mbps": {"type": "number", "minimum": 0},
        "nationwide": {"type": "boolean"},
        "uniformly_graded": {"type": "boolean"},
        "public_facing": {"type": "boolean"},
        "cross_region": {"type": "boolean"},
        "cross_department": {"type": "boolean"},
        "shares_basic_info": {"type": "boolean"},
        "mixed_content": {"type": "boolean"},
        "local_part": ID,
    },
}

COMPONENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["kind"],
    "properties": {
        "id": ID,
        "kind": _enum(F.COMPONENT_KINDS),
        "dedicated_to_single_department": {"type": "boolean"},
        "built_on": _enum(F.BUILT_ON),
        "new_or_extended": {"type": "boolean"},
        "interconnects_own_sites": {"type": "boolean"},
        "serves": IDS,
        "local_part": ID,
    },
}

DOCUMENT = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type"],
    "properties": {
        "id": ID,
        "type": _enum(F.DOCUMENT_TYPES),
        "issuer": ORG,
        "ref_no": {"type": "string"},
        "date": DATE,
        "result": _enum(F.DOCUMENT_RESULTS),
        "covers": IDS,
        "filing_stage": _enum(("planning", "final")),
        "stage": _enum(("proposal", "fsr")),
        "sections": {"type": "array", "items": _enum(("intranet", "extranet", "dedicated_network_migration"))},
        "references": {"type": "array", "items": {"type": "string"}},
        "addresses_network_use": {"type": "boolean"},
        "qualification": _enum(("mlps", "fenbao", "risk", "crypto")),
        "qualification_valid_to": DATE,
        "opaque": {"type": "boolean"},
        "approves": _enum(("feasibility_study_report", "preliminary_design")),
        "in_lieu_of_proposal": {"type": "boolean"},
        "local_part": ID,
        "items": {"type": "array", "items": {"type": "string"}},
        "parts": {"type": "array", "items": _enum(("classified", "non_classified"))},
    },
}

INVITATION = {
    "oneOf": [
        _enum(F.INVITEE_BODIES),
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["body"],
            "properties": {"body": _enum(F.INVITEE_BODIES), "level": _enum(F.LEVELS), "sent_date": DATE},
        },
    ]
}

REVIEW = {
    "type": "object",
    "additionalProperties": False,
    "required": ["type", "date"],
    "properties": {
        "id": ID,
        "type": _enum(F.REVIEW_TYPES),
        "date": DATE,
        "invited": {"type": "array", "items": INVITATION},
        "opinion_recorded": {
            "type": "boolean",
            "description": "the panel's opinion is recorded (default true); a review without one does not count",
        },
        "cancelled": {"type": "boolean", "description": "the meeting was cancelled: it does not count"},
    },
}

DEVIATION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["rule", "subject", "reason", "legal_basis", "approver", "expires"],
    "properties": {
        "rule": {"type": "string", "pattern": r"^R-\d{1,2}\.\d{1,2}$"},
        "subject": {"type": "string", "minLength": 1},
        "reason": {"type": "string", "minLength": 1},
        "legal_basis": {"type": "string", "minLength": 1},
        "approver": ORG,
        "expires": DATE,
        "approved": {"type": "boolean"},
    },
}

LOCAL_PART = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "name"],
    "properties": {"id": ID, "name": {"type": "string"}, "division": DIVISION, "owner": ORG},
}


def _obj(required: list[str], props: dict) -> dict:
    return {"type": "object", "additionalProperties": False, "required": required, "properties": props}


REGISTRY = _obj(
    [],
    {
        "departments": {
            "type": "array",
            "items": _obj(
                ["department", "extranet_connected"],
                {
                    "department": {"type": "string"},
                    "extranet_connected": {"type": "boolean"},
                    "non_classified_apps": {"type": "integer", "minimum": 0},
                },
            ),
        },
        "coverage": {
            "type": "array",
            "items": _obj(
                ["province", "prefectures_total", "prefectures_covered", "counties_total", "counties_covered"],
                {
                    k: {"type": "integer", "minimum": 0} if k != "province" else {"type": "string"}
                    for k in (
                        "province",
                        "prefectures_total",
                        "prefectures_covered",
                        "counties_total",
                        "counties_covered",
                    )
                },
            ),
        },
        "provincial_networks": {
            "type": "array",
            "items": _obj(
                ["id", "province", "carries"],
                {
                    "id": ID,
                    "province": {"type": "string"},
                    "carries": _enum(("classified", "non_classified", "mixed")),
                    "incorporated_into": _enum(("intranet", "extranet", "none")),
                    "link_to_central": {"type": "boolean"},
                    "unification_plan": {"type": "boolean"},
                },
            ),
        },
        "dedicated_networks": {
            "type": "array",
            "items": _obj(
                ["id", "owner"],
                {
                    "id": ID,
                    "owner": {"type": "string"},
                    "established_on": DATE,
                    "has_migration_plan": {"type": "boolean"},
                    "has_implementation_scheme": {"type": "boolean"},
                    "carried_apps": IDS,
                },
            ),
        },
        "migration_items": {
            "type": "array",
            "items": _obj(
                ["application", "to_network"],
                {
                    "application": ID,
                    "from_network": _enum(F.NETWORKS),
                    "to_network": _enum(F.TARGET_NETWORKS),
                    "planned_date": DATE,
                    "done": {"type": "boolean"},
                },
            ),
        },
        "budget_lines": {
            "type": "array",
            "items": _obj(
                ["id", "fiscal_year", "object_kind", "object_id"],
                {
                    "id": ID,
                    "fiscal_year": {"type": "integer", "minimum": 2000},
                    "object_kind": _enum(("dedicated_network", "application", "intranet", "extranet")),
                    "object_id": {"type": "string"},
                    "amount_10k_yuan": {"type": "number", "minimum": 0},
                },
            ),
        },
    },
)

SCHEMA: dict = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://egovnet.example/schemas/egovnet-dossier-1.schema.json",
    "title": "egovnet-dossier/1",
    "description": "A project dossier for the 发改高技[2012]1986号 self-check (egovnet check FILE).",
    "type": "object",
    "additionalProperties": False,
    "required": ["format", "project"],
    "properties": {
        "format": {"const": "egovnet-dossier/1"},
        "project": PROJECT,
        "applications": {"type": "array", "items": APPLICATION},
        "network_components": {"type": "array", "items": COMPONENT},
        "documents": {"type": "array", "items": DOCUMENT},
        "reviews": {"type": "array", "items": REVIEW},
        "deviations": {"type": "array", "items": DEVIATION},
        "local_parts": {"type": "array", "items": LOCAL_PART},
        "registry": REGISTRY,
    },
}
