"""Keeping a project's stored findings current (ADR 0360).

Every service that changes what ``facts.build_snapshot`` reads calls :func:`refresh_project_on_commit`; the
policy machinery re-evaluates each project once per transaction, after it commits. Registry edits reach
projects through :func:`register`: a system feeds the projects that include it, an organisation the
projects it owns (their owner facts).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from egovnet.policy.choices import SubjectType
from egovnet.policy.models import PolicyDeviation
from egovnet.policy.refresh import refresh_on_commit, register_dependants

from .choices import ProjectStatus
from .models import Project, ProjectApplication


def refresh_project_on_commit(project: Project | int) -> None:
    refresh_on_commit(SubjectType.PROJECT, [getattr(project, "pk", project)])


def projects_including(system: Any) -> list[tuple[str, list[Any]]]:
    """The live projects whose applications include ``system`` (one query)."""
    ids = list(
        ProjectApplication.objects.filter(system_id=system.pk)
        .exclude(project__status=ProjectStatus.WITHDRAWN)
        .values_list("project_id", flat=True)
        .distinct()
    )
    return [(SubjectType.PROJECT, ids)] if ids else []


def projects_concerning(org: Any) -> list[tuple[str, list[Any]]]:
    """The live projects whose snapshot carries ``org`` as an organisation fact (name, kind, level, division):
    as owner, evidence issuer or assessment agency, local-part owner, review invitee or deviation approver.
    One UNION query."""
    from .models import Evidence, ExpertInvitation, LocalPart

    live = ~Q(project__status=ProjectStatus.WITHDRAWN)
    pk = org.pk
    parts = [  # (models have a default ordering; a compound statement's parts may not)
        Evidence.objects.filter(live, Q(issuer_id=pk) | Q(agency__organisation_id=pk)).values_list("project_id"),
        LocalPart.objects.filter(live, owner_id=pk).values_list("project_id"),
        ExpertInvitation.objects.filter(invitee_id=pk)
        .exclude(meeting__project__status=ProjectStatus.WITHDRAWN)
        .values_list("meeting__project_id"),
        PolicyDeviation.objects.filter(subject_type=SubjectType.PROJECT, approver_id=pk).values_list("subject_id"),
    ]
    owned = Project.objects.filter(owner_id=pk).exclude(status=ProjectStatus.WITHDRAWN).values_list("pk", flat=True)
    ids = owned.order_by().union(*(q.order_by() for q in parts))
    found = sorted(set(ids))
    return [(SubjectType.PROJECT, found)] if found else []


def register() -> None:
    register_dependants("systems.ApplicationSystem", projects_including)
    register_dependants("orgs.Organisation", projects_concerning)
