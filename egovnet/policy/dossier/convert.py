"""Convert a validated dossier (plain dict) into a fact :class:`~egovnet.policy.facts.Snapshot`."""

from __future__ import annotations

import datetime as dt

from egovnet.policy import facts as F
from egovnet.policy.packs.ndrc_2012_1986 import inference as infer


def _date(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


def _org(d: dict | None, default_kind: str = "government_department") -> F.Org | None:
    if not d:
        return None
    division = d.get("division", "")
    return F.Org(
        name=d["name"],
        kind=d.get("kind", default_kind),
        level=d.get("level", "central"),
        division=division,
        in_beijing=d.get("in_beijing", division.startswith("11")),
    )


def _project(p: dict, local_parts: int, doc_types: set[str]) -> F.ProjectFacts:
    """Facts the dossier leaves unstated are derived where it implies them (docs/dossier/README.md, "Optional
    facts"): co-built from its local parts, the simplified path and the department regime from its documents."""
    owner = _org(p["owner"])
    cobuilt = infer.cobuilt(p.get("cobuilt"), local_parts)
    regime = infer.approval_regime(p.get("approval_regime"), owner.level, cobuilt, doc_types)
    return F.ProjectFacts(
        id=p.get("id", "project"),
        name=p["name"],
        owner=owner,
        kind=p.get("kind", "new"),
        cobuilt=cobuilt,
        approval_path=infer.approval_path(p, doc_types),
        approval_regime=regime,
        stage=p["stage"],
        date=_date(p["date"]),
        total_investment_10k_yuan=p.get("total_investment_10k_yuan"),
        simplified_basis=p.get("simplified_basis", ""),
        national_approval_ref=p.get("national_approval_ref", ""),
        network_use_na_reason=p.get("network_use_na_reason", ""),
        hardware_only=p.get("hardware_only", False),
        in_national_plan=p.get("in_national_plan"),
    )


def _application(a: dict) -> F.Application:
    return F.Application(
        id=a["id"],
        name=a["name"],
        classified=a["classified"],
        secrecy_grade=a.get("secrecy_grade"),
        mlps_level=a.get("mlps_level"),
        current_network=a.get("current_network"),
        target_network=F.TARGET_NETWORK_ALIASES.get(a.get("target_network"), a.get("target_network")),
        coverage_levels=tuple(a.get("coverage_levels", ())),
        bandwidth_mbps=a.get("bandwidth_mbps"),
        nationwide=a.get("nationwide"),
        uniformly_graded=a.get("uniformly_graded"),
        public_facing=a.get("public_facing", False),
        cross_region=a.get("cross_region", False),
        cross_department=a.get("cross_department", False),
        shares_basic_info=a.get("shares_basic_info", False),
        mixed_content=a.get("mixed_content", False),
        deployed_network=a.get("deployed_network"),
        local_part=a.get("local_part", ""),
    )


def _component(i: int, c: dict) -> F.NetworkComponent:
    """``dedicated_to_single_department`` stays None when unstated: R-12.1 / R-10.2 then name the field."""
    return F.NetworkComponent(
        id=c.get("id", f"net-{i + 1}"),
        kind=c["kind"],
        dedicated_to_single_department=c.get("dedicated_to_single_department"),
        built_on=c.get("built_on", "self_built"),
        new_or_extended=c.get("new_or_extended", True),
        interconnects_own_sites=c.get("interconnects_own_sites", False),
        serves=tuple(c.get("serves", ())),
        local_part=c.get("local_part", ""),
    )


def _document(i: int, d: dict, path: str, stage: str) -> F.Document:
    covers = tuple(d.get("covers", ()))
    # Classified evidence is held as opaque references only (context.md §4.5) unless stated otherwise.
    opaque_default = d["type"] in (
        "secrecy_review_opinion",
        "classified_system_authorization",
        "fenbao_assessment_report",
    )
    return F.Document(
        id=d.get("id", f"doc-{i + 1}"),
        type=d["type"],
        issuer=_org(d.get("issuer"), "government_department"),
        ref_no=d.get("ref_no", ""),
        date=_date(d.get("date")),
        result=d.get("result"),
        covers=covers,
        filing_stage=d.get("filing_stage"),
        stage=infer.plan_stage(d.get("stage"), d["type"], stage),
        sections=tuple(d.get("sections", ())),
        references=tuple(d.get("references", ())),
        addresses_network_use=d.get("addresses_network_use", False),
        qualification=d.get("qualification"),
        qualification_valid_to=_date(d.get("qualification_valid_to")),
        opaque=d.get("opaque", opaque_default),
        approves=d.get("approves"),
        in_lieu_of_proposal=infer.in_lieu_of_proposal(d.get("in_lieu_of_proposal"), d["type"], path),
        local_part=d.get("local_part", ""),
        items=tuple(d.get("items", ())),
    )


def _assessment(doc: F.Document, raw: dict) -> F.Assessment:
    return F.Assessment(
        id=doc.id,
        type=F.ASSESSMENT_TYPES[doc.type],
        agency=doc.issuer,
        qualification=doc.qualification,
        qualification_valid_to=doc.qualification_valid_to,
        date=doc.date,
        passed=doc.result in ("pass", "approved"),
        covers=doc.covers,
        parts=tuple(raw.get("parts", ())),
    )


def _review(i: int, r: dict, default_id: str) -> F.Review:
    invs = []
    for inv in r.get("invited", ()):
        if isinstance(inv, str):
            invs.append(F.Invitation(body=inv))
        else:
            invs.append(F.Invitation(body=inv["body"], level=inv.get("level"), sent_date=_date(inv.get("sent_date"))))
    return F.Review(
        id=r.get("id", default_id),
        type=r["type"],
        date=_date(r["date"]),
        invitations=tuple(invs),
        opinion_recorded=r.get("opinion_recorded", True),
        cancelled=r.get("cancelled", False),
    )


def _reviews(raw: list[dict]) -> tuple[F.Review, ...]:
    """Default id: the review type, suffixed -2, -3 … when a type occurs more than once."""
    seen: dict[str, int] = {}
    out = []
    for i, r in enumerate(raw):
        seen[r["type"]] = seen.get(r["type"], 0) + 1
        n = seen[r["type"]]
        out.append(_review(i, r, r["type"] if n == 1 else f"{r['type']}-{n}"))
    return tuple(out)


def _deviation(d: dict) -> F.Deviation:
    return F.Deviation(
        rule=d["rule"],
        subject=d["subject"],
        reason=d["reason"],
        legal_basis=d["legal_basis"],
        approver=_org(d["approver"], "development_reform"),
        expires=_date(d.get("expires")),
        approved=d.get("approved", True),
    )


def _registry(reg: dict) -> dict:
    return {
        "departments": tuple(F.DepartmentConnection(**x) for x in reg.get("departments", ())),
        "coverage": tuple(F.CoverageRecord(**x) for x in reg.get("coverage", ())),
        "provincial_networks": tuple(F.ProvincialNetwork(**x) for x in reg.get("provincial_networks", ())),
        "dedicated_networks": tuple(
            F.DedicatedNetworkFact(
                id=x["id"],
                owner=x["owner"],
                established_on=_date(x.get("established_on")),
                has_migration_plan=x.get("has_migration_plan", False),
                has_implementation_scheme=x.get("has_implementation_scheme", False),
                carried_apps=tuple(x.get("carried_apps", ())),
            )
            for x in reg.get("dedicated_networks", ())
        ),
        "migration_items": tuple(
            F.MigrationItem(
                application=x["application"],
                from_network=x.get("from_network", "dedicated"),
                to_network=x["to_network"],
                planned_date=_date(x.get("planned_date")),
                done=x.get("done", False),
            )
            for x in reg.get("migration_items", ())
        ),
        "budget_lines": tuple(F.BudgetLine(**x) for x in reg.get("budget_lines", ())),
    }


def to_snapshot(data: dict) -> F.Snapshot:
    raw_docs = data.get("documents", ())
    project = _project(data["project"], len(data.get("local_parts", ())), {d["type"] for d in raw_docs})
    apps = tuple(_application(a) for a in data.get("applications", ()))
    docs = tuple(_document(i, d, project.approval_path, project.stage) for i, d in enumerate(raw_docs))
    assessments = tuple(
        _assessment(doc, raw) for doc, raw in zip(docs, raw_docs, strict=True) if doc.type in F.ASSESSMENT_TYPES
    )
    local_parts = tuple(
        F.LocalPart(id=lp["id"], name=lp["name"], division=lp.get("division", ""), owner=_org(lp.get("owner")))
        for lp in data.get("local_parts", ())
    )
    return F.Snapshot(
        evaluation_date=project.date,
        project=project,
        applications=apps,
        network_components=tuple(_component(i, c) for i, c in enumerate(data.get("network_components", ()))),
        documents=docs,
        reviews=_reviews(data.get("reviews", [])),
        deviations=tuple(_deviation(d) for d in data.get("deviations", ())),
        local_parts=local_parts,
        assessments=assessments,
        **_registry(data.get("registry", {})),
    )
