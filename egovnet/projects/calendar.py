"""The working-day calendar for statutory deadlines (ADR 0440).

Three layers, the later overriding the earlier: weekends off; China's official public holidays and
调休 make-up working days as published by the State Council's General Office (the ``chinesecalendar``
package, updated every year when the notice for the next year appears); an admin's ``Holiday`` rows.

For a year the package does not cover and no ``Holiday`` row marks, the calendar falls back to weekends
only and says so (:func:`coverage_warning`): a deadline is still computed — refusing to accept a request
because next year's holidays are not yet published would stop the authorities' work — but every page
that shows it carries the warning, and an admin closes the gap by entering the year's ``Holiday`` rows.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from .models import Holiday

# Enough look-ahead for any statutory period in working days (holidays included).
_HORIZON_FACTOR = 3


@cache
def _official() -> tuple[frozenset[dt.date], frozenset[dt.date], frozenset[int]]:
    """(holidays, make-up working days, years covered) from the maintained package."""
    from chinese_calendar import constants

    holidays = frozenset(constants.holidays)
    workdays = frozenset(constants.workdays)
    years = frozenset(d.year for d in holidays | workdays)
    return holidays, workdays, years


def official_years() -> frozenset[int]:
    return _official()[2]


def _calendar(start: dt.date, end: dt.date) -> tuple[set[dt.date], set[dt.date]]:
    """(days off, extra working days) between ``start`` and ``end``: official data, then admin rows. One query."""
    holidays, workdays, _ = _official()
    off = {d for d in holidays if start <= d <= end}
    extra = {d for d in workdays if start <= d <= end}
    for day, workday in Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday"):
        (extra if workday else off).add(day)
        (off if workday else extra).discard(day)
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


def uncovered_years(start: dt.date, end: dt.date) -> list[int]:
    """Years between ``start`` and ``end`` with neither official data nor any admin ``Holiday`` row. One query
    (none when every year is covered by the package)."""
    years = set(range(start.year, end.year + 1)) - official_years()
    if not years:
        return []
    entered = set(Holiday.objects.filter(date__year__in=sorted(years)).dates("date", "year"))
    return sorted(years - {d.year for d in entered})


def coverage_warning(start: dt.date, end: dt.date) -> str:
    """A bilingual warning when the period crosses a year without holiday data; empty otherwise."""
    years = uncovered_years(start, end)
    if not years:
        return ""
    ys = "、".join(str(y) for y in years)
    return (
        f"{ys}年的法定节假日和调休安排尚未载入，期限暂按仅扣除周末计算，可能偏早。请管理员在“节假日”中登记该年安排。"
        f" / No public-holiday data for {', '.join(map(str, years))}: the deadline counts weekends only and may be "
        f"early. An administrator should enter that year's holidays."
    )
