"""Notices from the derivation: an item arrives, becomes overdue, or (for the submitter) is decided.

``sweep`` is the one path: the inbox page runs it for its user, ``egovnet reminders`` for everyone, and the
daily digest e-mails what the sweeps produced. A unique (user, item, event) row makes every notice once-only
however often a sweep runs; the digest stamps what it mailed, so nothing is mailed twice.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import timezone

from .derive import Task
from .inbox import Inbox, inbox
from .models import NoticeEvent, Notification


def _notice(user: Any, t: Task, event: str) -> Notification:
    label = NoticeEvent(event).label
    title = f"【{label}】{t.action_zh} · {t.subject}" + (f" · 期限 {t.due}" if t.due else "")
    return Notification(user=user, key=t.key, event=event, title=title[:400], url=t.url)


def notices_for(user: Any, box: Inbox) -> list[Notification]:
    rows = [_notice(user, t, NoticeEvent.ARRIVED) for t in box.todo + box.overdue]
    rows += [_notice(user, t, NoticeEvent.OVERDUE) for t in box.overdue]
    return rows


def decided_notices(since: dt.datetime | None = None) -> list[Notification]:
    """The submitter hears of each decided request (one query)."""
    from egovnet.projects.choices import RequestStatus
    from egovnet.projects.models import AuthorityRequest

    qs = AuthorityRequest.objects.exclude(status__in=[RequestStatus.PENDING, RequestStatus.WITHDRAWN]).filter(
        decided_at__isnull=False
    )
    if since is not None:
        qs = qs.filter(decided_at__gte=since)
    out = []
    for r in qs.select_related("project", "authority").order_by("id"):
        title = f"【已办结】{r.get_kind_display()} #{r.pk}（{r.get_status_display()}）· {r.project.name} · {r.authority.name}"
        out.append(
            Notification(
                user_id=r.submitted_by_id,
                key=f"request-{r.pk}",
                event=NoticeEvent.DECIDED,
                title=title[:400],
                url=reverse("projects:project_detail", args=[r.project_id]),
            )
        )
    return out


def commission_notices() -> list[Notification]:
    """The commissioning user hears of each reported assessment (one query)."""
    from egovnet.projects.choices import CommissionStatus
    from egovnet.projects.models import AssessmentCommission

    rows = AssessmentCommission.objects.filter(status=CommissionStatus.REPORTED).select_related(
        "project", "agency__organisation"
    )
    return [
        Notification(
            user_id=c.commissioned_by_id,
            key=f"commission-{c.pk}",
            event=NoticeEvent.DECIDED,
            title=f"【已办结】{c.get_assessment_type_display()}结果已登记（{c.get_result_display()}）· {c.project.name}"[
                :400
            ],
            url=reverse("projects:project_detail", args=[c.project_id]),
        )
        for c in rows.order_by("id")
    ]


def _store(rows: list[Notification]) -> int:
    """Insert the rows that are new; returns how many were new (the unique constraint keeps the rest out)."""
    if not rows:
        return 0
    before = Notification.objects.count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True, batch_size=500)
    return Notification.objects.count() - before


def sweep_user(user: Any, box: Inbox | None = None, today: dt.date | None = None) -> int:
    return _store(notices_for(user, box if box is not None else inbox(user, today)))


def sweep(today: dt.date | None = None) -> int:
    """Every active user's notices (the reminders command), then the decisions. Returns new notices."""
    today = today or timezone.localdate()
    made = 0
    for user in get_user_model().objects.filter(is_active=True).order_by("id"):
        made += sweep_user(user, today=today)
    made += _store(decided_notices())
    made += _store(commission_notices())
    return made


def send_digests(today: dt.date | None = None, *, force: bool = False) -> int:
    """One e-mail per user with notices not yet mailed (only when ``DIGEST_ENABLED``, or ``force``).
    Returns the number of e-mails sent."""
    if not (force or getattr(settings, "DIGEST_ENABLED", False)):
        return 0
    today = today or timezone.localdate()
    pending = Notification.objects.filter(emailed_on__isnull=True).select_related("user").order_by("user_id", "id")
    by_user: dict[Any, list[Notification]] = {}
    for n in pending:
        by_user.setdefault(n.user, []).append(n)
    sent = 0
    for user, rows in by_user.items():
        if not user.email:
            continue
        body = "\n".join(f"- {n.title}\n  {n.url}" for n in rows)
        send_mail(
            subject=f"egovnet 每日待办摘要 {today}（{len(rows)} 条）/ daily digest",
            message=f"{user.get_full_name() or user.username}，您好：\n\n{body}\n",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(emailed_on=today)
        sent += 1
    return sent
