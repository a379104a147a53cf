"""Capacity report and what-if: per-link demand against capacity, over-subscribed links and the
applications driving them. Classified names are redacted for readers without clearance
(``systems.queries``); applications outside the reader's scope are shown by number only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max

from egovnet.core import permissions
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import CoverageLevel, TargetNetwork
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, annotate_visibility

from ..models import Connection, Network, NetworkLink
from .capacity import CapacityResult, Demand, load_demands, route
from .graph import build_topology, connected_homes

HOT_UTILISATION = 80.0


_ROUTED: dict[tuple, tuple] = {}  # fingerprint -> (topology, homes, demands, base result); one entry kept


def _fingerprint(include_planned: bool) -> tuple:
    """Counts and latest edits of every table routing reads: a change anywhere invalidates the cache."""
    parts: list[Any] = [include_planned, dt.date.today()]
    for model in (ApplicationSystem, Organisation, Network, NetworkLink, Connection):
        parts.append(tuple(model.objects.aggregate(n=Count("pk"), top=Max("pk"), at=Max("last_updated")).values()))
    return tuple(parts)


def _routed(include_planned: bool) -> tuple:
    key = _fingerprint(include_planned)
    if key not in _ROUTED:
        topo = build_topology(include_planned=include_planned)
        homes = connected_homes()
        demands = load_demands()
        _ROUTED.clear()
        _ROUTED[key] = (topo, homes, demands, route(topo, demands, homes))
    return _ROUTED[key]


def capacity_report(reader: Any = None, what_if: dict | None = None, include_planned: bool = False) -> dict[str, Any]:
    """The capacity report; with ``what_if`` also the scenario and its deltas. Never writes.

    The routed baseline is reused while no system, organisation, network, link or connection changed
    (five aggregate queries decide it); names are always resolved for the current reader.
    """
    topo, homes, demands, base = _routed(include_planned)
    out = _summarise(topo, base)
    scenario_result = None
    if what_if is not None:
        scenario = apply_what_if(demands, what_if)
        scenario_result = route(topo, scenario, homes)
        out["what_if"] = _diff(topo, base, scenario_result)
    _name_systems(out, reader, scenario_result, what_if)
    return out


def _link_row(topo: Any, edge: tuple[int, int], result: CapacityResult) -> dict[str, Any]:
    a, b = edge
    data = topo.graph.edges[a, b]
    demand = round(result.demand.get(edge, 0.0), 2)
    cap = data.get("capacity")
    util = round(100.0 * demand / cap, 1) if cap else None
    return {
        "link": data["link"],
        "a": topo.names[a],
        "b": topo.names[b],
        "capacity_mbps": cap,
        "demand_mbps": demand,
        "utilisation_percent": util,
        "oversubscribed": bool(cap) and demand > cap,
        "top_systems": result.top.get(edge, []),
    }


def _summarise(topo: Any, result: CapacityResult) -> dict[str, Any]:
    rows = [_link_row(topo, (min(a, b), max(a, b)), result) for a, b in topo.graph.edges]
    rows.sort(key=lambda r: (-(r["utilisation_percent"] or 0), -r["demand_mbps"], r["link"]))
    for r in rows:
        if not (r["utilisation_percent"] or 0) >= HOT_UTILISATION:
            r["top_systems"] = []
    return {
        "links": rows,
        "oversubscribed": [r["link"] for r in rows if r["oversubscribed"]],
        "systems_routed": result.systems_routed,
        "systems_unroutable": len(result.systems_unroutable),
        "systems_without_bandwidth": result.systems_without_bandwidth,
        "systems_partially_routed": result.systems_partially_routed,
        "destinations_unreachable": result.destinations_unreachable,
    }


def _diff(topo: Any, base: CapacityResult, scenario: CapacityResult) -> dict[str, Any]:
    rows = []
    for a, b in topo.graph.edges:
        edge = (min(a, b), max(a, b))
        row = _link_row(topo, edge, scenario)
        row["baseline_mbps"] = round(base.demand.get(edge, 0.0), 2)
        row["delta_mbps"] = round(row["demand_mbps"] - row["baseline_mbps"], 2)
        if row["delta_mbps"] or row["oversubscribed"]:
            rows.append(row)
    rows.sort(key=lambda r: (-abs(r["delta_mbps"]), r["link"]))
    base_over = {topo.graph.edges[e]["link"] for e, d in base.demand.items() if _over(topo, e, d)}
    return {
        "links": rows,
        "oversubscribed": sorted(r["link"] for r in rows if r["oversubscribed"]),
        "newly_oversubscribed": sorted(r["link"] for r in rows if r["oversubscribed"] and r["link"] not in base_over),
        "systems_routed": scenario.systems_routed,
        "systems_unroutable": len(scenario.systems_unroutable),
    }


def _over(topo: Any, edge: tuple[int, int], demand: float) -> bool:
    cap = topo.graph.edges[edge].get("capacity")
    return bool(cap) and demand > cap


# --- what-if input --------------------------------------------------------------------------------------


def apply_what_if(demands: list[Demand], spec: dict) -> list[Demand]:
    """A new demand list with ``spec`` applied: {"add": [...], "move": [...], "remove": [ids]}.

    ``add`` rows: owner (organisation id), coverage_levels, bandwidth_mbps, optional name / target_network.
    ``move`` rows: system (id) plus any of owner, coverage_levels, bandwidth_mbps, target_network.
    Raises ValidationError naming the row and field; never touches the database beyond reading owners.
    """
    if not isinstance(spec, dict) or set(spec) - {"add", "move", "remove"}:
        raise ValidationError(
            {"what_if": "需要 JSON 对象 {add, move, remove} / expected a JSON object with add, move, remove"}
        )
    rows = {f"add[{i}]": r for i, r in enumerate(spec.get("add") or [])}
    rows |= {f"move[{i}]": r for i, r in enumerate(spec.get("move") or [])}
    owners = _owners(rows)
    by_key = {d.key: d for d in demands}
    errors: dict[str, str] = {}
    removed = set(spec.get("remove") or [])
    moved: dict[Any, Demand | None] = {}
    added: list[Demand] = []
    for label, row in rows.items():
        try:
            if label.startswith("add"):
                added.append(_demand_from(row, f"new:{label}", None, owners))
            else:
                base = by_key.get(row.get("system")) or _system_demand(row.get("system"))
                moved[base.key] = _demand_from(row, base.key, base, owners)
        except ValidationError as exc:
            errors[label] = "; ".join(exc.messages)
    if errors:
        raise ValidationError(errors)
    out = [moved[d.key] if d.key in moved else d for d in demands if d.key not in removed]
    out += [m for k, m in moved.items() if k not in by_key]  # moved onto the extranet
    return [d for d in out + added if d is not None]


def _owners(rows: dict[str, dict]) -> dict[int, tuple[str, str | None]]:
    ids = {r.get("owner") for r in rows.values() if isinstance(r, dict) and isinstance(r.get("owner"), int)}
    return {
        pk: (lv, div)
        for pk, lv, div in Organisation.objects.filter(id__in=ids).values_list("id", "level", "division_id")
    }


def _system_demand(pk: Any) -> Demand:
    row = (
        ApplicationSystem.objects.filter(pk=pk)
        .values_list("id", "owner_id", "owner__level", "owner__division_id", "coverage_levels", "bandwidth_mbps")
        .first()
        if isinstance(pk, int)
        else None
    )
    if row is None:
        raise ValidationError(f"system: 未找到应用系统 {pk!r} / no application system {pk!r}")
    pk, owner, level, division, cov, bw = row
    return Demand(pk, owner, level, division, tuple(cov or ()), bw)


def _demand_from(row: Any, key: Any, base: Demand | None, owners: dict) -> Demand | None:
    if not isinstance(row, dict):
        raise ValidationError("需要 JSON 对象 / expected a JSON object")
    target = row.get("target_network", TargetNetwork.EXTRANET)
    if target not in TargetNetwork.values:
        raise ValidationError(f"target_network: 未知取值 {target!r} / unknown value")
    owner = row.get("owner", base.owner_id if base else None)
    if owner not in owners and (base is None or owner != base.owner_id):
        raise ValidationError(f"owner: 未找到组织 {owner!r} / no organisation {owner!r}")
    level, division = owners.get(owner, (base.owner_level, base.owner_division) if base else (None, None))
    coverage = row.get("coverage_levels", list(base.coverage) if base else [])
    if not isinstance(coverage, list) or any(c not in CoverageLevel.values for c in coverage):
        raise ValidationError(f"coverage_levels: 取值应为 {CoverageLevel.values} / use {CoverageLevel.values}")
    bandwidth = row.get("bandwidth_mbps", base.bandwidth if base else None)
    if not isinstance(bandwidth, int) or bandwidth <= 0:
        raise ValidationError("bandwidth_mbps: 需要正整数 / a positive integer is required")
    if target != TargetNetwork.EXTRANET:
        return None  # moved off the extranet: no extranet demand any more
    name = str(row.get("name", "")) if base is None else ""
    return Demand(key, owner, level, division, tuple(coverage), bandwidth, name)


# --- names ---------------------------------------------------------------------------------------------


def _name_systems(out: dict, reader: Any, scenario: CapacityResult | None, what_if: dict | None) -> None:
    rows = list(out["links"]) + list(out.get("what_if", {}).get("links", []))
    ids = {k for r in rows for _m, k in r["top_systems"] if isinstance(k, int)}
    names = _visible_names(ids, reader)
    added = {
        f"new:add[{i}]": str(r.get("name") or f"新增系统 new #{i}")
        for i, r in enumerate((what_if or {}).get("add") or [])
    }
    for r in rows:
        r["top_systems"] = [
            {
                "system": k if isinstance(k, int) else None,
                "name": names.get(k) or added.get(k, f"#{k}"),
                "mbps": round(m, 2),
            }
            for m, k in r["top_systems"]
        ]


def _visible_names(ids: set[int], reader: Any) -> dict[int, str]:
    if not ids:
        return {}
    qs = annotate_visibility(ApplicationSystem.objects.filter(id__in=ids), reader)
    in_scope = None
    if reader is not None:
        in_scope = set(
            permissions.restrict(ApplicationSystem.objects.filter(id__in=ids), reader).values_list("id", flat=True)
        )
    names: dict[int, str] = {}
    for pk, display in qs.values_list("id", "display_name"):
        if in_scope is not None and pk not in in_scope:
            names[pk] = f"应用系统 #{pk}（不在您的管辖范围 outside your scope）"
        else:
            names[pk] = display or REDACTED_NAME
    return names


# --- the stored baseline (summary tables) ----------------------------------------------------------------


def capacity_baseline(include_planned: bool = False) -> dict[str, Any]:
    """The routed baseline summarised with systems by id only (no names, nothing reader-specific): what a
    summary table may store; :func:`name_baseline` resolves the names for one reader when a page renders."""
    topo, _homes, _demands, base = _routed(include_planned)
    return _summarise(topo, base)


def name_baseline(out: dict[str, Any], reader: Any) -> dict[str, Any]:
    """Names of the top systems of a stored baseline, as ``reader`` may see them (redacted / out of scope)."""
    _name_systems(out, reader, None, None)
    return out
