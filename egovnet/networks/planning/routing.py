"""The routed state of article-6 capacity planning, kept current by deltas (ADR 0502, 0505).

Applications are grouped by route (home platform, owner level, owner division, coverage): a group's route
(how many of its destination paths cross each link) is computed once, and a link's demand is the sum over the
groups crossing it of the group's total bandwidth × paths / destinations. Demands are kept exact, as integer
numerators per denominator, so adding and removing applications in any order gives the same figures as routing
everything from scratch. Applying one application's edit touches only its old and new group and the links on
their routes; the heaviest applications per link are found on demand, from the groups crossing it.

Paths: on a component of the graph that is a tree (the national extranet is one: backbone, provinces,
prefectures, counties), the hop-shortest path is the unique one, found by walking both ends up a rooted parent
tree. On a component with cycles, the path is the breadth-first one from the home (a BFS parent tree per home
for groups with many destinations, a bidirectional search otherwise).
"""

from __future__ import annotations

import heapq
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import networkx as nx

from .graph import Topology

TOP_SYSTEMS = 5
FEW_DESTINATIONS = 8
Edge = tuple[int, int]
GroupKey = tuple  # (home, owner level, owner division, coverage)


class Demand(NamedTuple):
    """One application's need (a named tuple: 200k are made per national routing)."""

    key: Any  # system id, or a what-if reference ("new:…")
    owner_id: int
    owner_level: str
    owner_division: str | None
    coverage: tuple[str, ...]
    bandwidth: int | None


@dataclass
class Route:
    """Where one group's traffic goes: paths per link, destinations reached and missed."""

    edges: dict[Edge, int]
    n_dest: int
    missing: int


@dataclass
class Group:
    route: Route
    members: dict[Any, int] = field(default_factory=dict)  # application key -> bandwidth
    _top: list[tuple[int, Any]] | None = None  # the heaviest members, (bandwidth, key), cached

    def top(self) -> list[tuple[int, Any]]:
        if self._top is None:
            self._top = heapq.nsmallest(TOP_SYSTEMS, ((bw, k) for k, bw in self.members.items()), key=heaviest)
        return self._top


def coverage_of(raw: Any) -> tuple[str, ...]:
    """Coverage levels as a tuple, from the JSON text a database row carries or a tuple already parsed."""
    if isinstance(raw, tuple):
        return raw
    value = json.loads(raw) if raw else []
    return tuple(value) if isinstance(value, list) else ()


def heaviest(item: tuple[float, Any]) -> tuple:
    """Sort key: heaviest first; equal loads by key (ids before what-if references), so the order never
    depends on the order applications were added in."""
    mbps, key = item
    return (-mbps, 0, key, "") if isinstance(key, int) else (-mbps, 1, 0, str(key))


def _edge(a: int, b: int) -> Edge:
    return (a, b) if a < b else (b, a)


class Paths:
    """Hop-shortest paths over the topology's graph: parent chains on tree components, BFS elsewhere."""

    def __init__(self, graph: nx.Graph) -> None:
        self.graph = graph
        self.adj = {n: list(nbrs) for n, nbrs in graph.adjacency()}
        self.parent: dict[int, int] = {}
        self.depth: dict[int, int] = {}
        self.component: dict[int, int] = {}
        self.cyclic: set[int] = set()  # components with a cycle
        self._bfs: dict[int, dict[int, int]] = {}
        self._cache: dict[tuple[int, int, bool], list[Edge] | None] = {}
        for root in sorted(self.adj):
            if root not in self.component:
                self._root(root)

    def _root(self, root: int) -> None:
        parent, depth, component, adj = self.parent, self.depth, self.component, self.adj
        depth[root], component[root] = 0, root
        frontier, nodes, degree = [root], 1, len(adj[root])
        while frontier:
            nxt = []
            for node in frontier:
                for nb in adj[node]:
                    if nb not in component:
                        parent[nb], depth[nb], component[nb] = node, depth[node] + 1, root
                        nodes += 1
                        degree += len(adj[nb])
                        nxt.append(nb)
            frontier = nxt
        if degree // 2 != nodes - 1:
            self.cyclic.add(root)

    def edges(self, home: int, dest: int, many: bool) -> list[Edge] | None:
        """The links on the path from ``home`` to ``dest``; None when unreachable (cached per pair)."""
        key = (home, dest, many)
        if key not in self._cache:
            self._cache[key] = self._edges(home, dest, many)
        return self._cache[key]

    def _edges(self, home: int, dest: int, many: bool) -> list[Edge] | None:
        component = self.component.get(home)
        if component is None or component != self.component.get(dest):
            return None
        if component in self.cyclic:
            return self._bfs_edges(home, dest, many)
        parent, depth = self.parent, self.depth
        out: list[Edge] = []
        a, b = home, dest
        while depth[a] > depth[b]:
            p = parent[a]
            out.append((a, p) if a < p else (p, a))
            a = p
        while depth[b] > depth[a]:
            p = parent[b]
            out.append((b, p) if b < p else (p, b))
            b = p
        while a != b:
            p, q = parent[a], parent[b]
            out.append((a, p) if a < p else (p, a))
            out.append((b, q) if b < q else (q, b))
            a, b = p, q
        return out

    def _bfs_edges(self, home: int, dest: int, many: bool) -> list[Edge] | None:
        if many:
            parents = self._bfs.get(home)
            if parents is None:
                parents = self._bfs[home] = self._bfs_parents(home)
            if dest != home and dest not in parents:
                return None
            path = [dest]
            while path[-1] != home:
                path.append(parents[path[-1]])
        else:
            try:
                path = nx.bidirectional_shortest_path(self.graph, home, dest)
            except nx.NetworkXNoPath:
                return None
        return [_edge(a, b) for a, b in zip(path, path[1:], strict=False)]

    def _bfs_parents(self, home: int) -> dict[int, int]:
        parents: dict[int, int] = {}
        frontier, seen = [home], {home}
        while frontier:
            nxt = []
            for node in frontier:
                for nb in self.adj[node]:
                    if nb not in seen:
                        seen.add(nb)
                        parents[nb] = node
                        nxt.append(nb)
            frontier = nxt
        return parents


class RoutingState:
    """Every extranet application routed over one topology; ``apply`` keeps it current edit by edit."""

    def __init__(self, topo: Topology, homes: dict[int, int]) -> None:
        self.topo, self.homes = topo, homes
        self.paths = Paths(topo.graph)
        self.apps: dict[Any, tuple] = {}  # key -> Demand, or a database row in Demand's order
        self.placed: dict[Any, GroupKey | None] = {}  # key -> its group; None: unroutable or no bandwidth
        self.groups: dict[GroupKey, Group] = {}
        self.crossing: dict[Edge, set[GroupKey]] = defaultdict(set)  # link -> groups with load on it
        self.load: dict[Edge, dict[int, int]] = defaultdict(dict)  # link -> {N destinations: Σ bw × paths}
        self.unroutable: set[Any] = set()
        self.without_bandwidth = 0
        self._routes: dict[GroupKey, Route] = {}
        self._tops: dict[Edge, list[tuple[float, Any]]] = {}  # per link, until a delta touches it
        self._served: dict[tuple[str, str | None], int | None] = {}
        self._destinations: dict[tuple, list[int]] = {}
        self._coverages: dict[Any, tuple[str, ...]] = {}  # JSON text (or tuple) -> coverage tuple

    # --- building ---------------------------------------------------------------------------------------

    @classmethod
    def build(cls, topo: Topology, homes: dict[int, int], rows: Iterable[tuple]) -> RoutingState:
        """Route every application: grouped first, then each group routed and loaded once. ``rows`` are
        :class:`Demand` tuples, or database rows in the same order with the coverage as JSON text. The loop is
        :meth:`_group_key` inlined (a national run makes 200k iterations; ``apply`` goes through the method)."""
        state = cls(topo, homes)
        members: dict[GroupKey, dict[Any, int]] = defaultdict(dict)
        apps, placed, unroutable, served = state.apps, state.placed, state.unroutable, state._served
        nodes, home_of, platform_for, coverages = topo.graph._node, homes.get, topo.platform_for, state._coverages
        without = 0
        for row in rows:
            key, owner, level, division, raw, bandwidth = row
            apps[key] = row
            if not bandwidth:
                without += 1
                placed[key] = None
                continue
            home = home_of(owner)
            if home is None:
                where = (level, division)
                if where not in served:
                    served[where] = platform_for(level, division)
                home = served[where]
            if home is None or home not in nodes:
                unroutable.add(key)
                placed[key] = None
                continue
            coverage = coverages.get(raw)
            if coverage is None:
                coverage = coverages[raw] = coverage_of(raw)
            gkey = placed[key] = (home, level, division, coverage)
            members[gkey][key] = bandwidth
        state.without_bandwidth = without
        for gkey, group_members in members.items():
            group = state._group(gkey)
            group.members = group_members
            state._load(gkey, group, sum(group_members.values()))
        return state

    def demands(self) -> list[Demand]:
        """Every application as a :class:`Demand` (coverage parsed)."""
        return [
            r if isinstance(r, Demand) else Demand(r[0], r[1], r[2], r[3], coverage_of(r[4]), r[5])
            for r in self.apps.values()
        ]

    def rerouted(self, topo: Topology, homes: dict[int, int]) -> RoutingState:
        """The same applications over another topology or other homes (no database read)."""
        return RoutingState.build(topo, homes, list(self.apps.values()))

    def relabelled(self, topo: Topology) -> RoutingState:
        """Names or capacities changed and the graph's shape did not: every route stands."""
        self.topo = topo
        self.paths.graph = topo.graph
        return self

    def _group_key(self, row: tuple) -> GroupKey | None:
        """Where an application is routed from; None (and counted) when it has no bandwidth or no platform."""
        key, owner, level, division, raw, bandwidth = row
        if not bandwidth:
            self.without_bandwidth += 1
            return None
        home = self.homes.get(owner)
        if home is None:
            where = (level, division)
            if where not in self._served:
                self._served[where] = self.topo.platform_for(level, division)
            home = self._served[where]
        if home is None or home not in self.topo.graph:
            self.unroutable.add(key)
            return None
        coverage = self._coverages.get(raw)
        if coverage is None:
            coverage = self._coverages[raw] = coverage_of(raw)
        return (home, level, division, coverage)

    def _group(self, gkey: GroupKey) -> Group:
        group = self.groups.get(gkey)
        if group is None:
            group = self.groups[gkey] = Group(self._route(gkey))
        return group

    def _route(self, gkey: GroupKey) -> Route:
        route = self._routes.get(gkey)
        if route is None:
            home, level, division, coverage = gkey
            where = (level, division, coverage)
            destinations = self._destinations.get(where)
            if destinations is None:
                destinations = self._destinations[where] = self.topo.destinations(level, division, coverage)
            many = len(destinations) > FEW_DESTINATIONS
            counts: dict[Edge, int] = defaultdict(int)
            missing = 0
            for dest in destinations:
                path = self.paths.edges(home, dest, many)
                if path is None:
                    missing += 1
                    continue
                for e in path:
                    counts[e] += 1
            route = self._routes[gkey] = Route(dict(counts), len(destinations), missing)
        return route

    def _load(self, gkey: GroupKey, group: Group, bandwidth: int) -> None:
        """Add (or with a negative figure, remove) ``bandwidth`` of the group on every link of its route."""
        n_dest = group.route.n_dest
        if not n_dest:
            return  # only the owner's own level (or township): no wide-area load
        load, crossing, tops = self.load, self.crossing, self._tops
        for e, n in group.route.edges.items():
            tops.pop(e, None)
            per = load[e]
            left = per[n_dest] = per.get(n_dest, 0) + bandwidth * n
            if not left:
                del per[n_dest]
                if not per:
                    del load[e]
            if group.members:
                crossing[e].add(gkey)
            elif e in crossing:
                crossing[e].discard(gkey)
                if not crossing[e]:
                    del crossing[e]

    # --- edits ------------------------------------------------------------------------------------------

    def apply(self, key: Any, row: tuple | None) -> None:
        """Replace application ``key`` by ``row`` (a :class:`Demand` or a database row; None: it left the
        extranet, was retired or deleted)."""
        old = self.apps.pop(key, None)
        if old is not None:
            self._remove(key, old)
        if row is None:
            return
        self.apps[key] = row
        gkey = self.placed[key] = self._group_key(row)
        if gkey is not None:
            group = self._group(gkey)
            group.members[key] = row[5]
            group._top = None
            self._load(gkey, group, row[5])

    def _remove(self, key: Any, old: tuple) -> None:
        gkey = self.placed.pop(key, None)
        if gkey is None:
            if not old[5]:
                self.without_bandwidth -= 1
            self.unroutable.discard(key)
            return
        group = self.groups[gkey]
        del group.members[key]
        group._top = None
        self._load(gkey, group, -old[5])
        if not group.members:
            del self.groups[gkey]

    # --- reading ----------------------------------------------------------------------------------------

    def demand(self) -> dict[Edge, float]:
        """Mbps per link with any load, summed per denominator in a fixed order: the same figure however the
        state was reached."""
        return {e: sum(num / n for n, num in sorted(per.items())) for e, per in self.load.items()}

    def top(self, edge: Edge) -> list[tuple[float, Any]]:
        """The applications loading ``edge`` most, as (Mbps on it, key), heaviest first (cached per link)."""
        top = self._tops.get(edge)
        if top is None:
            top = self._tops[edge] = self._top(edge)
        return top

    def _top(self, edge: Edge) -> list[tuple[float, Any]]:
        """Only the groups whose heaviest member could make the list are expanded: a group whose heaviest
        load on the link is below the fifth-heaviest group's cannot place any member above five others."""
        heads = []
        for gkey in self.crossing.get(edge, ()):
            group = self.groups[gkey]
            route = group.route
            members = group.top()
            heads.append((members[0][0] * route.edges[edge] / route.n_dest, route.edges[edge], route.n_dest, members))
        if len(heads) > TOP_SYSTEMS:
            floor = heapq.nlargest(TOP_SYSTEMS, (h[0] for h in heads))[-1]
            heads = [h for h in heads if h[0] >= floor]
        candidates = [(bw * share / n_dest, k) for _, share, n_dest, members in heads for bw, k in members]
        return heapq.nsmallest(TOP_SYSTEMS, candidates, key=heaviest)

    def counters(self) -> dict[str, int]:
        routed = partial = unreachable = 0
        for group in self.groups.values():
            n = len(group.members)
            routed += n
            if group.route.missing:
                partial += n
                unreachable += group.route.missing * n
        return {
            "systems_routed": routed,
            "systems_unroutable": len(self.unroutable),
            "systems_without_bandwidth": self.without_bandwidth,
            "systems_partially_routed": partial,
            "destinations_unreachable": unreachable,
        }
