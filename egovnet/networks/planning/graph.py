"""The extranet as a networkx graph, and which platform serves an organisation (ADR 0502).

Nodes are extranet ``Network`` ids; edges are extranet ``NetworkLink`` rows (active, and planned ones when
asked), carrying the link id and capacity. Parallel links between the same two networks are refused by
the unique constraint, so a simple ``nx.Graph`` is enough.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import networkx as nx
from django.db import connection

from egovnet.orgs.choices import Level

from ..choices import ComponentKind, LinkStatus, NetworkFamily, NetworkStatus
from ..models import Connection, Network, NetworkLink
from .coverage import connection_valid_q

LEVEL_ORDER = {Level.CENTRAL: 0, Level.PROVINCIAL: 1, Level.PREFECTURE: 2, Level.COUNTY: 3}
_CENTRAL_HUB_KINDS = (ComponentKind.WAN_BACKBONE, ComponentKind.PLATFORM, ComponentKind.MAN)
_CENTRAL_HOME_KINDS = (ComponentKind.MAN, ComponentKind.PLATFORM, ComponentKind.WAN_BACKBONE)


@dataclass
class Topology:
    graph: nx.Graph
    platforms: dict[tuple[str, str], int] = field(default_factory=dict)  # (level, division) -> node
    by_level: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # level -> [(division, node)]
    by_prefix: dict[tuple[str, str], list[int]] = field(default_factory=dict)  # (level, code prefix) -> nodes
    central_hub: int | None = None  # where central coverage lands (the WAN backbone)
    central_home: int | None = None  # where central departments attach (the metro network)
    names: dict[int, str] = field(default_factory=dict)

    def platform_for(self, level: str, division: str | None) -> int | None:
        """The platform serving an organisation of ``level`` in ``division``, walking up when absent."""
        if level == Level.CENTRAL or not division:
            return self.central_home
        for lv, cut in ((Level.COUNTY, 6), (Level.PREFECTURE, 4), (Level.PROVINCIAL, 2)):
            if LEVEL_ORDER[lv] > LEVEL_ORDER[level]:
                continue
            code = division[:cut].ljust(6, "0")
            node = self.platforms.get((lv, code))
            if node is None and lv == Level.COUNTY:  # 东莞-like: the prefecture itself is the county unit
                node = self.platforms.get((Level.PREFECTURE, division))
            if node is not None:
                return node
        return None

    def destinations(self, level: str, division: str | None, coverage: tuple[str, ...]) -> list[int]:
        """Platforms a system of an owner at (level, division) must reach for its coverage levels."""
        own = LEVEL_ORDER.get(level)
        prefix = "" if level == Level.CENTRAL or not division else division[: {1: 2, 2: 4, 3: 6}[own]]
        out: list[int] = []
        for target in coverage:
            rank = LEVEL_ORDER.get(target)
            if rank is None or own is None or rank == own:
                continue  # township (no platforms) or the owner's own level: no wide-area traffic
            if rank < own:  # upward: the platform of that level above the owner
                node = self.central_hub if rank == 0 else self.platform_for(target, division)
                if node is not None:
                    out.append(node)
            else:
                out.extend(self.by_prefix.get((target, prefix), ()))
        return out

    def index(self) -> None:
        """Platforms of each level under every code prefix ("", 2, 4, 6 digits): O(1) destination look-ups."""
        self.by_prefix = {}
        for level, rows in self.by_level.items():
            for division, node in rows:
                for cut in (0, 2, 4, 6):
                    self.by_prefix.setdefault((level, division[:cut]), []).append(node)


def build_topology(day: dt.date | None = None, include_planned: bool = False) -> Topology:
    """Two queries: extranet networks and their links.

    When several networks claim the same role (two platforms of one division, two central metro networks),
    the best-linked one (highest degree, then lowest id) serves it, so an unlinked duplicate registered by
    someone else never cuts routing off.
    """
    day = day or dt.date.today()
    graph = nx.Graph()
    topo = Topology(graph)
    nets = Network.objects.filter(family=NetworkFamily.EXTRANET).exclude(status=NetworkStatus.RETIRED)
    hubs: dict[str, list[int]] = {}
    slots: dict[tuple[str, str], list[int]] = {}
    for pk, name, kind, level, division in nets.values_list("id", "name", "kind", "level", "division_id"):
        graph.add_node(pk)
        topo.names[pk] = name
        if level == Level.CENTRAL:
            hubs.setdefault(kind, []).append(pk)
        elif kind == ComponentKind.PLATFORM and division:
            slots.setdefault((level, division), []).append(pk)
    statuses = [LinkStatus.ACTIVE, LinkStatus.PLANNED] if include_planned else [LinkStatus.ACTIVE]
    links = NetworkLink.objects.filter(a__family=NetworkFamily.EXTRANET, status__in=statuses, a_id__in=graph.nodes)
    for pk, a, b, cap in links.values_list("id", "a_id", "b_id", "capacity_mbps"):
        if b in graph:
            graph.add_edge(a, b, link=pk, capacity=cap)

    def best(candidates: list[int]) -> int:
        return min(candidates, key=lambda n: (-graph.degree(n), n))

    for (level, division), candidates in slots.items():
        node = topo.platforms[(level, division)] = best(candidates)
        topo.by_level.setdefault(level, []).append((division, node))
    topo.index()
    topo.central_hub = next((best(hubs[k]) for k in _CENTRAL_HUB_KINDS if k in hubs), None)
    topo.central_home = next((best(hubs[k]) for k in _CENTRAL_HOME_KINDS if k in hubs), None)
    return topo


def connected_homes(day: dt.date | None = None) -> dict[int, int]:
    """Organisation id -> the extranet platform it is connected to on ``day`` (one query)."""
    day = day or dt.date.today()
    qs = Connection.objects.filter(connection_valid_q(day), platform__family=NetworkFamily.EXTRANET)
    sql, params = qs.order_by("connected_on").values_list("organisation_id", "platform_id").query.sql_with_params()
    with connection.cursor() as cursor:  # two integer columns: no per-value converters needed
        cursor.execute(sql, params)
        return dict(cursor.fetchall())
