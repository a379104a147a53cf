"""Building and reading the summary tables (``reports.models``): what the dashboards show, precomputed.

:func:`rebuild` recomputes everything (``egovnet summaries --rebuild``, the ``refresh_summaries`` task run after
registry writes and daily). Readers fall back to computing live when a summary is missing or is for another day,
so a page is never wrong for lack of a summary, only slower; a page that shows stored figures says when they were
computed (``computed_at``).
"""

from __future__ import annotations

import copy
import datetime as dt
import time
from typing import Any

from django.core.paginator import Paginator
from django.db import transaction
from django.utils import timezone

from egovnet.networks.choices import IntranetNodeCode, TargetMetric, TargetStatus
from egovnet.networks.planning.coverage import compute_coverage
from egovnet.networks.planning.hotspots import capacity_baseline, name_baseline
from egovnet.networks.planning.intranet import six_organ_matrix
from egovnet.networks.planning.targets import targets_report

from . import registry_counts
from .findings import network_findings
from .models import RegistryCount, ReportSnapshot

REGISTRY = "registry_counts"
REPORTS = "reports_dashboard"
CAPACITY = "capacity"
BATCH = 2_000
LINKS_PER_PAGE = 20  # with the what-if form folded, one page of links stays within about three screens


def _stamp(kind: str, day: dt.date, started: float, payload: dict[str, Any]) -> ReportSnapshot:
    snap, _ = ReportSnapshot.objects.update_or_create(
        kind=kind,
        defaults={
            "day": day,
            "computed_at": timezone.now(),
            "seconds": round(time.perf_counter() - started, 3),
            "payload": payload,
        },
    )
    return snap


def rebuild_registry(day: dt.date) -> ReportSnapshot:
    started = time.perf_counter()
    rows = registry_counts.build()
    with transaction.atomic():
        RegistryCount.objects.all().delete()
        RegistryCount.objects.bulk_create(rows, batch_size=BATCH)
        return _stamp(REGISTRY, day, started, {"rows": len(rows)})


def reports_payload(day: dt.date) -> dict[str, Any]:
    """The national figures of the network dashboard on ``day`` (no reader-specific content)."""
    report = compute_coverage(day)
    return {
        "shares": {k: "—" if v is None else f"{v}%" for k, v in report.national.shares().items()},
        "coverage": report.as_dict(with_regions=False),
        "matrix": six_organ_matrix(day),
        "targets": targets_report(day, report)["targets"],
        "findings": network_findings(day),
    }


def rebuild_reports(day: dt.date) -> ReportSnapshot:
    started = time.perf_counter()
    return _stamp(REPORTS, day, started, reports_payload(day))


def rebuild_capacity(day: dt.date) -> ReportSnapshot:
    started = time.perf_counter()
    return _stamp(CAPACITY, day, started, capacity_baseline())


def rebuild(day: dt.date | None = None) -> dict[str, float]:
    """Recompute every summary for ``day`` (default today, as the pages' ``?date=`` default); seconds per summary."""
    day = day or dt.date.today()
    return {s.kind: s.seconds for s in (rebuild_registry(day), rebuild_reports(day), rebuild_capacity(day))}


def registry_snapshot() -> ReportSnapshot | None:
    return ReportSnapshot.objects.filter(kind=REGISTRY).defer("payload").first()


def _current(kind: str, day: dt.date) -> ReportSnapshot | None:
    return ReportSnapshot.objects.filter(kind=kind, day=day).first()


def _relabel(payload: dict[str, Any]) -> dict[str, Any]:
    """Labels in the active language (the payload is stored once, the page is read in either language)."""
    for organ in payload["matrix"]["organs"]:
        organ["label"] = str(IntranetNodeCode(organ["code"]).label)
    for target in payload["targets"]:
        target["status_label"] = str(TargetStatus(target["status"]).label)
        target["metric_label"] = str(TargetMetric(target["metric"]).label)
    return payload


def stored_reports(day: dt.date) -> tuple[dict[str, Any], dt.datetime] | None:
    """The stored dashboard figures for ``day`` and when they were computed, or None (compute live)."""
    snap = _current(REPORTS, day)
    return (_relabel(snap.payload), snap.computed_at) if snap else None


def stored_capacity(
    reader: Any, day: dt.date, limit: int | None = None, page: Any = None
) -> tuple[dict[str, Any], dt.datetime] | None:
    """The stored capacity baseline with its systems named for ``reader`` (only the links shown: the first
    ``limit``, or one ``page`` of :data:`LINKS_PER_PAGE`, set as ``links_page``), or None."""
    snap = _current(CAPACITY, day)
    if snap is None:
        return None
    out = paginate_links(copy.copy(snap.payload), limit=limit, page=page)
    return name_baseline(out, reader), snap.computed_at


def paginate_links(out: dict[str, Any], limit: int | None = None, page: Any = None) -> dict[str, Any]:
    """Keep only the links a page shows; ``links_total`` counts them all."""
    out["links_total"] = len(out["links"])
    if limit is not None:
        out["links"] = out["links"][:limit]
    elif page is not None or out["links_total"] > LINKS_PER_PAGE:
        links_page = Paginator(out["links"], LINKS_PER_PAGE).get_page(page)
        out["links"], out["links_page"] = list(links_page.object_list), links_page
    return out
