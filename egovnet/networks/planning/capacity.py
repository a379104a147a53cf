"""Article-6 capacity planning: route each extranet application's bandwidth need over the topology.

Routing model (ADR 0502): an application's owner is served by its *home* platform (the extranet platform
it is connected to, else the platform of its level and division, walking up). Each coverage level names
destination platforms (below the owner: every platform of that level inside the owner's division; above:
the platform of that level above it, the central backbone for "central"). ``bandwidth_mbps`` is the
application's total need, shared equally by its N destinations: each receives bandwidth / N along the
hop-shortest path from home, so a link's demand is the sum over applications of bandwidth × (destinations
behind the link) / N — the home uplink carries the whole need, a county access link its 1/N share. Applications are grouped by (home, owner division, coverage)
so that a national run routes each group once.
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from django.db.models import TextField
from django.db.models.functions import Cast

from egovnet.systems.choices import SystemStatus, TargetNetwork
from egovnet.systems.models import ApplicationSystem

from .graph import Topology, connected_homes

TOP_SYSTEMS = 5
FEW_DESTINATIONS = 8


@dataclass(frozen=True)
class Demand:
    key: Any  # system id, or a what-if reference ("new:…")
    owner_id: int
    owner_level: str
    owner_division: str | None
    coverage: tuple[str, ...]
    bandwidth: int | None
    name: str = ""  # only for what-if additions (typed by the reader)


@dataclass
class CapacityResult:
    demand: dict[tuple[int, int], float] = field(default_factory=dict)  # edge -> Mbps
    top: dict[tuple[int, int], list[tuple[float, Any]]] = field(default_factory=dict)
    systems_routed: int = 0
    systems_unroutable: list[Any] = field(default_factory=list)
    systems_without_bandwidth: int = 0
    systems_partially_routed: int = 0  # some destinations unreachable over the recorded links
    destinations_unreachable: int = 0


def load_demands() -> list[Demand]:
    """Every extranet-bound application not retired (one query, no model instances).

    ``coverage_levels`` is read as JSON text and parsed once per distinct value (a handful nationally)
    instead of once per row.
    """
    qs = ApplicationSystem.objects.filter(target_network=TargetNetwork.EXTRANET).exclude(status=SystemStatus.RETIRED)
    rows = qs.annotate(coverage_text=Cast("coverage_levels", TextField())).values_list(
        "id", "owner_id", "owner__level", "owner__division_id", "coverage_text", "bandwidth_mbps"
    )
    parsed: dict[str | None, tuple[str, ...]] = {}
    out = []
    for pk, owner, level, division, text, bw in rows.iterator(chunk_size=5000):
        coverage = parsed.get(text)
        if coverage is None:
            value = json.loads(text) if text else []
            coverage = parsed[text] = tuple(value) if isinstance(value, list) else ()
        out.append(Demand(pk, owner, level, division, coverage, bw))
    return out


def _edge(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def route(topo: Topology, demands: list[Demand], homes: dict[int, int] | None = None) -> CapacityResult:
    """Route ``demands`` over ``topo``; pure (no database access)."""
    homes = connected_homes() if homes is None else homes
    result = CapacityResult()
    groups: dict[tuple, list[Demand]] = defaultdict(list)
    served: dict[tuple, int | None] = {}
    for d in demands:
        if not d.bandwidth:
            result.systems_without_bandwidth += 1
            continue
        home = homes.get(d.owner_id)
        if home is None:
            where = (d.owner_level, d.owner_division)
            if where not in served:
                served[where] = topo.platform_for(*where)
            home = served[where]
        if home is None or home not in topo.graph:
            result.systems_unroutable.append(d.key)
            continue
        groups[(home, d.owner_level, d.owner_division, d.coverage)].append(d)
    paths_cache: dict[int, dict[int, list[int]]] = {}
    for (home, level, division, coverage), members in groups.items():
        counts, missing, n_dest = _edge_counts(topo, home, level, division, coverage, paths_cache)
        result.systems_routed += len(members)
        if missing:
            result.systems_partially_routed += len(members)
            result.destinations_unreachable += missing * len(members)
        if not n_dest:
            continue  # only the owner's own level (or township): no wide-area load
        total = sum(d.bandwidth for d in members)
        heaviest = heapq.nlargest(TOP_SYSTEMS, members, key=lambda d: d.bandwidth)
        for edge, n in counts.items():
            share = n / n_dest  # the fraction of each application's bandwidth crossing this edge
            result.demand[edge] = result.demand.get(edge, 0.0) + total * share
            bucket = result.top.setdefault(edge, [])
            bucket.extend((d.bandwidth * share, d.key) for d in heaviest)
            if len(bucket) > 4 * TOP_SYSTEMS:
                result.top[edge] = heapq.nlargest(TOP_SYSTEMS, bucket, key=lambda t: t[0])
    for edge, bucket in result.top.items():
        result.top[edge] = _merge_top(bucket)
    return result


def _merge_top(bucket: list[tuple[float, Any]]) -> list[tuple[float, Any]]:
    merged: dict[Any, float] = defaultdict(float)
    for mbps, key in bucket:
        merged[key] = max(merged[key], mbps)
    return heapq.nlargest(TOP_SYSTEMS, ((m, k) for k, m in merged.items()), key=lambda t: t[0])


def _edge_counts(
    topo: Topology, home: int, level: str, division: str | None, coverage: tuple[str, ...], cache: dict
) -> tuple[dict[tuple[int, int], int], int, int]:
    """Per edge, how many destination paths of one group cross it; unreachable and total destinations.

    Few destinations (a county reporting upward): one bidirectional BFS each. Many (a province reaching
    its counties): one shortest-path tree from the home, cached for every group of that home.
    """
    destinations = topo.destinations(level, division, coverage)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    missing = 0
    for dest in destinations:
        path = _path(topo, home, dest, cache, many=len(destinations) > FEW_DESTINATIONS)
        if path is None:
            missing += 1
            continue
        for a, b in zip(path, path[1:], strict=False):
            counts[_edge(a, b)] += 1
    return counts, missing, len(destinations)


def _path(topo: Topology, home: int, dest: int, cache: dict, many: bool) -> list[int] | None:
    if many or home in cache:
        if home not in cache:  # BFS tree from home: parent of every reachable node (first predecessor)
            cache[home] = _bfs_parents(cache, topo, home)
        parents = cache[home]
        if dest != home and dest not in parents:
            return None
        path = [dest]
        while path[-1] != home:
            path.append(parents[path[-1]])
        return path
    try:
        return nx.bidirectional_shortest_path(topo.graph, home, dest)
    except nx.NetworkXNoPath:
        return None


def _bfs_parents(cache: dict, topo: Topology, home: int) -> dict[int, int]:
    """Hop-shortest-path tree from ``home`` as {node: parent} (plain-dict BFS over a cached adjacency)."""
    adj = cache.get("adj")
    if adj is None:
        adj = cache["adj"] = {n: list(nbrs) for n, nbrs in topo.graph.adjacency()}
    parents: dict[int, int] = {}
    frontier, seen = [home], {home}
    while frontier:
        nxt = []
        for node in frontier:
            for nb in adj[node]:
                if nb not in seen:
                    seen.add(nb)
                    parents[nb] = node
                    nxt.append(nb)
        frontier = nxt
    return parents
