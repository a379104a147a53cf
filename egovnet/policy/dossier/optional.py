"""The optional facts of ``egovnet-dossier/1``: every field a dossier may leave out that the check then fills in.

One list serves three purposes: the table in docs/dossier/README.md ("Optional facts"), the minimal-format
scenario tests (which strip every fact marked ``strip``) and the test that a failure caused by a missing fact names
the field in its remediation. Every optional field of the schema is either an optional fact here or recorded data
in ``RECORDED`` (whose absence means "not recorded": the rules treat it as missing evidence, never as a default);
a test keeps the two lists equal to the schema.
"""

from __future__ import annotations

from dataclasses import dataclass

#: how the check treats an absent fact
INFERRED = "inferred"  # derived from what the dossier already says
NAMED = "named"  # not inferable: a failure it causes names the field in its remediation
STRICT = "strict"  # the default is the strict reading of the clause; a failure names the field
PERMISSIVE = "permissive"  # the default can only make a rule pass or not apply (no failure to explain)


@dataclass(frozen=True)
class OptionalFact:
    path: str  # "applications[].nationwide"
    default: str
    treatment: str
    rules: tuple[str, ...]
    #: stripped by the minimal-format scenarios (False: identity data of an issuer, kept; see ``why_kept``)
    strip: bool = True
    why_kept: str = ""

    @property
    def section(self) -> str:
        return self.path.split(".")[0].removesuffix("[]")

    @property
    def field(self) -> str:
        return self.path.rsplit(".", 1)[1]


F = OptionalFact
ISSUER_KEPT = "who issued a document is its identity, not a flag; the original format always states it"

OPTIONAL_FACTS: tuple[OptionalFact, ...] = (
    F("project.cobuilt", "inferred", INFERRED, ("R-10.x", "R57-x scope", "G-LOCAL-* gates")),
    F("project.approval_path", "inferred", INFERRED, ("R-7.6", "R-9.6", "R-8.x")),
    F("project.approval_regime", "inferred", INFERRED, ("R-9.7", "R-11.6", "R57-x")),
    F("project.hardware_only", "false", STRICT, ("R-6.1",)),
    F("project.in_national_plan", "not stated", NAMED, ("R57-11.1",)),
    F("project.kind", "new", PERMISSIVE, ()),
    F("project.owner.in_beijing", "inferred", INFERRED, ("R-6.3", "R-9.2")),
    F("project.owner.kind", "government_department", PERMISSIVE, ()),
    F("applications[].nationwide", "inferred", INFERRED, ("R-6.3", "R-9.2", "R-11.5")),
    F("applications[].uniformly_graded", "inferred", INFERRED, ("R-6.3", "R-9.2", "R-11.5")),
    F("applications[].public_facing", "false", PERMISSIVE, ("R-3.4",)),
    F("applications[].cross_region", "false", PERMISSIVE, ("R-3.4",)),
    F("applications[].cross_department", "false", PERMISSIVE, ("R-3.4",)),
    F("applications[].shares_basic_info", "false", PERMISSIVE, ("R-3.4",)),
    F("applications[].mixed_content", "false", PERMISSIVE, ("R-4.6",)),
    F("network_components[].dedicated_to_single_department", "not stated", STRICT, ("R-12.1", "R-10.2")),
    F("network_components[].built_on", "self_built", STRICT, ("R-12.1", "R-10.2", "R-2.2", "R-3.5")),
    F("network_components[].new_or_extended", "true", STRICT, ("R-12.1", "R-10.2")),
    F("network_components[].interconnects_own_sites", "false", PERMISSIVE, ("R-12.1",)),
    F("documents[].sections", "none", NAMED, ("R-7.1", "R-7.4")),
    F("documents[].stage", "inferred for plans", INFERRED, ("R-7.1", "R-7.4", "R-10.3")),
    F("documents[].filing_stage", "planning", NAMED, ("R-6.3", "R-9.2", "R-11.5")),
    F("documents[].addresses_network_use", "false", NAMED, ("R-10.1",)),
    F("documents[].in_lieu_of_proposal", "inferred", INFERRED, ("R-9.6",)),
    F("documents[].references", "none", NAMED, ("R-10.3",)),
    F("documents[].items", "none", NAMED, ("R-9.7", "R57-9.1")),
    F("documents[].parts", "all parts", PERMISSIVE, ("R-11.3",)),
    F("documents[].opaque", "true for classified evidence types", STRICT, ("R-4.4",)),
    F("documents[].issuer.kind", "government_department", STRICT, ("R-6.x", "R-9.x", "R-11.x"), False, ISSUER_KEPT),
    F("documents[].issuer.level", "central", STRICT, ("R-6.x", "R-9.x", "R-11.x"), False, ISSUER_KEPT),
    F("deviations[].approver.kind", "development_reform", PERMISSIVE, (), False, ISSUER_KEPT),
    F("deviations[].approver.level", "central", PERMISSIVE, (), False, ISSUER_KEPT),
    F("local_parts[].owner.kind", "government_department", PERMISSIVE, (), False, ISSUER_KEPT),
    F("local_parts[].owner.level", "central", PERMISSIVE, (), False, ISSUER_KEPT),
    F("reviews[].opinion_recorded", "true", PERMISSIVE, ("R-8.x",)),
    F("reviews[].cancelled", "false", PERMISSIVE, ("R-8.x",)),
    F("deviations[].approved", "true", PERMISSIVE, ("all waivable rules",)),
    F("registry.dedicated_networks[].has_migration_plan", "false", STRICT, ("R-4.1",)),
    F("registry.dedicated_networks[].has_implementation_scheme", "false", STRICT, ("R-4.1",)),
    F("registry.dedicated_networks[].carried_apps", "none", PERMISSIVE, ("R-12.3",)),
    F("registry.migration_items[].from_network", "dedicated", PERMISSIVE, ("R-12.3", "R-12.4")),
    F("registry.migration_items[].done", "false", STRICT, ("R-3.3", "R-12.3")),
    F("registry.departments[].non_classified_apps", "0", PERMISSIVE, ("R-3.2", "R-3.4")),
    F("registry.provincial_networks[].incorporated_into", "none", STRICT, ("R-5.2", "R-5.3")),
    F("registry.provincial_networks[].link_to_central", "false", STRICT, ("R-5.2", "R-5.3")),
    F("registry.provincial_networks[].unification_plan", "false", STRICT, ("R-5.1",)),
    F("registry.budget_lines[].amount_10k_yuan", "0", PERMISSIVE, ("R-12.2", "R-12.3")),
)

#: optional schema fields that are recorded data, not facts with a default
RECORDED: frozenset[str] = frozenset(
    {
        "applications",
        "documents",
        "deviations",
        "local_parts",
        "network_components",
        "registry",
        "reviews",
        "applications[].bandwidth_mbps",
        "applications[].coverage_levels",
        "applications[].current_network",
        "applications[].deployed_network",
        "applications[].local_part",
        "applications[].mlps_level",
        "applications[].secrecy_grade",
        "applications[].target_network",
        "deviations[].approver.division",
        "deviations[].approver.in_beijing",
        "documents[].approves",
        "documents[].covers",
        "documents[].date",
        "documents[].id",
        "documents[].issuer",
        "documents[].issuer.division",
        "documents[].issuer.in_beijing",
        "documents[].local_part",
        "documents[].qualification",
        "documents[].qualification_valid_to",
        "documents[].ref_no",
        "documents[].result",
        "local_parts[].division",
        "local_parts[].owner",
        "local_parts[].owner.division",
        "local_parts[].owner.in_beijing",
        "network_components[].id",
        "network_components[].local_part",
        "network_components[].serves",
        "project.id",
        "project.national_approval_ref",
        "project.network_use_na_reason",
        "project.owner.division",
        "project.simplified_basis",
        "project.total_investment_10k_yuan",
        "registry.budget_lines",
        "registry.coverage",
        "registry.dedicated_networks",
        "registry.departments",
        "registry.migration_items",
        "registry.provincial_networks",
        "registry.dedicated_networks[].established_on",
        "registry.migration_items[].planned_date",
        "reviews[].id",
        "reviews[].invited",
        "reviews[].invited[].level",
        "reviews[].invited[].sent_date",
    }
)


def _targets(data: dict, parts: list[str]) -> list[dict]:
    """The objects holding the last part of a path (``applications[]`` fans out over the list)."""
    nodes: list = [data]
    for part in parts:
        many = part.endswith("[]")
        key = part.removesuffix("[]")
        nxt: list = []
        for n in nodes:
            v = n.get(key) if isinstance(n, dict) else None
            if v is None:
                continue
            nxt.extend(x for x in v if isinstance(x, dict)) if many else nxt.append(v)
        nodes = nxt
    return [n for n in nodes if isinstance(n, dict)]


def strip(data: dict, fact: OptionalFact) -> bool:
    """Remove ``fact`` from the dossier ``data`` in place; True if it was stated anywhere."""
    *head, leaf = fact.path.split(".")
    found = False
    for obj in _targets(data, head):
        if leaf in obj:
            del obj[leaf]
            found = True
    return found


def stated(data: dict, fact: OptionalFact) -> bool:
    """Whether the dossier ``data`` states ``fact`` anywhere (without changing it)."""
    *head, leaf = fact.path.split(".")
    return any(leaf in obj for obj in _targets(data, head))
