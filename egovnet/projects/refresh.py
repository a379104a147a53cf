"""Keeping a project's stored findings current (issue 3 §3, ADR 0360).

Every service that changes what ``facts.build_snapshot`` reads calls :func:`refresh_project_on_commit`; the
policy machinery re-evaluates each project once per transaction, after it commits. Registry edits reach
projects through :func:`register`: a system feeds the projects that include it, an organisation the
projects it owns (their owner facts).
"""

from __future__ import annotations

from typing import Any

from egovnet.policy.choices import SubjectType
from egovnet.policy.services import refresh_on_commit, register_dependants

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


def projects_owned_by(org: Any) -> list[tuple[str, list[Any]]]:
    """The live projects ``org`` owns (one query): its kind, level and division are the owner facts."""
    ids = list(
        Project.objects.filter(owner_id=org.pk).exclude(status=ProjectStatus.WITHDRAWN).values_list("pk", flat=True)
    )
    return [(SubjectType.PROJECT, ids)] if ids else []


def register() -> None:
    register_dependants("systems.ApplicationSystem", projects_including)
    register_dependants("orgs.Organisation", projects_owned_by)
