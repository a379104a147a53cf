"""Review meetings (评议 / 评审) and the four-body expert invitations of article 8."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import PermissionDenied, ServiceError
from egovnet.core.services import create_object, lock_for_update

from .. import authorities
from ..choices import InvitationResponse, InviteeBody
from ..models import ExpertInvitation, LocalPart, Project, ReviewMeeting
from ..refresh import refresh_project_on_commit
from .evidence import check_local_part


def meeting_create(
    *,
    actor: Any,
    project: Project,
    review_type: str,
    date: dt.date,
    organiser: Any = None,
    invite_on: dt.date | None = None,
    local_part: LocalPart | None = None,
) -> ReviewMeeting:
    """Schedule a review and notify the four bodies of article 8 at the right level (R-8.3)."""
    organiser = organiser or project.approver
    check_local_part(project, local_part)
    permissions.authorize_for_org(actor, "add", ReviewMeeting, organiser)
    sent = invite_on or timezone.localdate()
    invitees = {
        body: authorities.resolve_authority(purpose, project, local_part=local_part).organisation
        for body, purpose in authorities.INVITEE_PURPOSE.items()
    }
    with transaction.atomic():
        meeting = create_object(
            actor=actor,
            model=ReviewMeeting,
            data={"project": project, "review_type": review_type, "organiser": organiser, "date": date},
        )
        for body, org in invitees.items():
            create_object(
                actor=actor,
                model=ExpertInvitation,
                data={"meeting": meeting, "body": body, "invitee": org, "sent_on": sent},
            )
        refresh_project_on_commit(project)
    return meeting


def _may_answer(actor: Any, invitation: ExpertInvitation) -> bool:
    orgs = (invitation.invitee, invitation.meeting.organiser)
    return any(permissions.can_for_org(actor, "change", ExpertInvitation, o) for o in orgs)


def invitation_respond(
    *,
    actor: Any,
    invitation: ExpertInvitation,
    response: str,
    expected_version: int | None,
    expert_name: str = "",
    expert_org: Any = None,
) -> ExpertInvitation:
    if not _may_answer(actor, invitation):
        raise PermissionDenied(
            f"只有受邀单位{invitation.invitee}或会议组织者可以答复。 / Only the invited body or the organiser may answer."
        )
    if response not in InvitationResponse.values:
        raise ValidationError({"response": "未知的答复 / unknown response"})
    if response == InvitationResponse.NOMINATED:
        if not expert_name.strip() or expert_org is None:
            raise ValidationError(
                {"expert_name": "推荐专家须写明姓名和单位。 / Name the expert and their organisation."}
            )
        applicant = invitation.meeting.project.owner
        if (expert_org.path or "").startswith(applicant.path):
            raise ValidationError(
                {"expert_org": f"专家不得来自项目建设单位“{applicant}”或其下属单位（第八条，评审独立性）。"
                 f" / The expert may not come from the applicant {applicant} or its subtree (art. 8, independent review)."}
            )  # fmt: skip
    with transaction.atomic():
        inv = lock_for_update(invitation, expected_version)
        before = audit.snapshot(inv)
        inv.response, inv.expert_name, inv.expert_org = response, expert_name, expert_org
        inv.version += 1
        inv.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=inv, before=before, after=audit.snapshot(inv))
    return inv


def meeting_conclude(
    *, actor: Any, meeting: ReviewMeeting, opinion: str, expected_version: int | None, conditions: str = ""
) -> ReviewMeeting:
    permissions.authorize_for_org(actor, "change", ReviewMeeting, meeting.organiser)
    if not opinion.strip():
        raise ValidationError({"opinion": "请填写专家组意见。 / Give the panel's opinion."})
    with transaction.atomic():
        m = lock_for_update(meeting, expected_version)
        if m.concluded_at:
            raise ServiceError("该评审已有结论。 / The review already has its opinion.", code="already_concluded")
        _refuse_cancelled(m)
        if m.date > timezone.localdate():
            raise ServiceError(
                f"会议定于{m.date}召开，尚未举行，不能记录专家组意见（第八条）。"
                f" / The meeting is scheduled for {m.date}; its opinion can be recorded once it has taken place.",
                code="meeting_not_held",
            )
        before = audit.snapshot(m)
        m.opinion, m.conditions, m.concluded_by, m.concluded_at = opinion, conditions, actor, timezone.now()
        m.version += 1
        m.save()
        audit.record(actor=actor, action=AuditAction.DECIDE, obj=m, before=before, after=audit.snapshot(m))
        refresh_project_on_commit(m.project_id)
    return m


def _refuse_cancelled(m: ReviewMeeting) -> None:
    if m.cancelled_at:
        raise ServiceError("该会议已取消。 / The meeting has been cancelled.", code="meeting_cancelled")


def _reason(reason: str) -> str:
    if not reason.strip():
        raise ValidationError({"reason": "请说明理由。 / Give the reason."})
    return reason.strip()


def meeting_cancel(*, actor: Any, meeting: ReviewMeeting, reason: str, expected_version: int | None) -> ReviewMeeting:
    """Cancel a meeting that has not concluded: it no longer counts as a review (article 8). Reason required,
    audited; the project's findings follow."""
    permissions.authorize_for_org(actor, "change", ReviewMeeting, meeting.organiser)
    reason = _reason(reason)
    with transaction.atomic():
        m = lock_for_update(meeting, expected_version)
        _refuse_cancelled(m)
        if m.concluded_at:
            raise ServiceError(
                "已记录专家组意见的评审不能取消。 / A review with a recorded opinion cannot be cancelled.",
                code="already_concluded",
            )
        before = audit.snapshot(m)
        m.cancelled_at, m.cancel_reason = timezone.now(), reason
        m.version += 1
        m.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=m, before=before, after=audit.snapshot(m),
                     reason=f"取消会议 / meeting cancelled: {reason}")  # fmt: skip
        refresh_project_on_commit(m.project_id)
    return m


def meeting_reschedule(
    *,
    actor: Any,
    meeting: ReviewMeeting,
    date: dt.date,
    reason: str,
    expected_version: int | None,
) -> ReviewMeeting:
    """Move a meeting that has not concluded to ``date``. Its invitations keep the date they were sent: article 8
    judges them against the new date (moved before them, they are late). Reason required, audited."""
    permissions.authorize_for_org(actor, "change", ReviewMeeting, meeting.organiser)
    reason = _reason(reason)
    with transaction.atomic():
        m = lock_for_update(meeting, expected_version)
        _refuse_cancelled(m)
        if m.concluded_at:
            raise ServiceError(
                "已记录专家组意见的评审不能改期。 / A review with a recorded opinion cannot be rescheduled.",
                code="already_concluded",
            )
        before = audit.snapshot(m)
        m.date = date
        m.version += 1
        m.save()
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=m, before=before, after=audit.snapshot(m),
                     reason=f"会议改期至{date} / meeting rescheduled to {date}: {reason}")  # fmt: skip
        refresh_project_on_commit(m.project_id)
    return m


__all__ = [
    "InviteeBody",
    "invitation_respond",
    "meeting_cancel",
    "meeting_conclude",
    "meeting_create",
    "meeting_reschedule",
]
