"""Builders: fill the document data from the data sources, through hooks (``register_document_source``).

Wired in ``ExchangeConfig.ready`` (``documents/sources.py``): ``review_sheet`` (projects + rules engine),
``coverage`` and ``targets`` (networks.planning), ``migration`` (migration progress), ``findings`` (the stored
findings of the engine's sweeps, ``policy.models.Finding``). A source missing falls back to a proxy computed from the application-system registry, and the
document says so (``NationalReportData.todo``). Signatures:

* ``"review_sheet"`` — ``fn(project_id, reader) -> ReviewSheetData`` (may call :func:`placements_for`);
* ``"coverage"`` / ``"migration"`` — ``fn(reader) -> (list[ProvinceFigure], note)``;
* ``"targets"`` — ``fn(reader) -> list[Target]``; ``"findings"`` — ``fn(reader) -> (by_article, by_province)``.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db.models import Count, QuerySet
from django.utils import timezone

from egovnet.core import permissions
from egovnet.geo.models import Division
from egovnet.systems.choices import CurrentNetwork, TargetNetwork
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, annotate_visibility, visible_systems

from ..importers import glossary
from .data import ApplicationPlacement, NationalReportData, ProvinceFigure, ReviewSheetData, Target

_SOURCES: dict[str, Callable[..., Any]] = {}


class SourceMissing(LookupError):
    """A document needs a data source that is not wired yet (names the issue that provides it)."""


def register_document_source(name: str, fn: Callable[..., Any]) -> None:
    _SOURCES[name] = fn


def unregister_document_source(name: str) -> None:
    _SOURCES.pop(name, None)


def placements_for(systems: QuerySet, reader: Any, *, restrict_scope: bool = True) -> list[ApplicationPlacement]:
    """Placement rows for the given systems, redacted for ``reader``'s clearance (one query).

    ``restrict_scope=False`` when the reader's right to see them comes from elsewhere (the applications of a
    project the reader may see); names and grades are still withheld by clearance.
    """
    base = visible_systems(reader) if restrict_scope else annotate_visibility(ApplicationSystem.objects.all(), reader)
    qs = base.filter(pk__in=systems.values("pk")).select_related("owner").order_by("pk")
    return [
        ApplicationPlacement(
            name=s.display_name if s.name_visible else REDACTED_NAME,
            owner=s.owner.name,
            classified=s.is_classified,
            grade=glossary.SECRECY_GRADE.get(s.display_grade, ""),
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
            "项目审查表的数据源（项目生命周期与规则引擎，issue 4/3）尚未接入 / "
            "the review sheet's data source (project lifecycle and rules engine, issues 4/3) is not wired yet"
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


def registry_coverage(reader: Any, counts: list[dict[str, Any]] | None = None) -> tuple[list[ProvinceFigure], str]:
    """Proxy until issue 5: share of non-classified systems of each province already on the extranet."""
    counts = _system_counts(reader) if counts is None else counts
    names, on, total = _province_names(), defaultdict(int), defaultdict(int)
    for row in counts:
        code = row["owner__division__province_code"] or ""
        if row["is_classified"] or not code:
            continue
        total[code] += row["n"]
        on[code] += row["n"] if row["current_network"] == CurrentNetwork.EXTRANET else 0
    figures = [
        ProvinceFigure(code, names.get(code, code), round(100 * on[code] / total[code], 1), f"{on[code]}/{total[code]}")
        for code in sorted(total)
    ]
    note = "按应用系统登记簿计算：非涉密应用系统中已部署在政务外网的比例（覆盖统计接入后以其为准）。"
    return figures, note


def registry_migration(reader: Any, counts: list[dict[str, Any]] | None = None) -> tuple[list[ProvinceFigure], str]:
    """Proxy until issue 6: of the systems with a decided target, the share already on it."""
    counts = _system_counts(reader) if counts is None else counts
    names, done, total = _province_names(), defaultdict(int), defaultdict(int)
    for row in counts:
        code, target = row["owner__division__province_code"] or "", row["target_network"]
        if not code or target not in (TargetNetwork.INTRANET, TargetNetwork.EXTRANET):
            continue
        total[code] += row["n"]
        done[code] += row["n"] if row["current_network"] == target else 0
    figures = [
        ProvinceFigure(
            code, names.get(code, code), round(100 * done[code] / total[code], 1), f"{done[code]}/{total[code]}"
        )
        for code in sorted(total)
    ]
    return figures, "按应用系统登记簿计算：已确定目标网络的系统中已迁移到位的比例（迁移台账接入后以其为准）。"


def registry_targets(reader: Any, counts: list[dict[str, Any]] | None = None) -> list[Target]:
    counts = _system_counts(reader) if counts is None else counts
    plain = sum(r["n"] for r in counts if not r["is_classified"])
    on_extranet = sum(
        r["n"] for r in counts if not r["is_classified"] and r["current_network"] == CurrentNetwork.EXTRANET
    )
    dedicated = sum(r["n"] for r in counts if r["current_network"] == CurrentNetwork.DEDICATED)
    total = sum(r["n"] for r in counts)
    return [
        Target("非涉密应用系统部署在政务外网（第四条）", 100.0, round(100 * on_extranet / plain, 1) if plain else 0.0),
        Target(
            "仍运行在业务专网上的系统占比（第十二条，目标为 0）",
            0.0,
            round(100 * dedicated / total, 1) if total else 0.0,
        ),
    ]


def build_national_report(reader: Any) -> NationalReportData:
    counts = _system_counts(reader)
    data = NationalReportData(
        generated_at=timezone.now(), generated_by=getattr(reader, "display_name", "") or str(reader)
    )
    data.period = f"截至 {timezone.localdate():%Y年%m月%d日}"
    data.coverage, data.coverage_note = _SOURCES.get("coverage", lambda r: registry_coverage(r, counts))(reader)
    data.migration, data.migration_note = _SOURCES.get("migration", lambda r: registry_migration(r, counts))(reader)
    data.targets = _SOURCES.get("targets", lambda r: registry_targets(r, counts))(reader)
    if "findings" in _SOURCES:
        data.findings_by_article, data.findings_by_province = _SOURCES["findings"](reader)
    else:
        data.todo.append(
            "按条款、按省份的规则检查结果：规则引擎（issue 3）尚未接入 / findings: rules engine not wired yet"
        )
    for key, issue in (("coverage", "5"), ("migration", "6")):
        if key not in _SOURCES:
            data.todo.append(
                f"{key}: 使用登记簿代理指标，待 issue {issue} 接入 / registry proxy until issue {issue} is wired"
            )
    data.totals = {"应用系统 systems": sum(r["n"] for r in counts)}
    return data
