"""Database → rules-engine fact snapshot for one project, in a fixed number of queries.

Queries (whatever the project's size): project+owner, applications+systems, evidence+issuer+agency,
evidence↔applications, reviews, invitations+invitee, local parts+owner, network components,
components↔applications, recorded deviations+approver = 10 (fewer when a prefetch has nothing to fetch).

A deviation (``policy.PolicyDeviation``) recorded for the project is one exception for the whole project:
it enters the snapshot with subject ``"*"``, i.e. it applies to every finding of its rule in this snapshot,
whatever key the rule gives it (R-12.1 judges each network component, ``net-<pk>``). The engine then turns
an IN-PRINCIPLE fail into waived while the deviation is approved and unexpired (ADR 0360).
Classified application names never enter the snapshot (``str(system)`` is neutral), so no finding
message can leak them.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils import timezone

from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.models import PolicyDeviation

from .choices import DocumentResult, DocumentType
from .models import Evidence, ExpertInvitation, LocalPart, NetworkComponent, Project, ProjectApplication, ReviewMeeting

PASSING = frozenset({DocumentResult.PASS, DocumentResult.APPROVED, DocumentResult.SIGNED, DocumentResult.FILED})


def app_id(pk: int) -> str:
    return f"app-{pk}"


def doc_id(pk: int) -> str:
    return f"doc-{pk}"


def local_part_id(pk: int | None) -> str:
    return f"lp-{pk}" if pk else ""


def org_facts(org) -> F.Org | None:
    if org is None:
        return None
    return F.Org(
        name=org.name, kind=org.kind, level=org.level, division=org.division_id or "", in_beijing=org.in_beijing
    )


def _project(p: Project, on: dt.date) -> F.ProjectFacts:
    return F.ProjectFacts(
        id=f"prj-{p.pk}",
        name=p.name,
        owner=org_facts(p.owner),
        kind=p.kind,
        cobuilt=p.cobuilt,
        approval_path=p.approval_path,
        approval_regime=p.approval_regime,
        stage=p.stage,
        date=on,
        total_investment_10k_yuan=float(p.total_investment_10k_yuan) if p.total_investment_10k_yuan else None,
        simplified_basis=p.simplified_basis,
        national_approval_ref=p.national_approval_ref,
        network_use_na_reason=p.network_use_na_reason,
    )


def _application(pa: ProjectApplication) -> F.Application:
    s = pa.system
    return F.Application(
        id=app_id(pa.pk),
        name=str(s),  # neutral for classified systems
        classified=s.is_classified,
        secrecy_grade=s.secrecy_grade or None,
        mlps_level=s.mlps_level,
        current_network=s.current_network or None,
        target_network=s.target_network or None,
        coverage_levels=tuple(s.coverage_levels or ()),
        bandwidth_mbps=float(s.bandwidth_mbps) if s.bandwidth_mbps is not None else None,
        nationwide=s.cross_region,
        public_facing=s.public_facing,
        cross_region=s.cross_region,
        cross_department=s.cross_department,
        shares_basic_info=s.shares_basic_info,
        deployed_network=pa.deployed_network or None,
        local_part=local_part_id(pa.local_part_id),
    )


def _document(e: Evidence) -> F.Document:
    agency = e.agency
    return F.Document(
        id=doc_id(e.pk),
        type=e.doc_type,
        issuer=org_facts(e.issuer),
        ref_no=e.ref_no,
        date=e.date,
        result=e.result or None,
        covers=tuple(app_id(a.pk) for a in e.applications.all()),
        filing_stage=e.filing_stage or None,
        stage=e.plan_stage or None,
        sections=tuple(e.sections or ()),
        references=tuple(e.references or ()),
        addresses_network_use=e.addresses_network_use,
        qualification=agency.qualification if agency else None,
        qualification_valid_to=agency.valid_to if agency else None,
        opaque=e.opaque,
        approves=e.approves or None,
        in_lieu_of_proposal=e.in_lieu_of_proposal,
        local_part=local_part_id(e.local_part_id),
        items=tuple(sorted(k for k, ok in (e.checks or {}).items() if ok)),
    )


def _assessment(e: Evidence) -> F.Assessment | None:
    kind = F.ASSESSMENT_TYPES.get(e.doc_type)
    if kind is None:
        return None
    agency = e.agency
    return F.Assessment(
        id=doc_id(e.pk),
        type=kind,
        agency=org_facts(agency.organisation) if agency else org_facts(e.issuer),
        qualification=agency.qualification if agency else None,
        qualification_valid_to=agency.valid_to if agency else None,
        date=e.date,
        passed=e.result in PASSING,
        covers=tuple(app_id(a.pk) for a in e.applications.all()),
        parts=tuple(e.risk_parts or ()),
    )


def _component(c: NetworkComponent) -> F.NetworkComponent:
    return F.NetworkComponent(
        id=f"net-{c.pk}",
        kind=c.kind,
        dedicated_to_single_department=c.dedicated_to_single_department,
        built_on=c.built_on,
        new_or_extended=c.new_or_extended,
        interconnects_own_sites=c.interconnects_own_sites,
        serves=tuple(app_id(a.pk) for a in c.serves.all()),
        local_part=local_part_id(c.local_part_id),
    )


def _review(m: ReviewMeeting, as_of: dt.datetime | None = None) -> F.Review:
    """The meeting as it stood at ``as_of`` (None: now): invitations sent by then, its opinion and cancellation
    only if recorded by then."""

    def by(t: dt.datetime | None) -> bool:
        return t is not None and (as_of is None or t <= as_of)

    invitations = tuple(
        F.Invitation(body=i.body, level=i.invitee.level, sent_date=i.sent_on)
        for i in m.invitations.all()
        if as_of is None or i.created <= as_of
    )
    return F.Review(
        id=f"rev-{m.pk}",
        type=m.review_type,
        date=m.date,
        invitations=invitations,
        opinion_recorded=bool(m.opinion.strip()) and by(m.concluded_at),
        cancelled=by(m.cancelled_at),
    )


PROJECT_DEVIATION_SUBJECT = "*"  # every finding of the rule in the project's own snapshot


def deviations_of(ids: Iterable[int]) -> dict[int, tuple[F.Deviation, ...]]:
    """Deviations recorded for these projects, by project id (one query)."""
    out: dict[int, list[F.Deviation]] = defaultdict(list)
    rows = (
        PolicyDeviation.objects.filter(subject_type=SubjectType.PROJECT, subject_id__in=list(ids))
        .select_related("approver")
        .order_by("id")
    )
    for d in rows:
        out[d.subject_id].append(
            F.Deviation(
                rule=d.rule,
                subject=PROJECT_DEVIATION_SUBJECT,
                reason=d.reason,
                legal_basis=d.legal_basis,
                approver=org_facts(d.approver) or F.Org(name="—", kind="other"),
                expires=d.expires,
                approved=d.approved,
            )
        )
    return {k: tuple(v) for k, v in out.items()}


@dataclass
class Rows:
    """What a project's snapshot is made of, read in :func:`load_rows`'s ten queries."""

    project: Project
    apps: list = field(default_factory=list)
    evidence: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    parts: list = field(default_factory=list)
    components: list = field(default_factory=list)
    deviations: tuple = ()


def _grouped(rows: Iterable) -> dict[int, list]:
    out: dict[int, list] = defaultdict(list)
    for row in rows:
        out[row.project_id].append(row)
    return out


def load_rows(ids: list[int]) -> dict[int, Rows]:
    """The rows of these projects' snapshots, in ten queries whatever their number."""
    projects = Project.objects.select_related("owner").filter(pk__in=ids)
    apps = _grouped(ProjectApplication.objects.filter(project_id__in=ids).select_related("system").order_by("id"))
    evidence = _grouped(
        Evidence.objects.filter(project_id__in=ids)
        .select_related("issuer", "agency__organisation")
        .prefetch_related(Prefetch("applications", queryset=ProjectApplication.objects.only("id")))
        .order_by("id")
    )
    reviews = _grouped(
        ReviewMeeting.objects.filter(project_id__in=ids)
        .prefetch_related(Prefetch("invitations", queryset=ExpertInvitation.objects.select_related("invitee")))
        .order_by("id")
    )
    parts = _grouped(LocalPart.objects.filter(project_id__in=ids).select_related("owner").order_by("id"))
    components = _grouped(
        NetworkComponent.objects.filter(project_id__in=ids)
        .prefetch_related(Prefetch("serves", queryset=ProjectApplication.objects.only("id")))
        .order_by("id")
    )
    deviations = deviations_of(ids)
    return {
        p.pk: Rows(
            p,
            apps.get(p.pk, []),
            evidence.get(p.pk, []),
            reviews.get(p.pk, []),
            parts.get(p.pk, []),
            components.get(p.pk, []),
            deviations.get(p.pk, ()),
        )
        for p in projects
    }


def assemble(rows: Rows, day: dt.date, *, as_of: dt.datetime | None = None) -> F.Snapshot:
    """The snapshot judged on ``day``; with ``as_of``, the documents and reviews as they stood then (a gate
    already passed is judged on the evidence it was passed on)."""
    docs = [e for e in rows.evidence if as_of is None or e.created <= as_of]
    meetings = [m for m in rows.reviews if as_of is None or m.created <= as_of]
    return F.Snapshot(
        evaluation_date=day,
        project=_project(rows.project, day),
        applications=tuple(_application(a) for a in rows.apps),
        documents=tuple(_document(e) for e in docs),
        reviews=tuple(_review(m, as_of) for m in meetings),
        local_parts=tuple(
            F.LocalPart(id=local_part_id(lp.pk), name=lp.name, division=lp.division_id, owner=org_facts(lp.owner))
            for lp in rows.parts
        ),
        assessments=tuple(a for a in (_assessment(e) for e in docs) if a is not None),
        network_components=tuple(_component(c) for c in rows.components),
        deviations=rows.deviations,
    )


def build_snapshot(project: Project | int, *, on: dt.date | None = None) -> F.Snapshot:
    """The engine's snapshot for ``project`` as of ``on`` (default: the project's act date, else today)."""
    pk = project.pk if isinstance(project, Project) else project
    rows = load_rows([pk]).get(pk)
    if rows is None:
        raise Project.DoesNotExist(f"project {pk} does not exist")
    return assemble(rows, on or rows.project.act_date or timezone.localdate())


def snapshot_query_count() -> int:
    """The fixed number of queries :func:`build_snapshot` makes (asserted in the tests)."""
    return 10


__all__ = ["DocumentType", "app_id", "build_snapshot", "doc_id", "local_part_id", "org_facts"]
