"""The routed capacity state of this process, kept current by deltas (ADR 0505).

Every registry write goes through a service that appends to the audit chain, in commit order (the chain is
locked until the writer commits), so the chain is the change feed: a report reads the newest entry (one
indexed query) and, when it moved, the entries since the state was last brought up to date, and applies only
what they name:

* application systems: those named are read again and re-applied (an application leaving the extranet,
  retired or deleted is removed);
* organisations: every system of the organisations named is re-applied (level or division may have moved);
* connections: the homes are read again, and the systems of every organisation whose home moved re-applied;
* networks and links: the topology is read again; when only names or capacities changed the routes stand,
  otherwise the cached applications are routed again over the new graph (no system is read).

Anything else routes everything from scratch: a chain that is not the one seen before (a restored database),
a bulk generation (``core.generation``: rows written without per-row entries), more than :data:`MAX_DELTA`
objects named, a new day (connections are valid by date), or a state older than :data:`REBUILD_AFTER` (which
bounds how long a write that bypassed the services can go unseen).
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass

from django.utils import timezone

from egovnet.core.models import AuditEntry
from egovnet.systems.models import ApplicationSystem

from .capacity import extranet_systems, rows_of
from .graph import Topology, build_topology, connected_homes
from .routing import RoutingState

REBUILD_AFTER = dt.timedelta(minutes=15)
MAX_DELTA = 5000  # more objects named than this: routing everything is as quick
SYSTEM, ORGANISATION = "systems.applicationsystem", "orgs.organisation"
TOPOLOGY = frozenset({"networks.network", "networks.networklink"})
CONNECTION = "networks.connection"
REBUILD = frozenset({"core.generation"})


@dataclass
class Cached:
    state: RoutingState
    head: tuple[int, str]  # (seq, hash) of the newest audit entry applied
    day: dt.date
    built_at: dt.datetime  # routed from scratch


_CACHE: dict[bool, Cached] = {}
LOCK = threading.RLock()  # held while the state is read or changed (a threaded server shares it)


def head() -> tuple[int, str]:
    """(seq, hash) of the newest audit entry: the registry's version."""
    return AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first() or (0, "")


def clear() -> None:
    """Forget the routed state (the next report routes from scratch)."""
    with LOCK:
        _CACHE.clear()


def routed_state(include_planned: bool = False) -> RoutingState:
    """The routed state as of now: cached, caught up by a delta, or routed from scratch. Read it while
    holding :data:`LOCK` (another thread may apply the next delta to it)."""
    with LOCK:
        now, day, newest = timezone.now(), timezone.localdate(), head()
        cached = _CACHE.get(include_planned)
        if cached is not None and cached.day == day and now - cached.built_at < REBUILD_AFTER:
            if cached.head == newest:
                return cached.state
            try:
                state = catch_up(cached, newest, include_planned)
            except BaseException:
                _CACHE.pop(include_planned, None)  # possibly half-applied: never reuse it
                raise
            if state is not None:
                cached.state, cached.head = state, newest
                return state
        state = build(include_planned)
        _CACHE[include_planned] = Cached(state, newest, day, now)
        return state


def build(include_planned: bool = False) -> RoutingState:
    """Everything from scratch: topology, homes, every extranet application."""
    return RoutingState.build(
        build_topology(include_planned=include_planned), connected_homes(), rows_of(extranet_systems())
    )


def catch_up(cached: Cached, newest: tuple[int, str], include_planned: bool) -> RoutingState | None:
    """The cached state with the audited changes since it was brought up to date; None when a rebuild is
    safer."""
    seq, digest = cached.head
    if newest[0] < seq or AuditEntry.objects.filter(seq=seq).values_list("hash", flat=True).first() != (digest or None):
        return None  # not the chain the state was built from
    named: dict[str, set[str]] = {}
    for kind, pk in AuditEntry.objects.filter(seq__gt=seq, seq__lte=newest[0]).values_list("object_type", "object_id"):
        if kind in REBUILD:
            return None
        named.setdefault(kind, set()).add(pk)
        if len(named.get(SYSTEM, ())) + len(named.get(ORGANISATION, ())) > MAX_DELTA:
            return None
    state = cached.state
    if TOPOLOGY & named.keys():
        topo = build_topology(include_planned=include_planned)
        state = state.relabelled(topo) if _shape(topo) == _shape(state.topo) else state.rerouted(topo, state.homes)
    owners = {int(pk) for pk in named.get(ORGANISATION, ()) if pk.isdigit()}
    if CONNECTION in named:
        homes = connected_homes()
        owners |= {o for o in homes.keys() | state.homes.keys() if homes.get(o) != state.homes.get(o)}
        state.homes = homes
    if len(owners) > MAX_DELTA:
        return None
    systems = {int(pk) for pk in named.get(SYSTEM, ()) if pk.isdigit()}
    if owners:
        systems |= set(ApplicationSystem.objects.filter(owner_id__in=owners).values_list("id", flat=True))
    if len(systems) > MAX_DELTA:
        return None
    if systems:
        routed = {r[0]: r for r in rows_of(extranet_systems().filter(pk__in=systems))}
        for pk in systems:
            state.apply(pk, routed.get(pk))
    return state


def _shape(topo: Topology) -> tuple:
    """What routes depend on: nodes, edges, the platform of each role (not names, capacities, link ids)."""
    return (
        frozenset(topo.graph.nodes),
        frozenset((min(a, b), max(a, b)) for a, b in topo.graph.edges),
        topo.platforms,
        topo.central_hub,
        topo.central_home,
    )
