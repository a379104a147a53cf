"""Statutory-deadline reminders over the working-day calendar (one query for requests, one for holidays)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .calendar import _calendar, add_working_days, is_working_day
from .choices import RequestStatus
from .models import AuthorityRequest


@dataclass(frozen=True)
class Reminder:
    request: AuthorityRequest
    overdue: bool
    working_days: int  # working days left (negative when overdue)


def due_requests(today: dt.date, within: int = 3) -> list[Reminder]:
    horizon = add_working_days(today, within)
    rows = list(
        AuthorityRequest.objects.filter(status=RequestStatus.PENDING, due_on__lte=horizon)
        .select_related("project", "authority")
        .order_by("due_on", "id")
    )
    if not rows:
        return []
    start = min(rows[0].due_on, today)
    off, extra = _calendar(start, horizon)

    def between(a: dt.date, b: dt.date) -> int:
        sign, (lo, hi) = (1, (a, b)) if a <= b else (-1, (b, a))
        n = sum(1 for k in range(1, (hi - lo).days + 1) if is_working_day(lo + dt.timedelta(days=k), off, extra))
        return sign * n

    return [Reminder(r, r.due_on < today, between(today, r.due_on)) for r in rows]
