"""Who must act now: one derivation for every open item of the notice's procedures (ADR 0441).

For each open authority request, expert invitation, co-built local part, assessment commission, project,
migration plan version, O&M proposal and overdue migration item it yields a :class:`Task`: the organisation
and the roles expected to act, the action, the deadline (working days) and the rule and article behind it.

It holds no rule of its own. The gate a project must pass and the rules that fail come from the engine
(``projects.gates.judge_many``: the same snapshot and gate the state machine uses); who decides a request
from ``services.requests.DECIDER_ROLE`` and the 同级 resolver's stored answer; who answers an invitation from
``services.reviews.BODY_ROLE``; who moves a project from ``workflow``'s transition table. Each kind reads
its rows with a fixed number of queries, filtered by the organisations a caller stands for (``Scope``), so
a user's inbox costs the same whatever the country's size.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone

from egovnet.core import permissions
from egovnet.core.choices import Role
from egovnet.migration.choices import ItemStatus, LineDecision, PlanStatus, ProposalStatus
from egovnet.migration.models import MigrationItem, OmProposal, PlanVersion
from egovnet.policy.engine.model import article_zh
from egovnet.projects import workflow
from egovnet.projects.choices import CommissionStatus, InvitationResponse, ProjectStatus, RequestStatus, Stage
from egovnet.projects.gates import judge_many
from egovnet.projects.models import (
    AssessmentCommission,
    AuthorityRequest,
    Evidence,
    ExpertInvitation,
    LocalPart,
    Project,
)
from egovnet.projects.services.requests import DEADLINE_BASIS, DECIDER_ROLE
from egovnet.projects.services.reviews import BODY_ROLE

DOC = "发改高技[2012]1986号"


def _cited(article_zh: str) -> str:
    """A gate's failing rule already cites its document (《文号》第N条); a bare 第N条 gets the notice's."""
    return article_zh if article_zh.startswith("《") else f"{article_zh}（{DOC}）"
# Inbox sections are bounded; a section that reaches the cap says so (the lists below it link on).
CAP = 200
ACTOR, WAITING = "actor", "waiting"
OWNER_ROLES = frozenset({Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF})


@dataclass(frozen=True)
class Task:
    key: str  # unique per item and action: "request-12", "local_part-3-feasibility_study_report", …
    kind: str
    actor: Any = field(compare=False, repr=False)  # the organisation expected to act
    actor_org: str
    roles: frozenset[str]  # roles that may act …
    grant: tuple[str, Any]  # … with this (action, model) grant, in a scope covering ``actor``
    action_zh: str
    action_en: str
    rule: str
    article: str  # 第N条（document）
    subject: str
    url: str
    since: dt.date | None = None
    due: dt.date | None = None
    waiting: Any = field(default=None, compare=False, repr=False)  # whose submission is waiting (other side)
    waiting_org: str = ""
    waiting_roles: frozenset[str] = field(default_factory=frozenset)
    project_id: int | None = None
    object_id: int | None = None  # the row acted on (request, invitation, local part, …)
    detail: str = ""  # e.g. which local document awaits approval

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today


# --------------------------------------------------------------------------------------------- scope ---


@dataclass(frozen=True)
class Scope:
    """Which organisations a caller stands for, per role: ``None`` = every organisation (the global view,
    a superuser); otherwise a ``Q`` over an organisation per role, built from the user's assignments."""

    user: Any = None
    project_id: int | None = None  # only this project's items (the project page)
    verdict: Any = None  # the project page's verdict on that project, when already judged
    judged: dict = field(default_factory=dict, compare=False)  # verdicts by project id, shared by both sides

    def only_project(self, qs: Any, lookup: str) -> Any:
        return qs.filter(**{lookup: self.project_id}) if self.project_id else qs

    @property
    def everything(self) -> bool:
        return self.user is None or self.user.is_superuser

    def q(self, roles: frozenset[str], action: str, model: Any, prefix: str) -> Q | None:
        """OR of the scopes of assignments with one of ``roles`` granting ``action`` on ``model``, rooted at
        ``prefix`` (an organisation lookup); ``None`` when no assignment qualifies. Mirrors ``can_for_org``."""
        if self.everything:
            return Q(pk__isnull=False)
        combined: Q | None = None
        for a in permissions.assignments(self.user):
            if a.role not in roles or not permissions.role_allows(a.role, action, model):
                continue
            q = permissions._assignment_q(a, prefix)
            if not q:
                return Q(pk__isnull=False)
            combined = q if combined is None else combined | q
        return combined


def _any(terms: Any) -> Q | None:
    """OR of the terms that are not None; None when none is left."""
    out: Q | None = None
    for t in terms:
        if t is not None:
            out = t if out is None else out | t
    return out


def may_act(user: Any, task: Task) -> bool:
    """The user holds one of the task's roles, with its grant, in a scope covering the expected actor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    action, model = task.grant
    return any(
        a.role in task.roles
        and permissions.role_allows(a.role, action, model)
        and permissions.covers_org(a, task.actor)
        for a in permissions.assignments(user)
    )


def waits(user: Any, task: Task) -> bool:
    """The user's organisation submitted what the task's actor must answer (and the user does not act on it)."""
    if task.waiting is None or user.is_superuser:
        return False
    return any(
        a.role in task.waiting_roles and permissions.covers_org(a, task.waiting) for a in permissions.assignments(user)
    )


def _first_article(text: str) -> str:
    """The resolver's stored basis clause ("[§6 / 公通字[2007]43号 第十五条]") as 第N条（1986号）…"""
    m = re.search(r"\[([^\[\]]*(?:\[[^\]]*\][^\[\]]*)*)\]\s*$", text or "")
    basis = m.group(1) if m else ""

    def clause(g: re.Match) -> str:
        para = f"第{_ZH_DIGITS.get(g.group(2), g.group(2))}款" if g.group(2) else ""
        return f"{article_zh(int(g.group(1)))}{para}（{DOC}）"

    return re.sub(r"§(\d+)(?:¶(\d+))?", clause, basis) or "—"


_ZH_DIGITS = dict(zip("123456789", "一二三四五六七八九", strict=True))


# --------------------------------------------------------------------------------------------- kinds ---


def request_tasks(scope: Scope, side: str = ACTOR) -> Iterator[Task]:
    """Pending requests: the competent authority's officers of the kind's role (``DECIDER_ROLE``)."""
    if side == ACTOR:
        combined = _any(
            Q(kind=kind) & q
            for kind, role in DECIDER_ROLE.items()
            if (q := scope.q(frozenset({role}), "decide", AuthorityRequest, "authority__")) is not None
        )
    else:
        combined = _any(
            scope.q(OWNER_ROLES, "view", AuthorityRequest, prefix)
            for prefix in ("project__owner__", "local_part__owner__")
        )
    if combined is None:
        return
    rows = (
        scope.only_project(AuthorityRequest.objects, "project_id")
        .filter(combined, status=RequestStatus.PENDING)
        .select_related("project__owner", "authority", "local_part__owner")
        .order_by("due_on", "id")[:CAP]
    )
    for r in rows:
        waiting = r.local_part.owner if r.local_part_id else r.project.owner
        yield Task(
            key=f"request-{r.pk}",
            kind="request",
            actor=r.authority,
            actor_org=r.authority.name,
            roles=frozenset({DECIDER_ROLE[r.kind]}),
            grant=("decide", AuthorityRequest),
            action_zh=f"办理{r.get_kind_display()}",
            action_en=f"Decide the {r.kind.replace('_', ' ')}",
            rule=r.get_kind_display(),
            article=f"{_first_article(r.resolver_explanation)}；期限：{DEADLINE_BASIS[r.kind]}",
            subject=f"#{r.pk} {r.project.name}",
            url=reverse("projects:request_decide", args=[r.pk]),
            since=r.submitted_on,
            due=r.due_on,
            waiting=waiting,
            waiting_org=waiting.name,
            waiting_roles=OWNER_ROLES,
            project_id=r.project_id,
        )


def invitation_tasks(scope: Scope, side: str = ACTOR) -> Iterator[Task]:
    """Unanswered invitations of meetings not yet concluded: each addressed to one body (article 8)."""
    if side == ACTOR:
        combined = _any(
            Q(body=body) & q
            for body, role in BODY_ROLE.items()
            if (q := scope.q(frozenset({role}), "change", ExpertInvitation, "invitee__")) is not None
        )
    else:
        combined = scope.q(frozenset({Role.DRC_REVIEWER}), "view", ExpertInvitation, "meeting__organiser__")
    if combined is None:
        return
    rows = (
        scope.only_project(ExpertInvitation.objects, "meeting__project_id")
        .filter(combined, response=InvitationResponse.NO_RESPONSE, meeting__concluded_at__isnull=True)
        .select_related("invitee", "meeting__project", "meeting__organiser")
        .order_by("meeting__date", "id")[:CAP]
    )
    for i in rows:
        m = i.meeting
        yield Task(
            key=f"invitation-{i.pk}",
            kind="invitation",
            actor=i.invitee,
            actor_org=i.invitee.name,
            roles=frozenset({BODY_ROLE[i.body]}),
            grant=("change", ExpertInvitation),
            action_zh=f"以{i.get_body_display()}身份答复评审邀请：派员或推荐专家",
            action_en=f"Answer the review invitation as the {i.body.replace('_', ' ')}: nominate an expert or decline",
            rule="R-8.3",
            article=f"{article_zh(8)}（{DOC}）",
            subject=f"{m.get_review_type_display()} · {m.project.name} · {m.date}",
            url=reverse("tasks:invitation", args=[i.pk]),
            since=i.sent_on,
            due=m.date,
            waiting=m.organiser,
            waiting_org=m.organiser.name,
            waiting_roles=frozenset({Role.DRC_REVIEWER}),
            project_id=m.project_id,
        )


def commission_tasks(scope: Scope, side: str = ACTOR) -> Iterator[Task]:
    """Commissioned assessments: the agency records its result (article 11)."""
    if side == ACTOR:
        q = scope.q(frozenset({Role.ASSESSMENT_AGENCY}), "change", AssessmentCommission, "agency__organisation__")
    else:
        q = scope.q(OWNER_ROLES, "view", AssessmentCommission, "project__owner__")
    if q is None:
        return
    rows = (
        scope.only_project(AssessmentCommission.objects, "project_id")
        .filter(q, status=CommissionStatus.COMMISSIONED)
        .select_related("project__owner", "agency__organisation")
        .order_by("commissioned_on", "id")[:CAP]
    )
    for c in rows:
        yield Task(
            key=f"commission-{c.pk}",
            kind="commission",
            actor=c.agency.organisation,
            actor_org=c.agency.organisation.name,
            roles=frozenset({Role.ASSESSMENT_AGENCY}),
            grant=("change", AssessmentCommission),
            action_zh=f"开展{c.get_assessment_type_display()}并登记结果",
            action_en=f"Carry out the {c.assessment_type} assessment and record the result",
            rule="R-11.1",
            article=f"{article_zh(11)}（{DOC}）",
            subject=c.project.name,
            url=reverse("projects:project_detail", args=[c.project_id]),
            since=c.commissioned_on,
            waiting=c.project.owner,
            waiting_org=c.project.owner.name,
            waiting_roles=OWNER_ROLES,
            project_id=c.project_id,
        )


# Each project is judged by the engine (CPU, no extra queries): fewer per inbox than the one-query kinds.
PROJECT_CAP = 100
APPROVER_STAGES = frozenset(
    t.source for t in workflow.TRANSITIONS if t.side == workflow.APPROVER and t.kind in workflow.MOVING and t.source
)
LOCAL_APPROVAL_RULE = "R-10.3"  # the rule whose failing subject "lp-N:<document>" names the local part awaited


def project_tasks(scope: Scope, side: str = ACTOR) -> Iterator[Task]:
    """Open projects: who must move the project now, judged by the engine on the current stage's gate.

    Gate passes → the side of the advancing transition (``workflow``: the owner's lead or the approving
    DRC's reviewer). Gate blocked → each local DRC whose approval the engine reports missing (R-10.3 on
    ``lp-N``), and the owner department's lead for every other failing rule (it supplies what is missing)."""
    projects = _candidate_projects(scope, side)
    if not projects:
        return
    if scope.verdict is not None and [p.pk for p in projects] == [scope.project_id]:
        scope.judged[scope.project_id] = scope.verdict
    scope.judged.update(judge_many([p for p in projects if p.pk not in scope.judged]))
    verdicts = scope.judged
    awaiting_local = [p.pk for p in projects if any(f.rule == LOCAL_APPROVAL_RULE for f in verdicts[p.pk].failing)]
    parts = (
        {lp.pk: lp for lp in LocalPart.objects.filter(project__in=awaiting_local).select_related("local_drc", "owner")}
        if awaiting_local
        else {}
    )
    for p in projects:
        if p.status != ProjectStatus.ACTIVE:
            continue
        verdict = verdicts[p.pk]
        day = timezone.localdate(p.last_move or p.created)
        if verdict.can_advance:
            t = next((t for t in workflow.applicable(p) if t.kind in workflow.MOVING), None)
            if t is not None:
                yield _move_task(p, t, verdict, day)
            continue
        others = []
        for f in verdict.failing:
            lp = _awaited_part(f, parts) if f.rule == LOCAL_APPROVAL_RULE else None
            if lp is not None and lp.local_drc_id and p.national_approval_ref:  # else the owner records it first
                yield _local_part_task(p, lp, f, day)
            else:
                others.append(f)
        if others:
            yield _supply_task(p, others, verdict, day)


def _candidate_projects(scope: Scope, side: str) -> list[Any]:
    """Active projects where the caller may be the party: owner's lead, approving DRC, or a local DRC (or, on
    the waiting side, the owner department or a local part's owner)."""
    terms = []
    if side == ACTOR:
        terms.append(scope.q(workflow.DEPARTMENT, "transition", Project, "owner__"))
        approver = scope.q(workflow.REVIEWER, "transition", Project, "approver__")
        if approver is not None:  # only where the approver moves the project next (workflow's table)
            terms.append(approver & Q(stage__in=APPROVER_STAGES))
        local = scope.q(frozenset({Role.DRC_REVIEWER}), "add", Evidence, "local_drc__")
        local_stages = [Stage.FEASIBILITY, Stage.PRELIMINARY_DESIGN]
    else:
        terms.append(scope.q(OWNER_ROLES, "view", Project, "owner__"))
        local = scope.q(OWNER_ROLES, "view", Project, "owner__")
        local_stages = [Stage.FEASIBILITY, Stage.PRELIMINARY_DESIGN]
    if local is not None:
        parts = LocalPart.objects.filter(local).values("project_id")
        terms.append(Q(pk__in=parts, stage__in=local_stages, cobuilt=True))
    q = _any(terms)
    if q is None:
        return []
    qs = (
        scope.only_project(Project.objects, "pk")
        .filter(q, status=ProjectStatus.ACTIVE)
        .select_related("owner", "approver")
        .annotate(last_move=Max("transitions__at"))
    )
    return list(qs.order_by("id")[:PROJECT_CAP])


def _awaited_part(f: Any, parts: dict[int, Any]) -> Any:
    m = re.match(r"lp-(\d+)", f.subject or "")
    return parts.get(int(m.group(1))) if m else None


def _move_task(p: Any, t: Any, verdict: Any, day: dt.date) -> Task:
    org = workflow.side_org(t, p)
    return Task(
        key=f"project-{p.pk}-{t.name}",
        kind="project",
        actor=org,
        actor_org=org.name,
        roles=t.roles,
        grant=("transition", Project),
        action_zh=t.label_zh,
        action_en=t.label_en,
        rule=verdict.gate,
        article=f"关口 {verdict.gate} 已通过（{DOC}）",
        subject=p.name,
        url=reverse("projects:project_detail", args=[p.pk]),
        since=day,
        waiting=p.owner if t.side == workflow.APPROVER else None,
        waiting_org=p.owner.name if t.side == workflow.APPROVER else "",
        waiting_roles=OWNER_ROLES if t.side == workflow.APPROVER else frozenset(),
        project_id=p.pk,
    )


def _local_part_task(p: Any, lp: Any, f: Any, day: dt.date) -> Task:
    what = f.subject.split(":", 1)[1] if ":" in f.subject else "feasibility_study_report"
    label = "地方可研" if what == "feasibility_study_report" else "地方初步设计和概算"
    return Task(
        key=f"local_part-{lp.pk}-{what}",
        kind="local_part",
        actor=lp.local_drc,
        actor_org=lp.local_drc.name,
        roles=frozenset({Role.DRC_REVIEWER}),
        grant=("add", Evidence),
        action_zh=f"批复地方部分（{label}）",
        action_en=f"Approve the local part ({'local FSR' if what == 'feasibility_study_report' else 'local design'})",
        rule=f.rule,
        article=_cited(f.article_zh),
        subject=f"{p.name} · {lp.name}",
        url=reverse("projects:project_detail", args=[p.pk]) + "#waiting-on",
        since=day,
        object_id=lp.pk,
        detail=what,
        waiting=lp.owner,
        waiting_org=lp.owner.name,
        waiting_roles=OWNER_ROLES,
        project_id=p.pk,
    )


def _supply_task(p: Any, failing: list[Any], verdict: Any, day: dt.date) -> Task:
    first = failing[0]
    rules = "、".join(dict.fromkeys(f.rule for f in failing))
    return Task(
        key=f"project-{p.pk}-supply",
        kind="project",
        actor=p.owner,
        actor_org=p.owner.name,
        roles=workflow.DEPARTMENT,
        grant=("transition", Project),
        action_zh=f"补齐关口 {verdict.gate} 所缺材料：{first.remediation_zh}",
        action_en=f"Supply what gate {verdict.gate} lacks: {first.remediation_en}",
        rule=rules,
        article=_cited(first.article_zh),
        subject=p.name,
        url=reverse("projects:project_detail", args=[p.pk]),
        since=day,
        project_id=p.pk,
    )


def plan_tasks(scope: Scope, side: str = ACTOR) -> Iterator[Task]:
    """Migration plan versions (article 4): a submitted version awaits the DRC's decision; a plan with no
    approved version and only a draft awaits the department's submission."""
    terms = []
    if side == ACTOR:
        decide = scope.q(frozenset({Role.DRC_REVIEWER}), "decide", PlanVersion, "plan__department__")
        submit = scope.q(frozenset({Role.DEPARTMENT_LEAD}), "transition", PlanVersion, "plan__department__")
        if decide is not None:
            terms.append(Q(status=PlanStatus.SUBMITTED) & decide)
        if submit is not None:
            unapproved = Q(plan__effective_version__isnull=True) | Q(plan__effective_version__status=PlanStatus.DRAFT)
            terms.append(Q(status=PlanStatus.DRAFT) & unapproved & submit)
    else:
        waiting = scope.q(OWNER_ROLES, "view", PlanVersion, "plan__department__")
        if waiting is not None:
            terms.append(Q(status=PlanStatus.SUBMITTED) & waiting)
    q = _any(terms)
    if q is None or scope.project_id:
        return
    rows = PlanVersion.objects.filter(q).select_related("plan__department").order_by("id")[:CAP]
    for v in rows:
        dept = v.plan.department
        url = reverse("migration:plan_detail", args=[v.plan_id]) + f"?version={v.pk}"
        if v.status == PlanStatus.SUBMITTED:
            yield Task(
                key=f"plan-{v.pk}-decide", kind="plan", actor=dept, actor_org=f"{dept.name}（审批方）",
                roles=frozenset({Role.DRC_REVIEWER}), grant=("decide", PlanVersion), action_zh="审批迁移方案版本（批准或退回）",
                action_en="Approve or return the migration plan version", rule="R-4.1",
                article=f"{article_zh(4)}（{DOC}）", subject=f"{v.plan} v{v.number}", url=url,
                since=(v.submitted_at or v.created).date(), waiting=dept, waiting_org=dept.name,
                waiting_roles=OWNER_ROLES,
            )  # fmt: skip
        else:
            yield Task(
                key=f"plan-{v.pk}-submit", kind="plan", actor=dept, actor_org=dept.name,
                roles=frozenset({Role.DEPARTMENT_LEAD}), grant=("transition", PlanVersion), action_zh="提交迁移方案报批（尚无已批准版本）",
                action_en="Submit the migration plan (no approved version yet)", rule="R-4.1",
                article=f"{article_zh(4)}（{DOC}）", subject=f"{v.plan} v{v.number}", url=url,
                since=v.created.date(),
            )  # fmt: skip


def proposal_tasks(scope: Scope, side: str = ACTOR) -> Iterator[Task]:
    """O&M proposals under review: the finance department decides each line, then accepts (article 12)."""
    if side == ACTOR:
        q = scope.q(frozenset({Role.FINANCE_OFFICER}), "decide", OmProposal, "department__")
    else:
        q = scope.q(OWNER_ROLES, "view", OmProposal, "department__")
    if q is None or scope.project_id:
        return
    rows = (
        OmProposal.objects.filter(q, status=ProposalStatus.DRAFT)
        .annotate(pending=_count_pending(LineDecision.PENDING))
        .select_related("department")
        .order_by("fiscal_year", "id")[:CAP]
    )
    for pr in rows:
        action = f"审核运维经费调整建议：{pr.pending} 项待定" if pr.pending else "接受运维经费调整建议（各项已审定）"
        yield Task(
            key=f"proposal-{pr.pk}", kind="proposal", actor=pr.department,
            actor_org=f"{pr.department.name}（财政审核）", roles=frozenset({Role.FINANCE_OFFICER}),
            grant=("decide", OmProposal), action_zh=action,
            action_en=f"Review the O&M proposal: {pr.pending} line(s) pending", rule="R-12.3",
            article=f"{article_zh(12)}（{DOC}）", subject=f"{pr.department.name} {pr.fiscal_year}",
            url=reverse("migration:proposal_detail", args=[pr.pk]), since=pr.created.date(),
            waiting=pr.department, waiting_org=pr.department.name, waiting_roles=OWNER_ROLES,
        )  # fmt: skip


def _count_pending(pending: str) -> Any:
    from django.db.models import Count

    return Count("lines", filter=Q(lines__decision=pending))


def migration_item_tasks(scope: Scope, today: dt.date, side: str = ACTOR) -> Iterator[Task]:
    """Items of an in-force plan past their planned cut-over and not cut over: the department records
    progress or re-plans (article 4). Nobody else waits on them."""
    q = scope.q(OWNER_ROLES, "change", MigrationItem, "plan_version__plan__department__") if side == ACTOR else None
    if q is None or scope.project_id:
        return
    rows = (
        MigrationItem.objects.filter(
            q,
            is_effective=True,
            planned_date__lt=today,
            status__in=[ItemStatus.PLANNED, ItemStatus.IN_PROGRESS],
        )
        .select_related("plan_version__plan__department", "system")
        .order_by("planned_date", "id")[:CAP]
    )
    for it in rows:
        dept = it.plan_version.plan.department
        yield Task(
            key=f"item-{it.pk}", kind="migration_item", actor=dept, actor_org=dept.name,
            roles=OWNER_ROLES, grant=("change", MigrationItem), action_zh="登记迁移进展或调整计划（已过计划割接日期）",
            action_en="Record the cut-over or re-plan (planned date passed)", rule="R-4.3",
            article=f"{article_zh(4)}（{DOC}）", subject=f"迁移事项 #{it.pk}",
            url=reverse("migration:item_progress", args=[it.pk]), since=it.planned_date, due=it.planned_date,
        )  # fmt: skip


KINDS: tuple[Callable[..., Iterator[Task]], ...] = (
    request_tasks,
    invitation_tasks,
    commission_tasks,
    project_tasks,
    plan_tasks,
    proposal_tasks,
)


def tasks_for(scope: Scope, today: dt.date, side: str = ACTOR) -> list[Task]:
    """Every open task on ``side`` of the scope (to act on, or waited for), deduplicated by key, in deadline
    order."""
    seen: dict[str, Task] = {}
    for fn in KINDS:
        for t in fn(scope, side):
            seen.setdefault(t.key, t)
    for t in migration_item_tasks(scope, today, side):
        seen.setdefault(t.key, t)
    return sorted(seen.values(), key=lambda t: (t.due or dt.date.max, t.since or dt.date.min, t.key))
