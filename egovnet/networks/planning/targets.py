"""Programme targets (articles 1–3) and administrator-added ones: met / on track / late, with a
slippage forecast from a linear fit over the national coverage snapshots (ADR 0503)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from egovnet.core import permissions
from egovnet.core.services import create_object, delete_object, update_object

from ..choices import SnapshotScope, TargetMetric, TargetStatus
from ..models import CoverageSnapshot, ProgrammeTarget
from .coverage import CoverageReport, compute_coverage
from .intranet import SIX_ORGAN_PAIRS, provincial_links, six_organ_matrix
from .snapshots import national_history

END_2015 = dt.date(2015, 12, 31)
MAX_FORECAST_DAYS = 100 * 365  # beyond a century the trend says "no progress", not a date


@dataclass(frozen=True)
class Target:
    code: str
    title: str
    article: str
    metric: str
    target_percent: float
    deadline: dt.date
    builtin: bool = True


BUILTIN_TARGETS = (
    Target(
        "art1-unified-network",
        "全国统一的国家电子政务网络 Unified national e-government network",
        "第一条",
        TargetMetric.UNIFIED_NETWORK,
        100.0,
        END_2015,
    ),
    Target(
        "art2-six-organ-interconnection",
        "六大中央机关安全互联互通 Six-organ secure interconnection",
        "第二条",
        TargetMetric.SIX_ORGAN_INTERCONNECTION,
        100.0,
        END_2015,
    ),
    Target(
        "art2-provincial-intranet-links",
        "与省级政务内网平台安全链接 Secure links to provincial intranet platforms",
        "第二条",
        TargetMetric.PROVINCIAL_INTRANET_LINKS,
        100.0,
        END_2015,
    ),
    Target(
        "art3-prefecture-coverage",
        "政务外网覆盖全部地（市） Extranet covers every prefecture",
        "第三条",
        TargetMetric.PREFECTURE_COVERAGE,
        100.0,
        END_2015,
    ),
    Target(
        "art3-county-coverage",
        "政务外网覆盖全部县（市） Extranet covers every county",
        "第三条",
        TargetMetric.COUNTY_COVERAGE,
        100.0,
        END_2015,
    ),
)


def _pct(part: int | None, total: int | None) -> float | None:
    return None if part is None or not total else 100.0 * part / total


def metric_value(metric: str, row: Any) -> float | None:
    """The metric's share (%) from a national snapshot row or an equivalent object."""
    if metric == TargetMetric.UNIFIED_NETWORK:
        return _pct(row.provinces_linked, row.provinces_total)
    if metric == TargetMetric.PREFECTURE_COVERAGE:
        return _pct(row.prefectures_covered, row.prefectures_total)
    if metric == TargetMetric.COUNTY_COVERAGE:
        return _pct(row.counties_covered, row.counties_total)
    if metric == TargetMetric.DEPARTMENTS_CONNECTED:
        return _pct(row.departments_connected, row.departments_total)
    if metric == TargetMetric.SIX_ORGAN_INTERCONNECTION:
        return _pct(row.intranet_pairs_attested, len(SIX_ORGAN_PAIRS))
    if metric == TargetMetric.PROVINCIAL_INTRANET_LINKS:
        return _pct(row.intranet_provincial_links, row.provinces_total)
    raise ValueError(f"unknown metric {metric!r}")


def current_row(day: dt.date, report: CoverageReport | None = None) -> CoverageSnapshot:
    """An unsaved national snapshot computed live for ``day``."""
    report = report or compute_coverage(day)
    values = {name: getattr(report.national, name) for name in report.national.__dataclass_fields__}
    return CoverageSnapshot(
        date=day,
        scope=SnapshotScope.NATIONAL,
        provinces_total=len(report.provinces),
        provinces_linked=report.provinces_linked,
        intranet_pairs_attested=six_organ_matrix(day)["attested"],
        intranet_provincial_links=len(provincial_links(day)),
        **values,
    )


def linear_forecast(points: list[tuple[dt.date, float]], goal: float) -> tuple[dt.date | None, str]:
    """When ``goal`` is reached going on from the latest point at the least-squares rate of ``points``.

    Returns (date, "") or (None, reason): "insufficient_history" with fewer than two dated points,
    "no_progress" when the rate is not positive or the date lies more than a century ahead.
    """
    dated = {d: v for d, v in points}
    if len(dated) < 2:
        return None, "insufficient_history"
    xs = [d.toordinal() for d in dated]
    ys = list(dated.values())
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx  # share points per day
    if slope <= 1e-9:
        return None, "no_progress"
    last_x = max(xs)
    days = (goal - dated[dt.date.fromordinal(last_x)]) / slope  # from the latest value, at the fitted rate
    if days > MAX_FORECAST_DAYS:
        return None, "no_progress"
    return dt.date.fromordinal(last_x + max(0, round(days))), ""


def target_status(target: Target, history: list[CoverageSnapshot], now: CoverageSnapshot) -> dict[str, Any]:
    """Status, current value, forecast and slippage of one target on ``now.date``."""
    goal = float(target.target_percent)
    current = metric_value(target.metric, now)
    points = [(r.date, v) for r in history if (v := metric_value(target.metric, r)) is not None]
    forecast, why = linear_forecast(points, goal)
    met = current is not None and current >= goal - 1e-9
    if met:
        status = TargetStatus.MET
        met_on = next((d for d, v in points if v >= goal - 1e-9), now.date)
    elif forecast is None:
        status = TargetStatus.LATE if now.date > target.deadline or why == "no_progress" else TargetStatus.UNKNOWN
        met_on = None
    else:
        status = TargetStatus.ON_TRACK if forecast <= target.deadline else TargetStatus.LATE
        met_on = None
    slippage = (forecast - target.deadline).days if forecast and not met else None
    return {
        "code": target.code,
        "title": target.title,
        "article": target.article,
        "metric": target.metric,
        "metric_label": str(TargetMetric(target.metric).label),
        "target_percent": goal,
        "deadline": target.deadline.isoformat(),
        "builtin": target.builtin,
        "current_percent": None if current is None else round(current, 2),
        "status": status.value,
        "status_label": str(status.label),
        "met_on": met_on.isoformat() if met_on else None,
        "forecast_date": forecast.isoformat() if forecast else None,
        "forecast_note": why,
        "slippage_days": slippage,
        "history_points": len({d for d, _v in points}),
        "explanation": _explain(target, status, current, forecast, why, slippage, met_on),
    }


def _explain(
    target: Target,
    status: str,
    current: float | None,
    forecast: dt.date | None,
    why: str,
    slippage: int | None,
    met_on: dt.date | None,
) -> str:
    value = "—" if current is None else f"{current:.1f}%"
    head = f"{target.article} {value} / {target.target_percent:.0f}%，截止 deadline {target.deadline.isoformat()}"
    if status == TargetStatus.MET:
        late = met_on and met_on > target.deadline
        return head + ("；已达成（逾期） met late" if late else "；已达成 met")
    if why == "insufficient_history":
        return head + "；快照不足两期，无法预测 insufficient history (fewer than 2 snapshots)"
    if why == "no_progress":
        return head + "；按现有趋势无进展，无法达成 no progress on the current trend"
    return (
        head
        + f"；按线性趋势预计 {forecast.isoformat()} 达成 forecast by linear trend，滞后 slippage {slippage} 天 days"
    )


def all_targets() -> list[Target]:
    custom = [
        Target(t.code, t.title, t.article, t.metric, float(t.target_percent), t.deadline, builtin=False)
        for t in ProgrammeTarget.objects.all()
    ]
    return [*BUILTIN_TARGETS, *custom]


def targets_report(day: dt.date | None = None, report: CoverageReport | None = None) -> dict[str, Any]:
    """Every target evaluated on ``day`` (a fixed number of queries)."""
    day = day or dt.date.today()
    history = [r for r in national_history() if r.date <= day]
    now = current_row(day, report)
    return {
        "date": day.isoformat(),
        "targets": [target_status(t, history, now) for t in all_targets()],
        "snapshots": len(history),
    }


# --- administrator-added targets: audited services ---------------------------------------------------


def _authorize(actor: Any, action: str) -> None:
    if not permissions.has_any_grant(actor, action, ProgrammeTarget):
        raise permissions.PermissionDenied(
            _("Only an administrator may manage programme targets. / 只有管理员可以管理规划目标。")
        )


def target_create(*, actor: Any, reason: str = "", **data: Any) -> ProgrammeTarget:
    _authorize(actor, "add")
    if "target_percent" in data:
        data["target_percent"] = Decimal(str(data["target_percent"]))
    return create_object(actor=actor, model=ProgrammeTarget, data=data, reason=reason)


def target_update(
    *, actor: Any, target: ProgrammeTarget, expected_version: int | None, reason: str = "", **changes: Any
) -> ProgrammeTarget:
    _authorize(actor, "change")
    return update_object(actor=actor, obj=target, changes=changes, expected_version=expected_version, reason=reason)


def target_delete(
    *, actor: Any, target: ProgrammeTarget, expected_version: int | None = None, reason: str = ""
) -> None:
    _authorize(actor, "delete")
    delete_object(actor=actor, obj=target, expected_version=expected_version, reason=reason)
