"""Progress of migration (第四条) by department, network, province and nation; trend and timeline.

Read-only queries: every one restricted to the reader's scope with ``permissions.restrict`` and
aggregated in the database (a fixed number of queries, whatever the number of rows).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from egovnet.core import permissions
from egovnet.geo.models import Division
from egovnet.networks.choices import ComponentKind, NetworkFamily, NetworkStatus
from egovnet.networks.models import Network
from egovnet.orgs.choices import Level
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import SystemStatus
from egovnet.systems.models import ApplicationSystem

from ..choices import MIGRATED_STATUSES
from ..models import ItemStatusChange, MigrationItem, MigrationPlan
from .facts import effective_items

CENTRAL_KEY = "central"
MIGRATED = list(MIGRATED_STATUSES)


def visible_items(user: Any) -> QuerySet:
    return permissions.restrict(effective_items(), user, "view")


def _counts(as_of: dt.date) -> dict[str, Any]:
    return {
        "total": Count("pk"),
        "migrated": Count("pk", filter=Q(status__in=MIGRATED)),
        "overdue": Count("pk", filter=Q(planned_date__lt=as_of) & ~Q(status__in=MIGRATED)),
    }


def _with_share(row: dict[str, Any]) -> dict[str, Any]:
    row["share"] = round(row["migrated"] / row["total"], 4) if row["total"] else 0.0
    row["percent"] = round(row["share"] * 100, 1)
    return row


def by_department(user: Any, as_of: dt.date | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    as_of = as_of or timezone.localdate()
    rows = (
        visible_items(user)
        .values(
            department_id=F("plan_version__plan__department_id"),
            department_name=F("plan_version__plan__department__name"),
            plan_id=F("plan_version__plan_id"),
        )
        .annotate(**_counts(as_of))
        .order_by("department_name", "department_id")
    )
    return [_with_share(dict(r)) for r in (rows[:limit] if limit else rows)]


def by_network(user: Any, as_of: dt.date | None = None, limit: int | None = None) -> list[dict[str, Any]]:
    """Per dedicated network: share migrated, overdue, and whether it is ready to retire."""
    as_of = as_of or timezone.localdate()
    rows = (
        visible_items(user)
        .values(
            network_id=F("from_network_id"),
            network_name=F("from_network__name"),
            network_status=F("from_network__status"),
        )
        .annotate(**_counts(as_of))
        .order_by("network_name", "network_id")
    )
    out = [_with_share(dict(r)) for r in (rows[:limit] if limit else rows)]
    unplanned = _unplanned_systems([r["network_id"] for r in out])
    for r in out:
        r["unplanned"] = unplanned.get(r["network_id"], 0)
        r["ready_to_retire"] = (
            r["total"] > 0
            and r["migrated"] == r["total"]
            and r["unplanned"] == 0
            and r["network_status"] != NetworkStatus.RETIRED
        )
    return out


def _unplanned_systems(network_ids: list[int]) -> dict[int, int]:
    """Systems in operation still carried by each network with no effective migration item off it."""
    planned = effective_items().filter(system=OuterRef("pk"), from_network=OuterRef("current_dedicated_network"))
    rows = (
        ApplicationSystem.objects.filter(current_dedicated_network_id__in=network_ids, status=SystemStatus.IN_OPERATION)
        .exclude(Exists(planned))
        .values("current_dedicated_network_id")
        .annotate(n=Count("pk"))
        .values_list("current_dedicated_network_id", "n")
    )
    return dict(rows)


def by_province(user: Any, as_of: dt.date | None = None) -> list[dict[str, Any]]:
    """Grouped by the department's province (central-level departments under ``central``)."""
    as_of = as_of or timezone.localdate()
    dept = "plan_version__plan__department__"
    region = Case(
        When(**{f"{dept}level": Level.CENTRAL}, then=Value(CENTRAL_KEY)),
        default=F(f"{dept}division__province_code"),
        output_field=CharField(),
    )
    rows = visible_items(user).annotate(region=region).values("region").annotate(**_counts(as_of)).order_by("region")
    codes = [r["region"] for r in rows if r["region"] != CENTRAL_KEY]

    names = dict(Division.objects.filter(code__in=codes).values_list("code", "name"))
    return [_with_share({**r, "name": names.get(r["region"], "中央 Central")}) for r in rows]


def nation(user: Any, as_of: dt.date | None = None) -> dict[str, Any]:
    as_of = as_of or timezone.localdate()
    return _with_share(dict(visible_items(user).aggregate(**_counts(as_of))))


def overdue_items(user: Any, as_of: dt.date | None = None) -> QuerySet:
    as_of = as_of or timezone.localdate()
    return (
        visible_items(user)
        .filter(planned_date__lt=as_of)
        .exclude(status__in=MIGRATED)
        .select_related("plan_version__plan__department", "from_network")
        .order_by("planned_date", "id")
    )


def trend(user: Any) -> list[dict[str, Any]]:
    """Cumulative applications migrated per month, from the status-change history.

    Status never goes backwards, so each (plan, system) enters a migrated status exactly once: the
    change whose ``from_status`` is not migrated. One GROUP BY month in the database.
    """
    firsts = (
        permissions.restrict(ItemStatusChange.objects.all(), user, "view")
        .filter(to_status__in=MIGRATED)
        .exclude(from_status__in=MIGRATED)
        .annotate(month=TruncMonth("effective_on"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    )
    total, out = 0, []
    for row in firsts:
        total += row["n"]
        out.append({"month": row["month"].strftime("%Y-%m"), "migrated": row["n"], "cumulative": total})
    return out


ACTIVE = [NetworkStatus.ACTIVE, NetworkStatus.MIGRATING]


def departments_without_plan(user: Any) -> QuerySet:
    """R-4.1 findings: departments operating active dedicated networks without an approved plan.

    Rows carry ``plan_id`` (a draft plan, if any); call ``with_dedicated_counts`` on the page shown.
    """
    active_dedicated = Network.objects.filter(owner=OuterRef("pk"), family=NetworkFamily.DEDICATED, status__in=ACTIVE)
    active_dedicated = active_dedicated.exclude(kind=ComponentKind.LAN)  # LANs are not 专网 (context.md)
    approved = MigrationPlan.objects.filter(department=OuterRef("pk"), has_approved=True)
    return (
        permissions.restrict(Organisation.objects.all(), user, "view")
        .filter(Exists(active_dedicated))
        .exclude(Exists(approved))
        .annotate(plan_id=F("migration_plan__id"))
        .select_related("division")
        .order_by("name", "id")
    )


def with_dedicated_counts(orgs: list[Any]) -> list[Any]:
    """Set ``dedicated_count`` on the organisations of one page (one query, not one per row or per org)."""
    counts = dict(
        Network.objects.filter(owner__in=orgs, family=NetworkFamily.DEDICATED, status__in=ACTIVE)
        .exclude(kind=ComponentKind.LAN)
        .values("owner_id")
        .annotate(n=Count("pk"))
        .values_list("owner_id", "n")
    )
    for org in orgs:
        org.dedicated_count = counts.get(org.pk, 0)
    return orgs


@dataclass(frozen=True)
class Bar:
    item: MigrationItem
    start: dt.date
    end: dt.date
    left: float
    width: float
    overdue: bool


def _phase_ends(phases: list[Any]) -> list[tuple[str, dt.date]]:
    """(name, until) of the version's phases that name a valid ``until`` date; others are ignored."""
    out = []
    for phase in phases or []:
        try:
            out.append((str(phase.get("name", "")), dt.date.fromisoformat(str(phase.get("until")))))
        except (AttributeError, TypeError, ValueError):
            continue
    return out


def timeline(
    items: list[MigrationItem], start: dt.date, as_of: dt.date, phases: list[Any] | None = None
) -> tuple[list[Bar], list[dict[str, Any]]]:
    """Gantt bars (percent offsets) from the version start to the cut-over or planned date; month and phase ticks."""
    if not items:
        return [], []
    ends = [i.cutover_date or i.planned_date for i in items]
    lo = min([start, *ends, as_of])
    hi = max([*ends, as_of]) + dt.timedelta(days=15)
    span = max((hi - lo).days, 1)
    bars = []
    for item, end in zip(items, ends, strict=True):
        begin = min(start, end)
        bars.append(
            Bar(
                item=item,
                start=begin,
                end=end,
                left=round((begin - lo).days / span * 100, 2),
                width=max(round((end - begin).days / span * 100, 2), 0.8),
                overdue=item.status not in MIGRATED_STATUSES and item.planned_date < as_of,
            )
        )
    ticks, month = [], dt.date(lo.year, lo.month, 1)
    while month <= hi:
        if month >= lo:
            ticks.append({"label": month.strftime("%Y-%m"), "left": round((month - lo).days / span * 100, 2)})
        month = dt.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    ticks.append({"label": "today", "left": round((as_of - lo).days / span * 100, 2), "today": True})
    for name, until in _phase_ends(phases or []):
        if lo <= until <= hi:
            ticks.append(
                {"label": f"{name} {until:%Y-%m-%d}", "left": round((until - lo).days / span * 100, 2), "phase": True}
            )
    return bars, ticks
