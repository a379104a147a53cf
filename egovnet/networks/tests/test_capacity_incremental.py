# ruff: noqa: F811 - pytest fixtures imported from egovnet.reports.tests.factories
"""The routed capacity state kept current by deltas equals the state routed from scratch (ADR 0505)."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from egovnet.networks.planning import current
from egovnet.networks.planning.graph import Topology
from egovnet.networks.planning.hotspots import capacity_report
from egovnet.networks.planning.routing import Demand, RoutingState
from egovnet.networks.planning.topology import link_update
from egovnet.networks.tests.test_capacity import net  # noqa: F401
from egovnet.orgs.choices import Level
from egovnet.reports.tests.factories import connect, fast_divisions, link, org, planner, platform, system  # noqa: F401
from egovnet.systems.services import system_delete, system_update

LEVELS = ("central", "provincial", "prefecture", "county")
COVERAGES = [(), ("county",), ("provincial",), ("central",), ("prefecture", "county"), ("central", "provincial")]


def small_world(rng: random.Random, cyclic: bool) -> Topology:
    """A backbone, 2 provinces, 2 prefectures each, 2 counties each (a tree), and an unlinked county; with
    ``cyclic`` two redundant links make cycles."""
    graph = nx.Graph()
    topo = Topology(graph)
    topo.central_hub, topo.central_home = 1, 2
    graph.add_edge(1, 2, link=1, capacity=100)
    node = 10
    for p in ("11", "12"):
        province = node = node + 1
        graph.add_edge(1, province, link=node, capacity=50)
        topo.platforms[("provincial", f"{p}0000")] = province
        for f in ("01", "02"):
            prefecture = node = node + 1
            graph.add_edge(province, prefecture, link=node, capacity=20)
            topo.platforms[("prefecture", f"{p}{f}00")] = prefecture
            for c in ("01", "02"):
                node += 1
                graph.add_edge(prefecture, node, link=node, capacity=5)
                topo.platforms[("county", f"{p}{f}{c}")] = node
    graph.add_node(99)
    topo.platforms[("county", "120203")] = 99  # no link: unreachable
    if cyclic:
        graph.add_edge(12, 13 + 7, link=900, capacity=9)
        graph.add_edge(2, 18, link=901, capacity=9)
    for (level, division), n in topo.platforms.items():
        topo.by_level.setdefault(level, []).append((division, n))
        topo.names[n] = f"{level}-{division}"
    topo.names.update({1: "backbone", 2: "metro"})
    topo.index()
    return topo


def random_demand(rng: random.Random, key: int) -> Demand:
    level = rng.choice(LEVELS)
    division = {
        "central": None,
        "provincial": rng.choice(["110000", "120000"]),
        "prefecture": rng.choice(["110100", "120200", "110200"]),
        "county": rng.choice(["110101", "120202", "120203", "110299"]),
    }[level]
    bandwidth = rng.choice([None, 0, 1, 3, 7, 10])
    return Demand(key, rng.randrange(1, 6), level, division, rng.choice(COVERAGES), bandwidth)


def snapshot(state: RoutingState) -> tuple:
    demand = state.demand()
    return demand, {e: state.top(e) for e in demand}, state.counters()


@pytest.mark.parametrize("seed", range(6))
def test_incremental_state_equals_the_state_routed_from_scratch(seed):
    rng = random.Random(seed)
    topo = small_world(rng, cyclic=seed % 2 == 1)
    homes = {1: 13, 2: 99}  # owner 1 connected to a prefecture platform, owner 2 to the unlinked county
    demands = {k: random_demand(rng, k) for k in range(1, 41)}
    state = RoutingState.build(topo, homes, demands.values())
    for _ in range(120):
        key = rng.randrange(1, 61)
        if rng.random() < 0.25:
            demands.pop(key, None)
            state.apply(key, None)
        else:
            demands[key] = random_demand(rng, key)
            state.apply(key, demands[key])
        if rng.random() < 0.1:
            assert snapshot(state) == snapshot(RoutingState.build(topo, homes, demands.values()))
    assert snapshot(state) == snapshot(RoutingState.build(topo, homes, demands.values()))
    assert state.counters()["systems_routed"] > 0


def test_a_tree_and_breadth_first_search_route_alike():
    """On a tree the parent-chain path is the path networkx finds."""
    topo = small_world(random.Random(0), cyclic=False)
    state = RoutingState(topo, {})
    for a in topo.graph.nodes:
        for b in topo.graph.nodes:
            path = state.paths.edges(a, b, many=False)
            if b == 99 and a != 99 or a == 99 and b != 99:
                assert path is None
                continue
            expected = nx.shortest_path(topo.graph, a, b)
            assert sorted(path) == sorted((min(x, y), max(x, y)) for x, y in zip(expected, expected[1:], strict=False))


def _report(reader):
    return {r["link"]: (r["demand_mbps"], r["top_systems"]) for r in capacity_report(reader)["links"]}


def _caught_up_equals_scratch(reader) -> None:
    """The report after the latest edits came from a delta (no rebuild) and equals one routed from scratch."""
    built = current._CACHE[False].built_at
    incremental = _report(reader)
    assert current._CACHE[False].built_at == built
    current.clear()
    assert incremental == _report(reader)


def test_the_report_after_edits_equals_a_report_routed_from_scratch(net, planner, django_assert_max_num_queries):
    current.clear()
    capacity_report(planner)
    hebei, central = net["orgs"]["hebei"], net["orgs"]["central"]
    s1 = net["s1"]
    system_update(actor=planner, system=s1, expected_version=s1.version, bandwidth_mbps=12)
    with django_assert_max_num_queries(6):  # marks, the edited ids and rows, names (no full read)
        assert _report(planner)[net["l_PF2"].pk][0] == 18 - 3 + 4
    _caught_up_equals_scratch(planner)
    s2 = net["s2"]
    system_update(actor=planner, system=s2, expected_version=s2.version, coverage_levels=["central", "prefecture"])
    _caught_up_equals_scratch(planner)
    system(planner, hebei, ["prefecture", "county"], 4, name="新增系统")
    system_delete(actor=planner, system=net["s4"], expected_version=net["s4"].version)
    _caught_up_equals_scratch(planner)
    lk = net["l_PF2"]
    link_update(actor=planner, link=lk, expected_version=lk.version, capacity_mbps=40)
    _caught_up_equals_scratch(planner)
    assert {r["link"]: r for r in capacity_report(planner)["links"]}[lk.pk]["capacity_mbps"] == 40
    county = org(planner, "130102", name="长安区另一局")
    system(planner, county, ["county", "provincial"], 6)
    connect(planner, central, net["P"])
    _caught_up_equals_scratch(planner)


def test_a_new_link_reroutes_without_reading_the_systems_again(net, planner):
    current.clear()
    capacity_report(planner)
    extra = platform(planner, Level.PREFECTURE, "130300", name="秦皇岛")
    link(planner, net["P"], extra, 30)
    connect(planner, org(planner, "130300", level=Level.PREFECTURE), extra)
    _caught_up_equals_scratch(planner)
