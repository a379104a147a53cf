"""Coverage snapshots: ``egovnet coverage --snapshot`` writes the coverage of a date, computed from the
connections and platforms valid on that date, so progress over time can be shown and forecast."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.services import SYSTEM_USERNAME
from egovnet.geo.choices import DivisionLevel

from ..choices import SnapshotScope
from ..models import CoverageSnapshot
from .coverage import Counts, compute_coverage
from .intranet import provincial_links, six_organ_matrix

_COUNT_FIELDS = tuple(Counts.__dataclass_fields__)


def _may_snapshot(actor: Any) -> bool:
    if getattr(actor, "username", None) == SYSTEM_USERNAME and actor.pk:
        return True  # the CLI / scheduler actor
    return permissions.has_any_grant(actor, "add", CoverageSnapshot)


def _row(day: dt.date, scope: str, division: str | None, counts: Counts, **extra: Any) -> CoverageSnapshot:
    values = {name: getattr(counts, name) for name in _COUNT_FIELDS}
    return CoverageSnapshot(date=day, scope=scope, division_id=division, **values, **extra)


def coverage_snapshot(*, actor: Any, day: dt.date | None = None) -> int:
    """Write (or rewrite) the snapshot rows of ``day``: national, every province and every prefecture."""
    if not _may_snapshot(actor):
        raise PermissionDenied("无权写入覆盖快照。 / You may not write coverage snapshots.")
    day = day or dt.date.today()
    report = compute_coverage(day)
    matrix = six_organ_matrix(day)
    links = provincial_links(day)
    rows = [
        _row(
            day,
            SnapshotScope.NATIONAL,
            None,
            report.national,
            provinces_total=len(report.provinces),
            provinces_linked=report.provinces_linked,
            intranet_pairs_attested=matrix["attested"],
            intranet_provincial_links=len(links),
        )
    ]
    for prov in report.provinces:
        rows.append(
            _row(
                day,
                SnapshotScope.PROVINCE,
                prov.code,
                prov.counts,
                platform_present=prov.platform_present,
                linked_to_backbone=prov.linked_to_backbone,
            )
        )
        rows += [
            _row(day, SnapshotScope.PREFECTURE, r.code, r.counts, platform_present=r.platform_present)
            for r in prov.regions
            if r.level == DivisionLevel.PREFECTURE
        ]
    with transaction.atomic():
        CoverageSnapshot.objects.filter(date=day).delete()
        CoverageSnapshot.objects.bulk_create(rows)
        audit.record_event(
            actor=actor,
            action=AuditAction.SYSTEM,
            object_type="networks.coveragesnapshot",
            object_id=day.isoformat(),
            description=f"覆盖快照 coverage snapshot {day.isoformat()}",
            after={"rows": len(rows), **{k: getattr(report.national, k) for k in _COUNT_FIELDS}},
        )
    return len(rows)


def national_history() -> list[CoverageSnapshot]:
    return list(CoverageSnapshot.objects.filter(scope=SnapshotScope.NATIONAL).order_by("date"))
