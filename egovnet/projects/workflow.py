"""The project lifecycle as one declarative state machine (context.md §2.6 / §4.3).

Each transition names its source and target stage, the roles allowed (denied by default), which
organisation the actor's role assignment must cover (the owner department or the approving DRC),
and whether the engine's gate for completing the source stage must pass. A refused gate raises
:class:`GateBlocked` (HTTP 409) listing each failing rule with its article and remediation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction, Role
from egovnet.core.errors import PermissionDenied, ServiceError
from egovnet.core.services import lock_for_update
from egovnet.policy.templatetags.policy_labels import gate_label

from . import gates
from .choices import ApprovalPath, ProjectStatus, Stage, TransitionKind
from .models import Project, StageTransition
from .refresh import refresh_project_on_commit

OWNER, APPROVER = "owner", "approver"
DEPARTMENT = frozenset({Role.DEPARTMENT_LEAD})
REVIEWER = frozenset({Role.DRC_REVIEWER})
BOTH_PATHS = frozenset(ApprovalPath)
MOVING = frozenset({TransitionKind.ADVANCE, TransitionKind.COMPLETE})  # the transitions that take a project on


@dataclass(frozen=True, kw_only=True)
class Transition:
    name: str
    kind: TransitionKind
    source: Stage | None  # None: any stage
    target: Stage | None  # None: stays (complete / withdraw) or previous stage (send back)
    roles: frozenset[str]
    side: str  # whose organisation the actor's assignment must cover
    gated: bool
    paths: frozenset[str] = BOTH_PATHS
    note_required: bool = False
    label_zh: str = ""
    label_en: str = ""


TRANSITIONS: tuple[Transition, ...] = (
    Transition(name="complete_needs_analysis", kind=TransitionKind.ADVANCE,
               source=Stage.NEEDS_ANALYSIS, target=Stage.PROPOSAL,
               roles=DEPARTMENT, side=OWNER, gated=True, paths=frozenset({ApprovalPath.FULL}),
               label_zh="完成需求分析，进入项目建议书", label_en="Complete needs analysis → proposal"),
    Transition(name="complete_needs_analysis_simplified", kind=TransitionKind.ADVANCE,
               source=Stage.NEEDS_ANALYSIS, target=Stage.FEASIBILITY,
               roles=DEPARTMENT, side=OWNER, gated=True, paths=frozenset({ApprovalPath.SIMPLIFIED}),
               label_zh="完成需求分析，直接编制可研（可研代建议书）",
               label_en="Complete needs analysis → feasibility study (stands in for the proposal)"),
    Transition(name="approve_proposal", kind=TransitionKind.ADVANCE,
               source=Stage.PROPOSAL, target=Stage.FEASIBILITY,
               roles=REVIEWER, side=APPROVER, gated=True, paths=frozenset({ApprovalPath.FULL}),
               label_zh="批复项目建议书", label_en="Approve the proposal"),
    Transition(name="approve_feasibility", kind=TransitionKind.ADVANCE,
               source=Stage.FEASIBILITY, target=Stage.PRELIMINARY_DESIGN,
               roles=REVIEWER, side=APPROVER, gated=True,
               label_zh="批复可行性研究报告", label_en="Approve the feasibility study"),
    Transition(name="approve_design", kind=TransitionKind.ADVANCE,
               source=Stage.PRELIMINARY_DESIGN, target=Stage.CONSTRUCTION,
               roles=REVIEWER, side=APPROVER, gated=True,
               label_zh="批复初步设计和投资概算", label_en="Approve the design and estimate"),
    Transition(name="start_trial_operation", kind=TransitionKind.ADVANCE,
               source=Stage.CONSTRUCTION, target=Stage.TRIAL_OPERATION,
               roles=DEPARTMENT, side=OWNER, gated=True,
               label_zh="开始试运行", label_en="Start trial operation"),
    Transition(name="prepare_acceptance", kind=TransitionKind.ADVANCE,
               source=Stage.TRIAL_OPERATION, target=Stage.ACCEPTANCE_APPLICATION,
               roles=DEPARTMENT, side=OWNER, gated=True,
               label_zh="结束试运行，准备验收申请", label_en="End trial, prepare acceptance"),
    Transition(name="apply_for_acceptance", kind=TransitionKind.ADVANCE,
               source=Stage.ACCEPTANCE_APPLICATION, target=Stage.COMPLETION_ACCEPTANCE,
               roles=DEPARTMENT, side=OWNER, gated=True,
               label_zh="申请竣工验收", label_en="Apply for completion acceptance"),
    Transition(name="accept", kind=TransitionKind.COMPLETE,
               source=Stage.COMPLETION_ACCEPTANCE, target=None,
               roles=REVIEWER, side=APPROVER, gated=True,
               label_zh="通过竣工验收", label_en="Accept the project"),
    Transition(name="send_back", kind=TransitionKind.SEND_BACK,
               source=None, target=None,
               roles=REVIEWER, side=APPROVER, gated=False, note_required=True,
               label_zh="退回上一阶段", label_en="Send back to the previous stage"),
    Transition(name="withdraw", kind=TransitionKind.WITHDRAW,
               source=None, target=None,
               roles=DEPARTMENT, side=OWNER, gated=False, note_required=True,
               label_zh="撤回项目", label_en="Withdraw the project"),
)  # fmt: skip
BY_NAME = {t.name: t for t in TRANSITIONS}


class GateBlocked(ServiceError):
    """The gate's blocking rules fail: each is listed with its article and how to fix it."""

    def __init__(self, verdict: gates.Verdict):
        lines = "；\n".join(f.line() for f in verdict.failing)
        super().__init__(
            f"关口 {verdict.gate} 未通过，不能离开“{Stage(verdict.stage).label}”阶段。缺少或不符合：\n{lines}"
            f"\n/ Gate {verdict.gate} is blocked; the project cannot leave stage {verdict.stage}.",
            code="gate_blocked",
            details=[f.as_dict() for f in verdict.failing],
        )
        self.verdict = verdict

    def for_reader(self) -> str:
        """What a page shows (``core.view_helpers``): the reader's language only, each blocking rule with its
        article and fix, the gate by its name."""
        english = (get_language() or "").startswith("en")
        lines = [
            f"{f.rule} ({f.citation_en or f'art. {f.article}'}) {f.message_en} Fix: {f.remediation_en}" if english
            else f"{f.rule}（{f.article_zh}）{f.message_zh} 整改：{f.remediation_zh}"
            for f in self.verdict.failing
        ]
        head = _("The gate “%(gate)s” is not passed; the project cannot leave this stage. Missing:") % {
            "gate": gate_label(self.verdict.gate)
        }
        return " ".join([head, *lines])


class TransitionNotAllowed(ServiceError):
    pass


def _previous(stage: str, path: str) -> Stage | None:
    order = [s for s in Stage if not (path == ApprovalPath.SIMPLIFIED and s == Stage.PROPOSAL)]
    i = order.index(Stage(stage))
    return order[i - 1] if i > 0 else None


def target_of(t: Transition, project: Project) -> Stage:
    if t.kind == TransitionKind.SEND_BACK:
        return _previous(project.stage, project.approval_path)  # type: ignore[return-value]
    return t.target or Stage(project.stage)


def side_org(t: Transition, project: Project) -> Any:
    return project.approver if t.side == APPROVER else project.owner


def actor_may(actor: Any, t: Transition, project: Project) -> bool:
    """Denied by default: a role in ``t.roles`` with the transition grant, scoped over the side's org."""
    org = side_org(t, project)
    if actor is None or org is None or not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    return any(
        a.role in t.roles and permissions.role_allows(a.role, "transition", Project) and permissions.covers_org(a, org)
        for a in permissions.assignments(actor)
    )


def applicable(project: Project) -> list[Transition]:
    """Transitions that exist from the project's current state (regardless of who asks or the gate)."""
    if project.status != ProjectStatus.ACTIVE:
        return []
    out = []
    for t in TRANSITIONS:
        if t.source is not None and t.source != project.stage:
            continue
        if project.approval_path not in t.paths:
            continue
        if t.kind == TransitionKind.SEND_BACK and _previous(project.stage, project.approval_path) is None:
            continue
        out.append(t)
    return out


def available(actor: Any, project: Project) -> list[Transition]:
    return [t for t in applicable(project) if actor_may(actor, t, project)]


def next_gate(project: Project, reader: Any = None) -> gates.Verdict | None:
    """The verdict on the gate the project must pass next (None once completed or withdrawn), as ``reader``
    may read it (``gates.for_reader``) when one is given."""
    if project.status != ProjectStatus.ACTIVE:
        return None
    verdict = gates.judge(project)
    return gates.for_reader(verdict, reader, project) if reader is not None else verdict


def transition(
    *,
    actor: Any,
    project: Project,
    name: str,
    expected_version: int | None,
    note: str = "",
    judge: Callable[[Project], gates.Verdict] | None = None,
) -> Project:
    """Apply the transition ``name``; refused unless allowed for the actor and the gate passes."""
    t = BY_NAME.get(name)
    if t is None:
        raise TransitionNotAllowed(
            f"未知的流转“{name}”。可用：{', '.join(BY_NAME)} / Unknown transition {name!r}.", code="unknown_transition"
        )
    with transaction.atomic():
        locked = lock_for_update(project, expected_version)
        locked = Project.objects.select_related("owner", "approver").get(pk=locked.pk)
        _check_allowed(actor, t, locked, note)
        verdict = (judge or gates.judge)(locked) if t.gated else None
        if verdict is not None and not verdict.can_advance:
            raise GateBlocked(gates.for_reader(verdict, actor, locked))
        return _apply(actor, t, locked, note, verdict)


def _check_allowed(actor: Any, t: Transition, project: Project, note: str) -> None:
    if t not in applicable(project):
        raise TransitionNotAllowed(
            f"项目处于“{project.get_stage_display()}”（{project.get_status_display()}），不能执行“{t.label_zh}”。"
            f" / The project is at {project.stage} ({project.status}); “{t.label_en}” is not possible now.",
            code="transition_not_applicable",
        )
    if not actor_may(actor, t, project):
        who = "项目审批机关的发展改革部门审核人员" if t.side == APPROVER else "项目建设单位负责人"
        raise PermissionDenied(
            f"“{t.label_zh}”只能由{who}（在其管辖范围内）执行。"
            f" / “{t.label_en}” may only be done by the {'approving DRC reviewer' if t.side == APPROVER else 'owner department lead'} in scope."
        )
    if t.note_required and not note.strip():
        raise TransitionNotAllowed(
            f"“{t.label_zh}”须填写理由。 / “{t.label_en}” needs a note giving the reason.", code="note_required"
        )


def _apply(actor: Any, t: Transition, project: Project, note: str, verdict: gates.Verdict | None) -> Project:
    before = audit.snapshot(project)
    from_stage = project.stage
    to_stage = target_of(t, project)
    project.stage = to_stage
    if t.kind == TransitionKind.COMPLETE:
        project.status = ProjectStatus.COMPLETED
    elif t.kind == TransitionKind.WITHDRAW:
        project.status = ProjectStatus.WITHDRAWN
    project.version += 1
    project.save(update_fields=["stage", "status", "version", "last_updated"])
    StageTransition.objects.create(
        project=project,
        kind=t.kind,
        from_stage=from_stage,
        to_stage=to_stage,
        gate=verdict.gate if verdict else "",
        evidence_used=list(verdict.evidence_used) if verdict else [],
        judged_on=verdict.on if verdict else None,
        actor=actor,
        note=note,
    )
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=project,
        before=before,
        after=audit.snapshot(project),
        reason=f"{t.name}: {from_stage} → {to_stage}. {note}".strip(),
    )
    refresh_project_on_commit(project)  # stage and status are facts; a withdrawn project loses its findings
    return project
