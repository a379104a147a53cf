"""Read side: who sees which project, inboxes and "my tasks". One Q per user, never a list of ids."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from egovnet.core import permissions
from egovnet.core.choices import Role
from egovnet.policy.engine.model import rule_sort_key

from .choices import CommissionStatus, InvitationResponse, ProjectStatus, RequestStatus
from .models import AssessmentCommission, AuthorityRequest, Evidence, ExpertInvitation, LocalPart, Project
from .services.requests import DECIDER_ROLE

OFFICER_ROLES = frozenset(DECIDER_ROLE.values())


def _scope_q(user: Any, roles: frozenset[str], prefix: str) -> Q | None:
    """OR of the scopes of the user's assignments with one of ``roles``, over the org at ``prefix``."""
    combined: Q | None = None
    for a in permissions.assignments(user):
        if a.role not in roles:
            continue
        q = permissions._assignment_q(a, prefix)
        if not q:
            return Q()  # national
        combined = q if combined is None else combined | q
    return combined


def visible_projects(user: Any, *, reported: bool = True, commissioned: bool = False) -> QuerySet[Project]:
    """Owner-side scope (restrict) plus: approving DRC reviewers, local DRCs/owners, and authorities asked.

    Assessment agencies: with ``reported`` (default, as before) the projects they have reported on; with
    ``commissioned`` also those they are commissioned for. Only the restricted agency page asks for that
    (ADR 0400, "Assessment commissions"): a commission never opens the full project (evidence, requests,
    API) to the agency."""
    base = Project.objects.all()
    if user is None or not user.is_authenticated or not user.is_active:
        return base.none()
    if user.is_superuser:
        return base
    q = Q(pk__in=permissions.restrict(Project.objects.all(), user, "view").values("pk"))
    reviewer = _scope_q(user, frozenset({Role.DRC_REVIEWER}), "")
    if reviewer is not None:
        q |= _via("approver__", reviewer)
        q |= Q(Exists(LocalPart.objects.filter(project=OuterRef("pk")).filter(_via("local_drc__", reviewer))))
    dept = _scope_q(user, frozenset({Role.DEPARTMENT_STAFF, Role.DEPARTMENT_LEAD}), "")
    if dept is not None:
        q |= Q(Exists(LocalPart.objects.filter(project=OuterRef("pk")).filter(_via("owner__", dept))))
    scope = _scope_q(user, frozenset({Role.ASSESSMENT_AGENCY}), "") if (reported or commissioned) else None
    if scope is not None and reported:  # agencies see the projects they have reported on
        q |= Q(Exists(Evidence.objects.filter(project=OuterRef("pk")).filter(_via("issuer__", scope))))
    if scope is not None and commissioned:
        # a withdrawn commission no longer opens the project to the agency
        commissions = AssessmentCommission.objects.filter(project=OuterRef("pk")).exclude(
            status=CommissionStatus.WITHDRAWN
        )
        q |= Q(Exists(commissions.filter(_via("agency__organisation__", scope))))
    officer = _scope_q(user, OFFICER_ROLES, "")
    if officer is not None:
        q |= Q(Exists(AuthorityRequest.objects.filter(project=OuterRef("pk")).filter(_via("authority__", officer))))
    return base.filter(q)


def _prefixed(q: Q, prefix: str) -> Q:
    """Re-root a Q built over an organisation ("path__startswith" …) at ``prefix``."""
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefixed(child, prefix))
        else:
            out.children.append((f"{prefix}{child[0]}", child[1]))
    return out


def _via(prefix: str, q: Q) -> Q:
    # An empty Q is a national scope: match every row (an empty Q would vanish in an OR).
    return _prefixed(q, prefix) if q else Q(pk__isnull=False)


def decidable_requests(user: Any) -> QuerySet[AuthorityRequest]:
    """Requests the user's organisation must decide: right role for the kind, authority in scope."""
    qs = AuthorityRequest.objects.all()
    if user is None or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    combined: Q | None = None
    for kind, role in DECIDER_ROLE.items():
        scope = _scope_q(user, frozenset({role}), "authority__")
        if scope is None or not permissions.has_any_grant(user, "decide", AuthorityRequest):
            continue
        term = Q(kind=kind) & scope
        combined = term if combined is None else combined | term
    return qs.filter(combined) if combined is not None else qs.none()


def own_requests(user: Any) -> QuerySet[AuthorityRequest]:
    """Requests of the user's own projects (the department side)."""
    return AuthorityRequest.objects.filter(project__in=permissions.restrict(Project.objects.all(), user, "view"))


def with_related(qs: QuerySet[AuthorityRequest]) -> QuerySet[AuthorityRequest]:
    return qs.select_related("project", "project__owner", "authority", "local_part")


def my_tasks(user: Any, today: dt.date | None = None) -> dict[str, list]:
    """The three columns of "my tasks": to decide, overdue (either side), waiting for others."""
    today = today or timezone.localdate()
    pending = Q(status=RequestStatus.PENDING)
    to_decide = list(with_related(decidable_requests(user).filter(pending)).order_by("due_on", "id")[:100])
    mine = with_related(own_requests(user).filter(pending))
    waiting = list(mine.order_by("due_on", "id")[:100])
    overdue = [r for r in to_decide if r.due_on < today] + [r for r in waiting if r.due_on < today]
    from . import workflow

    transitions = [
        (p, ts)
        for p in visible_projects(user).filter(status=ProjectStatus.ACTIVE).select_related("owner", "approver")[:100]
        if (ts := workflow.available(user, p))
    ]
    return {
        "to_decide": to_decide,
        "overdue": overdue,
        "waiting": waiting,
        "transitions": transitions,
        "invitations": list(open_invitations(user)[:100]),
        "assessments": list(open_commissions(user)[:100]),
        "assessments_waiting": list(
            AssessmentCommission.objects.filter(
                status=CommissionStatus.COMMISSIONED,
                project__in=permissions.restrict(Project.objects.all(), user, "view"),
            )
            .select_related("project", "agency__organisation")
            .order_by("commissioned_on", "id")[:100]
        ),
    }


def agency_commissions(user: Any) -> QuerySet[AssessmentCommission]:
    """Commissions addressed to the user's assessment agency (the agency side of article 11)."""
    scope = _scope_q(user, frozenset({Role.ASSESSMENT_AGENCY}), "") if user and user.is_authenticated else None
    qs = AssessmentCommission.objects.select_related("project", "project__owner", "agency__organisation")
    if user is not None and user.is_authenticated and user.is_superuser:
        return qs
    return qs.filter(_via("agency__organisation__", scope)) if scope is not None else qs.none()


def open_commissions(user: Any) -> QuerySet[AssessmentCommission]:
    return agency_commissions(user).filter(status=CommissionStatus.COMMISSIONED).order_by("commissioned_on", "id")


def agency_only(user: Any, project: Project) -> bool:
    """True when ``user`` sees ``project`` only as an assessment agency (the restricted project page)."""
    return not visible_projects(user, reported=False).filter(pk=project.pk).exists()


def open_invitations(user: Any) -> QuerySet[ExpertInvitation]:
    """Expert invitations (article 8) the user's body has not answered yet, to meetings not cancelled."""
    scope = _scope_q(user, OFFICER_ROLES, "invitee__") if user and user.is_authenticated else None
    if scope is None:
        return ExpertInvitation.objects.none()
    return (
        ExpertInvitation.objects.filter(
            scope, response=InvitationResponse.NO_RESPONSE, meeting__cancelled_at__isnull=True
        )
        .select_related("invitee", "meeting__project", "meeting__organiser")
        .order_by("meeting__date", "id")
    )


def blocking_findings() -> QuerySet:
    """Stored project findings that block a gate (fail or indeterminate of a MUST / IN-PRINCIPLE rule); kept
    current by the refresh after every project write (ADR 0360)."""
    from egovnet.policy.choices import SubjectType
    from egovnet.policy.models import Finding

    return Finding.objects.filter(subject_type=SubjectType.PROJECT, blocking=True)


def attach_blocking_rules(projects: Any) -> None:
    """Set ``blocking_rules`` (sorted rule ids) on each project of a page: one query for the page."""
    projects = list(projects)
    rules: dict[str, set[str]] = {}
    ids = [str(p.pk) for p in projects]
    for subject_id, rule in blocking_findings().filter(subject_id__in=ids).values_list("subject_id", "rule"):
        rules.setdefault(subject_id, set()).add(rule)
    for p in projects:
        p.blocking_rules = sorted(rules.get(str(p.pk), ()), key=rule_sort_key)
