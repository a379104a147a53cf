"""Article-6 capacity planning: route each extranet application's bandwidth need over the topology.

Routing model (ADR 0502): an application's owner is served by its *home* platform (the extranet platform
it is connected to, else the platform of its level and division, walking up). Each coverage level names
destination platforms (below the owner: every platform of that level inside the owner's division; above:
the platform of that level above it, the central backbone for "central"). ``bandwidth_mbps`` is the
application's total need, shared equally by its N destinations: each receives bandwidth / N along the
hop-shortest path from home, so a link's demand is the sum over applications of bandwidth × (destinations
behind the link) / N — the home uplink carries the whole need, a county access link its 1/N share.
Applications are grouped by (home, owner division, coverage) so that a national run routes each group once;
the routed state (:mod:`.routing`) is kept current by deltas (ADR 0505).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from django.db import connection
from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from egovnet.systems.choices import SystemStatus, TargetNetwork
from egovnet.systems.models import ApplicationSystem

from .graph import Topology, connected_homes
from .routing import Demand, RoutingState, coverage_of

__all__ = ["Demand", "RoutingState", "extranet_systems", "load_demands", "route", "rows_of"]

FIELDS = ("id", "owner_id", "owner__level", "owner__division_id", "coverage_text", "bandwidth_mbps")


def extranet_systems() -> QuerySet:
    """The applications routed: extranet-bound, not retired."""
    return ApplicationSystem.objects.filter(target_network=TargetNetwork.EXTRANET).exclude(status=SystemStatus.RETIRED)


def rows_of(qs: QuerySet, chunk: int = 5000) -> Iterator[tuple]:
    """The routing rows of ``qs`` (systems), in :class:`Demand`'s order with the coverage levels as JSON text,
    from one streamed query without model instances or Django's per-value converters (the coverage is parsed
    once per distinct value, by the routing state)."""
    qs = qs.annotate(coverage_text=Cast("coverage_levels", TextField())).order_by()
    sql, params = qs.values_list(*FIELDS).query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk):
            yield from rows


def load_demands() -> list[Demand]:
    """Every extranet-bound application not retired (one query)."""
    return [Demand(r[0], r[1], r[2], r[3], coverage_of(r[4]), r[5]) for r in rows_of(extranet_systems())]


def route(topo: Topology, demands: Iterable[Demand], homes: dict[int, int] | None = None) -> RoutingState:
    """Route ``demands`` over ``topo``; pure (no database access beyond the homes when not given)."""
    return RoutingState.build(topo, connected_homes() if homes is None else homes, demands)
