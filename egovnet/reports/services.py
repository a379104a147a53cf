"""Read-side composition for the dashboards and the reports API (no writes here).

Coverage, targets and the six-organ matrix are national aggregates, readable by every signed-in user.
Capacity names applications, so it is computed for the reader (classified names redacted, applications
outside the reader's ``permissions.restrict`` scope shown by number only).
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError

from egovnet.networks.choices import SnapshotScope
from egovnet.networks.models import CoverageSnapshot
from egovnet.networks.planning.coverage import compute_coverage
from egovnet.networks.planning.hotspots import capacity_report
from egovnet.networks.planning.intranet import six_organ_matrix
from egovnet.networks.planning.snapshots import national_history
from egovnet.networks.planning.targets import target_create, targets_report

GEO_DIR = Path(__file__).resolve().parent.parent / "geo" / "data"
EXCLUDED_MAP_CODES = ("710000", "810000", "820000")  # Taiwan, Hong Kong, Macau: outside the registry


def parse_date(value: str | None, field: str = "date") -> dt.date:
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValidationError({field: f"日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD, got {value!r}"}) from exc


def coverage_payload(day: dt.date) -> dict[str, Any]:
    report = compute_coverage(day)
    out = report.as_dict(with_regions=True)
    out["excluded_map_codes"] = list(EXCLUDED_MAP_CODES)
    out["intranet"] = six_organ_matrix(day)
    out["history"] = [
        {
            "date": r.date.isoformat(),
            "prefectures_covered": r.prefectures_covered,
            "prefectures_total": r.prefectures_total,
            "counties_covered": r.counties_covered,
            "counties_total": r.counties_total,
            "departments_connected": r.departments_connected,
            "departments_total": r.departments_total,
        }
        for r in national_history()
    ]
    return out


def targets_payload(day: dt.date) -> dict[str, Any]:
    return targets_report(day)


def capacity_payload(reader: Any, what_if: dict | None = None, limit: int | None = None) -> dict[str, Any]:
    report = capacity_report(reader, what_if=what_if)
    if limit is not None:
        report["links_total"] = len(report["links"])
        report["links"] = report["links"][:limit]
    return report


@cache
@cache
def provinces_geojson() -> bytes:
    """The province boundaries plus the 南海诸岛 inset (frame and island-chain dashes, as ECharts draws it for
    its China map); Taiwan stays one of the provinces."""
    data = json.loads((GEO_DIR / "provinces.geojson").read_text(encoding="utf-8"))
    inset = json.loads((GEO_DIR / "south_china_sea_inset.geojson").read_text(encoding="utf-8"))
    data["features"] = data["features"] + inset["features"]
    return json.dumps(data, ensure_ascii=False).encode()


@cache
def prefectures_geojson(province: str) -> bytes:
    """Features of one province from ``prefectures_approx.geojson`` (prefectures and direct county units)."""
    data = json.loads((GEO_DIR / "prefectures_approx.geojson").read_text(encoding="utf-8"))
    prefix = province[:2]
    features = [f for f in data["features"] if str(f["properties"].get("code", "")).startswith(prefix)]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False).encode()


def licence_text() -> str:
    lic = GEO_DIR / "licenses"
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(lic.glob("*.txt")))


def history_payload(division: str | None) -> dict[str, Any]:
    """Snapshot history of the nation (no division) or of one province / prefecture, oldest first."""
    if division and not (division.isdigit() and len(division) == 6):
        raise ValidationError(
            {"division": f"需要 6 位区划代码 / a 6-digit division code is required, got {division!r}"}
        )
    qs = (
        CoverageSnapshot.objects.filter(division_id=division)
        if division
        else CoverageSnapshot.objects.filter(scope=SnapshotScope.NATIONAL)
    )
    fields = (
        "date",
        "scope",
        "platform_present",
        "linked_to_backbone",
        "prefectures_total",
        "prefectures_covered",
        "counties_total",
        "counties_covered",
        "departments_total",
        "departments_connected",
    )
    rows = [{**r, "date": r["date"].isoformat()} for r in qs.order_by("date").values(*fields)]
    return {"division": division, "history": rows}


TARGET_FIELDS = ("code", "title", "article", "metric", "target_percent", "deadline", "notes")


def target_add(actor: Any, data: Any) -> Any:
    """Validate the JSON body of a new programme target and create it through the audited service."""
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": "需要 JSON 对象 / a JSON object is required"})
    unknown = sorted(set(data) - set(TARGET_FIELDS))
    if unknown:
        raise ValidationError({k: "未知字段 / unknown field" for k in unknown})
    values = {k: data[k] for k in TARGET_FIELDS if k in data}
    if "deadline" in values:
        values["deadline"] = parse_date(str(values["deadline"]), "deadline")
    return target_create(actor=actor, reason="API", **values)
