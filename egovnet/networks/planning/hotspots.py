"""Capacity report and what-if: per-link demand against capacity, over-subscribed links and the
applications driving them. Classified names are redacted for readers without clearance
(``systems.queries``); applications outside the reader's scope are shown by number only."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from egovnet.core import permissions
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import CoverageLevel, TargetNetwork
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, annotate_visibility

from . import current
from .capacity import Demand, RoutingState, route

HOT_UTILISATION = 80.0


def capacity_report(reader: Any = None, what_if: dict | None = None, include_planned: bool = False) -> dict[str, Any]:
    """The capacity report; with ``what_if`` also the scenario and its deltas. Never writes.

    The routed state is kept current by deltas after edits (:mod:`.current`); names are always resolved for
    the current reader.
    """
    with current.LOCK:
        base = current.routed_state(include_planned)
        out = _summarise(base)
        if what_if is not None:
            scenario = route(base.topo, apply_what_if(base.demands(), what_if), base.homes)
            out["what_if"] = _diff(base, scenario)
    _name_systems(out, reader, what_if)
    return out


def _link_row(state: RoutingState, edge: tuple[int, int], demand: dict, top: bool) -> dict[str, Any]:
    a, b = edge
    topo = state.topo
    data = topo.graph.edges[a, b]
    mbps = round(demand.get(edge, 0.0), 2)
    cap = data.get("capacity")
    util = round(100.0 * mbps / cap, 1) if cap else None
    return {
        "link": data["link"],
        "a": topo.names[a],
        "b": topo.names[b],
        "capacity_mbps": cap,
        "demand_mbps": mbps,
        "utilisation_percent": util,
        "oversubscribed": bool(cap) and mbps > cap,
        "top_systems": state.top(edge) if top else [],
    }


def _summarise(state: RoutingState) -> dict[str, Any]:
    """Every link by utilisation; the heaviest applications are named on the hot ones only."""
    demand = state.demand()
    pairs = [(_link_row(state, edge, demand, False), edge) for edge in (_edge(a, b) for a, b in state.topo.graph.edges)]
    pairs.sort(key=lambda p: (-(p[0]["utilisation_percent"] or 0), -p[0]["demand_mbps"], p[0]["link"]))
    for r, edge in pairs:
        if (r["utilisation_percent"] or 0) < HOT_UTILISATION:
            break
        r["top_systems"] = state.top(edge)
    rows = [r for r, _edge in pairs]
    return {"links": rows, "oversubscribed": [r["link"] for r in rows if r["oversubscribed"]], **state.counters()}


def _edge(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _diff(base: RoutingState, scenario: RoutingState) -> dict[str, Any]:
    rows = []
    before, after = base.demand(), scenario.demand()
    for a, b in scenario.topo.graph.edges:
        edge = (min(a, b), max(a, b))
        row = _link_row(scenario, edge, after, False)
        row["baseline_mbps"] = round(before.get(edge, 0.0), 2)
        row["delta_mbps"] = round(row["demand_mbps"] - row["baseline_mbps"], 2)
        if row["delta_mbps"] or row["oversubscribed"]:
            row["top_systems"] = scenario.top(edge)
            rows.append(row)
    rows.sort(key=lambda r: (-abs(r["delta_mbps"]), r["link"]))
    topo = base.topo
    base_over = {topo.graph.edges[e]["link"] for e, d in before.items() if _over(topo, e, d)}
    counters = scenario.counters()
    return {
        "links": rows,
        "oversubscribed": sorted(r["link"] for r in rows if r["oversubscribed"]),
        "newly_oversubscribed": sorted(r["link"] for r in rows if r["oversubscribed"] and r["link"] not in base_over),
        "systems_routed": counters["systems_routed"],
        "systems_unroutable": counters["systems_unroutable"],
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
    return Demand(key, owner, level, division, tuple(coverage), bandwidth)


# --- names ---------------------------------------------------------------------------------------------


def _name_systems(out: dict, reader: Any, what_if: dict | None) -> None:
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
    with current.LOCK:
        return _summarise(current.routed_state(include_planned))


def name_baseline(out: dict[str, Any], reader: Any) -> dict[str, Any]:
    """Names of the top systems of a stored baseline, as ``reader`` may see them (redacted / out of scope)."""
    _name_systems(out, reader, None)
    return out
