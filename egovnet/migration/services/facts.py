"""Fact snapshots for the pure rules, built from the ORM in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field, replace
from typing import Any

from django.db.models import Q, QuerySet

from egovnet.networks.models import Network
from egovnet.policy.packs.ndrc_2012_1986.funding import ItemFact, LineFact, NetworkFact
from egovnet.systems.choices import SystemStatus
from egovnet.systems.models import ApplicationSystem

from ..choices import MIGRATED_STATUSES, BudgetObjectKind, ExceptionStatus
from ..models import BudgetLine, MigrationItem


def effective_items() -> QuerySet:
    """Items of each plan's effective version (the approved one, else the first draft)."""
    return MigrationItem.objects.filter(is_effective=True)


@dataclass
class DepartmentFacts:
    department_id: int
    fiscal_year: int
    lines: list[LineFact]
    networks: dict[int, NetworkFact]
    items: list[ItemFact]
    line_meta: dict[int, dict[str, Any]] = field(default_factory=dict)

    def items_for(self, line: LineFact) -> list[ItemFact]:
        if line.object_kind == BudgetObjectKind.NETWORK:
            return [i for i in self.items if i.from_network_id == line.network_id]
        return [i for i in self.items if i.system_id == line.system_id]


def exception_ref(network: Network, as_of: dt.date) -> str:
    """The reference of the network's approved exception valid on ``as_of`` ("" when none): the one reading of
    "approved, unexpired exception" (A-12.3) for proposals and the new-network list."""
    exc = getattr(network, "om_exception", None)
    valid = (
        exc is not None
        and exc.status == ExceptionStatus.APPROVED
        and (exc.expires_on is None or exc.expires_on >= as_of)
    )
    return exc.reference if valid else ""


def network_fact(n: Network, as_of: dt.date, carried: tuple[int, ...] = ()) -> NetworkFact:
    return NetworkFact(
        network_id=n.pk,
        name=n.name,
        family=n.family,
        established_on=n.established_on,
        exception_ref=exception_ref(n, as_of),
        annual_om_cost=n.annual_om_cost_10k_yuan,
        carried_system_ids=carried,
    )


def carried_systems(network_ids: set[int]) -> dict[int, tuple[int, ...]]:
    """Systems in operation each network still carries (one query), planned for migration or not."""
    rows = ApplicationSystem.objects.filter(
        current_dedicated_network_id__in=network_ids, status=SystemStatus.IN_OPERATION
    ).values_list("current_dedicated_network_id", "pk")
    out: dict[int, list[int]] = defaultdict(list)
    for network_id, pk in rows:
        out[network_id].append(pk)
    return {k: tuple(sorted(v)) for k, v in out.items()}


def _network_facts(network_ids: set[int], as_of: dt.date) -> dict[int, NetworkFact]:
    rows = Network.objects.filter(pk__in=network_ids).select_related("om_exception")
    carried = carried_systems(network_ids)
    return {n.pk: network_fact(n, as_of, carried.get(n.pk, ())) for n in rows}


def budget_lines_for(department_id: int, fiscal_year: int) -> tuple[int, list[BudgetLine]]:
    """Lines of the year, or of the year before when none are entered yet (carried forward)."""
    for year in (fiscal_year, fiscal_year - 1):
        lines = list(BudgetLine.objects.filter(department_id=department_id, fiscal_year=year).order_by("id"))
        if lines:
            return year, lines
    return fiscal_year, []


def department_facts(department_id: int, fiscal_year: int, as_of: dt.date) -> DepartmentFacts:
    _, lines = budget_lines_for(department_id, fiscal_year)
    network_ids = {b.network_id for b in lines if b.network_id}
    system_ids = {b.system_id for b in lines if b.system_id}
    items = [
        ItemFact(
            item_id=i["pk"],
            system_id=i["system_id"],
            from_network_id=i["from_network_id"],
            migrated=i["status"] in MIGRATED_STATUSES,
            planned_date=i["planned_date"],
        )
        for i in effective_items()
        .filter(Q(from_network_id__in=network_ids) | Q(system_id__in=system_ids))
        .values("pk", "system_id", "from_network_id", "status", "planned_date")
    ]
    return DepartmentFacts(
        department_id=department_id,
        fiscal_year=fiscal_year,
        lines=[
            LineFact(
                line_id=b.pk,
                object_kind=b.object_kind,
                amount=b.amount_10k_yuan,
                network_id=b.network_id,
                system_id=b.system_id,
            )
            for b in lines
        ],
        networks=_network_facts(network_ids, as_of),
        items=items,
        line_meta={b.pk: {"basis": b.basis} for b in lines},
    )


def apply_overrides(facts: DepartmentFacts, overrides: dict[int, dict[str, Any]]) -> DepartmentFacts:
    """What-if: a copy of the facts with items' planned date / status changed or items excluded."""
    items: list[ItemFact] = []
    for item in facts.items:
        change = overrides.get(item.item_id)
        if not change:
            items.append(item)
            continue
        if change.get("exclude"):
            continue
        status = change.get("status")
        items.append(
            replace(
                item,
                planned_date=change.get("planned_date", item.planned_date),
                migrated=item.migrated if status is None else status in MIGRATED_STATUSES,
            )
        )
    return replace(facts, items=items)


def group_by(items: list[ItemFact], key: str) -> dict[int, list[ItemFact]]:
    grouped: dict[int, list[ItemFact]] = defaultdict(list)
    for item in items:
        grouped[getattr(item, key)].append(item)
    return grouped
