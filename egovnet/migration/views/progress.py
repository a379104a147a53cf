"""Web views of migration progress (第四条): dashboard, overdue items, departments without a plan."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from egovnet.systems.queries import shown_name

from ..choices import MIGRATED_STATUSES, ItemStatus
from ..services import progress
from .base import page_of


def _trend_svg(trend: list[dict]) -> dict:
    """Bar heights (percent of the maximum) for a small server-rendered SVG chart."""
    top = max((t["cumulative"] for t in trend), default=0) or 1
    width = 100 / max(len(trend), 1)
    bars = [
        {
            **t,
            "x": round(i * width, 2),
            "w": round(width * 0.8, 2),
            "bh": round(t["cumulative"] / top * 38, 2),
            "y": round(40 - t["cumulative"] / top * 38, 2),
        }
        for i, t in enumerate(trend)
    ]
    points = [[t["month"], t["migrated"], t["cumulative"]] for t in trend]
    return {"bars": bars, "top": top, "points_json": json.dumps(points)}


@login_required
def dashboard(request):
    u, today = request.user, timezone.localdate()
    ctx = {
        "today": today,
        "nation": progress.nation(u, today),
        "provinces": progress.by_province(u, today),
        "departments": progress.by_department(u, today, limit=200),
        "networks": progress.by_network(u, today, limit=200),
        "trend": _trend_svg(progress.trend(u)),
    }
    return render(request, "migration/dashboard.html", ctx)


@login_required
def overdue(request):
    today = timezone.localdate()
    page = page_of(request, progress.overdue_items(request.user, today).select_related("system"))
    for item in page.object_list:
        item.shown_name = shown_name(request.user, item.system)
        item.days_late = (today - item.planned_date).days
    query = [("is_effective", "true"), ("planned_before", today.isoformat())]
    query += [("status", s) for s in ItemStatus.values if s not in MIGRATED_STATUSES]
    return render(request, "migration/overdue.html", {"page": page, "export_query": urlencode(query)})


@login_required
def departments_without_plan(request):
    page = page_of(request, progress.departments_without_plan(request.user))
    page.object_list = progress.with_dedicated_counts(list(page.object_list))
    return render(request, "migration/departments_without_plan.html", {"page": page})
