"""Builders: fill the document data from the data sources, through hooks (``register_document_source``).

Wired in ``ExchangeConfig.ready`` (``documents/sources.py``): ``review_sheet`` (projects + rules engine),
``coverage`` and ``targets`` (networks.planning), ``migration`` (migration progress), ``findings`` (the stored
findings of the engine's sweeps, ``policy.models.Finding``). A source missing makes the document fail closed
(``SourceMissing``). Signatures:

* ``"review_sheet"`` — ``fn(project_id, reader) -> ReviewSheetData`` (may call :func:`placements_for`);
* ``"coverage"`` / ``"migration"`` — ``fn(reader) -> (list[ProvinceFigure], note)``;
* ``"targets"`` — ``fn(reader) -> list[Target]``; ``"findings"`` — ``fn(reader) -> (by_article, by_province)``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from egovnet.core import permissions
from egovnet.geo.models import Division
from egovnet.systems import redaction
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import annotate_visibility, visible_systems

from ..importers import glossary
from .data import ApplicationPlacement, NationalReportData, ReviewSheetData

_SOURCES: dict[str, Callable[..., Any]] = {}


class SourceMissing(LookupError):
    """A document needs a data source that is not wired yet (names the issue that provides it)."""


def register_document_source(name: str, fn: Callable[..., Any]) -> None:
    _SOURCES[name] = fn


def unregister_document_source(name: str) -> None:
    _SOURCES.pop(name, None)


def placements_for(systems: QuerySet, reader: Any, *, restrict_scope: bool = True) -> list[ApplicationPlacement]:
    """Placement rows for the given systems, redacted for ``reader``'s clearance (one query).

    ``restrict_scope=False`` when the reader's right to see the rows comes from elsewhere (the applications of a
    project the reader may see); names and grades are still withheld by ``systems.redaction`` (clearance and
    the system's own scope).
    """
    base = visible_systems(reader) if restrict_scope else annotate_visibility(ApplicationSystem.objects.all(), reader)
    qs = base.filter(pk__in=systems.values("pk")).select_related("owner").order_by("pk")
    return [
        ApplicationPlacement(
            name=redaction.name(s),
            owner=s.owner.name,
            classified=s.is_classified,
            grade=glossary.SECRECY_GRADE.get(redaction.grade(s), ""),
            mlps_level=s.mlps_level,
            current_network=glossary.CURRENT_NETWORK.get(s.current_network, s.current_network),
            target_network=glossary.TARGET_NETWORK.get(s.target_network, "未确定"),
            system_id=s.pk,
        )
        for s in qs
    ]


def build_review_sheet(project_id: int, reader: Any) -> ReviewSheetData:
    source = _SOURCES.get("review_sheet")
    if source is None:
        raise SourceMissing(
            "项目审查表的数据源（项目生命周期与规则引擎）尚未接入 / "
            "the review sheet's data source (project lifecycle and rules engine) is not wired"
        )
    data = source(project_id, reader)
    data.generated_at = data.generated_at or timezone.now()
    data.generated_by = data.generated_by or getattr(reader, "display_name", "") or str(reader)
    return data


def _province_names() -> dict[str, str]:
    return dict(Division.objects.filter(level="province").values_list("code", "name"))


def _system_counts(reader: Any) -> list[dict[str, Any]]:
    qs = permissions.restrict(ApplicationSystem.objects.all(), reader, "view")
    return list(
        qs.values("owner__division__province_code", "is_classified", "current_network", "target_network")
        .annotate(n=Count("id"))
        .order_by()
    )


def _source(name: str) -> Callable[..., Any]:
    """A registered data source of the national report; fails closed when one is not wired."""
    fn = _SOURCES.get(name)
    if fn is None:
        raise SourceMissing(
            f"全国报告的数据源“{name}”尚未接入 / the national report's data source {name!r} is not wired"
        )
    return fn


def build_national_report(reader: Any) -> NationalReportData:
    counts = _system_counts(reader)
    data = NationalReportData(
        generated_at=timezone.now(), generated_by=getattr(reader, "display_name", "") or str(reader)
    )
    data.period = f"截至 {timezone.localdate():%Y年%m月%d日}"
    data.coverage, data.coverage_note = _source("coverage")(reader)
    data.migration, data.migration_note = _source("migration")(reader)
    data.targets = _source("targets")(reader)
    data.findings_by_article, data.findings_by_province = _source("findings")(reader)
    data.totals = {"应用系统 systems": sum(r["n"] for r in counts)}
    return data
