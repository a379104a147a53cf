"""The working-day calendar for statutory deadlines: weekends off, a holidays table an admin fills.

A ``Holiday`` row with ``is_workday`` marks a make-up working day on a weekend (调休).
"""

from __future__ import annotations

import datetime as dt

from .models import Holiday

# Enough look-ahead for any statutory period in working days (holidays included).
_HORIZON_FACTOR = 3


def _calendar(start: dt.date, end: dt.date) -> tuple[set[dt.date], set[dt.date]]:
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday")
    off = {d for d, workday in rows if not workday}
    extra = {d for d, workday in rows if workday}
    return off, extra


def is_working_day(day: dt.date, off: set[dt.date], extra: set[dt.date]) -> bool:
    if day in extra:
        return True
    return day.weekday() < 5 and day not in off


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (``start`` itself is not counted). One query."""
    off, extra = _calendar(start, start + dt.timedelta(days=days * _HORIZON_FACTOR + 30))
    current, left = start, days
    while left > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current, off, extra):
            left -= 1
    return current


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    off, extra = _calendar(start, end)
    return sum(1 for n in range(1, (end - start).days + 1) if is_working_day(start + dt.timedelta(days=n), off, extra))
