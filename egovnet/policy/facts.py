"""The fact snapshot: plain, frozen data that rules read.

Rules never touch the ORM. A snapshot is built either from a dossier file
(:mod:`egovnet.policy.dossier`) or, later, from the database by a builder that fills each tuple with
one query (see ``docs/decisions/0301-fact-snapshot.md``). Every collection is a tuple so a
snapshot is hashable, immutable and safe to share between threads.

Code values are the glossary identifiers of context.md §5 (``secrecy_grade`` = mimi/jimi/juemi …).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# --- value sets (stable slugs; the dossier schema uses the same values) --------------------------------
LEVELS = ("central", "provincial", "prefecture", "county")
PROJECT_KINDS = ("new", "continued", "renovation", "expansion")
APPROVAL_PATHS = ("full", "simplified")
APPROVAL_REGIMES = ("ndrc", "department", "local")
STAGES = (
    "needs_analysis",
    "proposal",
    "feasibility",
    "preliminary_design",
    "construction",
    "trial_operation",
    "acceptance_application",
    "completion_acceptance",
)
SECRECY_GRADES = ("mimi", "jimi", "juemi")
NETWORKS = ("intranet", "extranet", "dedicated", "internet", "standalone_classified", "none")
# Target networks in the registry's vocabulary (``systems.choices.TargetNetwork``): staying on a dedicated network
# is the deviation ``legacy_dedicated``. The dossier format version 1 still accepts ``dedicated`` (an alias).
TARGET_NETWORKS = (
    "intranet",
    "extranet",
    "standalone_classified",
    "local_classified_network",
    "legacy_dedicated",
    "none",
)
TARGET_NETWORK_ALIASES = {"dedicated": "legacy_dedicated"}  # dossier format version 1 only
COMPONENT_KINDS = ("wan_backbone", "man", "access_lines", "vpn_on_extranet", "lan", "data_center")
BUILT_ON = ("self_built", "carrier_leased", "extranet", "intranet")
ISSUER_KINDS = (
    "government_department",
    "development_reform",
    "public_security",
    "secrecy_administration",
    "finance",
    "extranet_operator",
    "intranet_coordination_office",
    "assessment_agency",
)
DOCUMENT_TYPES = (
    "needs_analysis_report",
    "project_proposal",
    "feasibility_study_report",
    "preliminary_design",
    "deployment_migration_plan",
    "secrecy_review_opinion",
    "mlps_grading_report",
    "mlps_filing_certificate",
    "intranet_access_vetting",
    "intranet_access_review",
    "extranet_service_agreement",
    "classified_system_authorization",
    "fenbao_assessment_report",
    "mlps_assessment_report",
    "risk_assessment_report",
    "central_department_opinion",
    "local_drc_approval",
    "network_use_acceptance_check",
    "national_approval",
    # 国办发〔2019〕57号 overlay (gov-2019-57)
    "ndrc_project_filing",
    "crypto_application_plan",
    "crypto_assessment_report",
    "info_resource_catalog",  # 57号: the project's information-resource catalogue (sharing)
)
DOCUMENT_RESULTS = ("approved", "rejected", "pass", "fail", "signed", "filed")
POSITIVE_RESULTS = frozenset({"approved", "pass", "signed", "filed"})
REVIEW_TYPES = ("needs_deliberation", "proposal_appraisal", "fsr_appraisal")
INVITEE_BODIES = ("secrecy_administration", "public_security", "intranet_operator", "extranet_operator")
ASSESSMENT_TYPES = {
    "fenbao_assessment_report": "fenbao",
    "mlps_assessment_report": "mlps",
    "risk_assessment_report": "risk",
    "crypto_assessment_report": "crypto",
}


@dataclass(frozen=True)
class Org:
    """An organisation as the rules see it (owner, issuer, approver, agency)."""

    name: str
    kind: str = "government_department"
    level: str = "central"
    division: str = ""
    in_beijing: bool = False


@dataclass(frozen=True)
class ProjectFacts:
    id: str
    name: str
    owner: Org
    kind: str = "new"
    cobuilt: bool = False
    approval_path: str = "full"
    approval_regime: str = "ndrc"
    stage: str = "needs_analysis"
    date: dt.date = dt.date(2013, 1, 1)
    total_investment_10k_yuan: float | None = None
    simplified_basis: str = ""
    national_approval_ref: str = ""
    network_use_na_reason: str = ""
    hardware_only: bool = False
    in_national_plan: bool | None = None  # 57号: in the national e-government plan (may go straight to the FSR)

    @property
    def is_national(self) -> bool:
        """A national project in the sense of art. 7, 9 and 11: central owner or central–local co-built."""
        return self.owner.level == "central" or self.cobuilt


@dataclass(frozen=True)
class Application:
    id: str
    name: str
    classified: bool | None
    secrecy_grade: str | None = None
    mlps_level: int | None = None
    current_network: str | None = None
    target_network: str | None = None
    coverage_levels: tuple[str, ...] = ()
    bandwidth_mbps: float | None = None
    nationwide: bool | None = None  # None: not stated (inferred by the pack, A-6.6)
    uniformly_graded: bool | None = None  # None: not stated (inferred by the pack, A-6.7)
    public_facing: bool = False
    cross_region: bool = False
    cross_department: bool = False
    shares_basic_info: bool = False
    mixed_content: bool = False
    deployed_network: str | None = None  # network actually used at completion (art. 11¶2)
    local_part: str = ""  # co-built: the local part running it; its owner's same-level authorities apply


@dataclass(frozen=True)
class NetworkComponent:
    id: str
    kind: str
    dedicated_to_single_department: bool | None = False  # None: not stated (dossier); names the field
    built_on: str = "self_built"
    new_or_extended: bool = True
    interconnects_own_sites: bool = False
    serves: tuple[str, ...] = ()
    local_part: str = ""


@dataclass(frozen=True)
class Document:
    id: str
    type: str
    issuer: Org | None = None
    ref_no: str = ""
    date: dt.date | None = None
    result: str | None = None
    covers: tuple[str, ...] = ()
    filing_stage: str | None = None
    stage: str | None = None  # deployment_migration_plan: proposal | fsr
    sections: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    addresses_network_use: bool = False
    qualification: str | None = None  # assessment agency qualification: mlps | fenbao | risk | crypto
    qualification_valid_to: dt.date | None = None
    opaque: bool = False
    approves: str | None = None  # local_drc_approval: feasibility_study_report | preliminary_design
    in_lieu_of_proposal: bool = False
    local_part: str = ""
    items: tuple[str, ...] = ()  # ndrc_project_filing: contents of the filing package

    @property
    def positive(self) -> bool:
        return self.result in POSITIVE_RESULTS


@dataclass(frozen=True)
class Invitation:
    body: str
    level: str | None = None
    sent_date: dt.date | None = None


@dataclass(frozen=True)
class Review:
    """A review meeting (评议 / 评审). It counts only once held: dated on or before the act judged, with the
    panel's opinion recorded, and not cancelled (``held_by``)."""

    id: str
    type: str
    date: dt.date | None
    invitations: tuple[Invitation, ...] = ()
    opinion_recorded: bool = True  # dossier format 1: a listed review is attested as held unless stated otherwise
    cancelled: bool = False

    def held_by(self, day: dt.date) -> bool:
        return not self.cancelled and self.opinion_recorded and self.date is not None and self.date <= day


@dataclass(frozen=True)
class Deviation:
    rule: str
    subject: str
    reason: str
    legal_basis: str
    approver: Org
    expires: dt.date | None = None
    approved: bool = True


@dataclass(frozen=True)
class LocalPart:
    id: str
    name: str
    division: str = ""
    owner: Org | None = None


@dataclass(frozen=True)
class Assessment:
    """A pre-acceptance test or assessment (art. 11), derived from an assessment report document."""

    id: str
    type: str  # fenbao | mlps | risk | crypto
    agency: Org | None
    qualification: str | None
    qualification_valid_to: dt.date | None
    date: dt.date | None
    passed: bool
    covers: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()  # risk assessment: classified / non_classified


# --- registry facts (network level; a DB builder fills these from networks/systems/migration) ---------
@dataclass(frozen=True)
class DepartmentConnection:
    department: str
    extranet_connected: bool
    non_classified_apps: int = 0


@dataclass(frozen=True)
class CoverageRecord:
    province: str
    prefectures_total: int
    prefectures_covered: int
    counties_total: int
    counties_covered: int


@dataclass(frozen=True)
class ProvincialNetwork:
    id: str
    province: str
    carries: str  # classified | non_classified | mixed
    incorporated_into: str = "none"  # intranet | extranet | none
    link_to_central: bool = False
    unification_plan: bool = False


@dataclass(frozen=True)
class DedicatedNetworkFact:
    id: str
    owner: str
    established_on: dt.date | None = None
    has_migration_plan: bool = False
    has_implementation_scheme: bool = False
    carried_apps: tuple[str, ...] = ()


@dataclass(frozen=True)
class MigrationItem:
    application: str
    from_network: str
    to_network: str
    planned_date: dt.date | None
    done: bool = False


@dataclass(frozen=True)
class BudgetLine:
    id: str
    fiscal_year: int
    object_kind: str  # dedicated_network | application | intranet | extranet
    object_id: str
    amount_10k_yuan: float = 0.0
    # True when no budget line was recorded and the network's annual O&M cost stands in for one
    estimated: bool = False


@dataclass(frozen=True)
class Snapshot:
    """Everything a rule may read, as of ``evaluation_date``."""

    evaluation_date: dt.date
    project: ProjectFacts | None = None
    applications: tuple[Application, ...] = ()
    network_components: tuple[NetworkComponent, ...] = ()
    documents: tuple[Document, ...] = ()
    reviews: tuple[Review, ...] = ()
    deviations: tuple[Deviation, ...] = ()
    local_parts: tuple[LocalPart, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    departments: tuple[DepartmentConnection, ...] = ()
    coverage: tuple[CoverageRecord, ...] = ()
    provincial_networks: tuple[ProvincialNetwork, ...] = ()
    dedicated_networks: tuple[DedicatedNetworkFact, ...] = ()
    migration_items: tuple[MigrationItem, ...] = ()
    budget_lines: tuple[BudgetLine, ...] = ()

    def docs(self, doc_type: str, *, local_part: str = "") -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.type == doc_type and d.local_part == local_part)

    def docs_covering(self, doc_type: str, app_id: str) -> tuple[Document, ...]:
        return tuple(d for d in self.documents if d.type == doc_type and (not d.covers or app_id in d.covers))

    def assessments_of(self, kind: str) -> tuple[Assessment, ...]:
        return tuple(a for a in self.assessments if a.type == kind)

    @property
    def classified_apps(self) -> tuple[Application, ...]:
        return tuple(a for a in self.applications if a.classified)

    @property
    def non_classified_apps(self) -> tuple[Application, ...]:
        return tuple(a for a in self.applications if a.classified is False)
