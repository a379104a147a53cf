"""The dedicated networks' fact source (registered from ``MigrationConfig.ready``): R-4.1 and R-12.2.

Both rules judge what this app records about a dedicated network: its owner's approved migration plan and
scheme, and its O&M budget lines (ADR 0350, "Real models"; ADR 0601).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import models
from django.db.models import Exists, OuterRef, QuerySet

from egovnet.migration.choices import BudgetObjectKind, PlanStatus
from egovnet.migration.models import BudgetLine, MigrationItem
from egovnet.networks.choices import NetworkFamily, NetworkStatus
from egovnet.networks.models import Network
from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.source_kit import (
    AliasedSubjects,
    keyset_pages,
)
from egovnet.policy.subjects import FactBatch, Subject, province_of, province_q


def _approved_items() -> QuerySet:
    """Items of an approved version of the network owner's own migration plan that move off the network."""
    return MigrationItem.objects.filter(
        from_network=OuterRef("pk"),
        plan_version__status=PlanStatus.APPROVED,
        plan_version__plan__department=OuterRef("owner"),
    )


class NetworkSource:
    """Dedicated networks: R-4.1 (migration plan and scheme) and R-12.2 (O&M of networks built after the
    notice).

    R-4.1: the owner department's migration plan has an approved version with an item moving off this
    network (plan) and a non-empty implementation scheme (scheme) — annotations of the rows query.
    R-12.2: the network's O&M budget lines (``migration.BudgetLine``, object "network"), fact id ``bl-<pk>``
    (one query per batch); only a network with no budget line at all falls back to its annual O&M cost,
    fact id ``om-<network pk>`` (the id in the finding says which one was judged)."""

    subject_type = SubjectType.NETWORK
    rule_ids = ("R-4.1", "R-12.2")
    fields = ("id", "name", "owner_id", "owner__name", "division_id", "established_on", "om", "planned", "schemed")

    def queryset(self) -> QuerySet:
        return (
            Network.objects.filter(family=NetworkFamily.DEDICATED)
            .exclude(status=NetworkStatus.RETIRED)
            .annotate(
                om=models.F("annual_om_cost_10k_yuan"),
                planned=Exists(_approved_items()),
                schemed=Exists(_approved_items().exclude(plan_version__scheme="")),
            )
        )

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        qs = self.queryset().filter(province_q("division", province))
        for rows in keyset_pages(qs, batch_size, self.fields):
            yield self._batch(rows, on)

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        return self._batch(list(self.queryset().filter(pk__in=list(ids)).order_by("pk").values(*self.fields)), on)

    def _batch(self, rows: list[dict[str, Any]], on: dt.date) -> FactBatch:  # 1 query (budget lines)
        budget = _budget_lines([r["id"] for r in rows])
        nets, lines, subjects, aliases = [], [], {}, {}
        for r in rows:
            key = f"net-{r['id']}"
            nets.append(
                F.DedicatedNetworkFact(
                    id=key,
                    owner=r["owner__name"],
                    established_on=r["established_on"],
                    has_migration_plan=bool(r["planned"]),
                    has_implementation_scheme=bool(r["planned"] and r["schemed"]),
                )
            )
            own = budget.get(r["id"], [])
            if not own and r["om"]:  # fallback: no budget line recorded for this network
                own = [F.BudgetLine(f"om-{r['id']}", on.year, "dedicated_network", key, float(r["om"]), estimated=True)]
            for line in own:
                lines.append(line)
                aliases[line.id] = key
            subjects[key] = Subject(
                self.subject_type, str(r["id"]), r["name"], r["owner_id"], province_of(r["division_id"]), 0
            )
        snap = F.Snapshot(evaluation_date=on, dedicated_networks=tuple(nets), budget_lines=tuple(lines))
        return FactBatch([snap], AliasedSubjects(subjects, aliases))


def _budget_lines(ids: list[int]) -> dict[int, list[F.BudgetLine]]:
    """Network budget lines of a batch, one query (range on the network id, exact match in Python)."""
    out: dict[int, list[F.BudgetLine]] = defaultdict(list)
    if not ids:
        return out
    wanted = set(ids)
    rows = (
        BudgetLine.objects.filter(
            object_kind=BudgetObjectKind.NETWORK, network_id__gte=min(ids), network_id__lte=max(ids)
        )
        .order_by("network_id", "fiscal_year", "id")
        .values_list("id", "network_id", "fiscal_year", "amount_10k_yuan")
    )
    for pk, net, year, amount in rows:
        if net in wanted:
            out[net].append(F.BudgetLine(f"bl-{pk}", year, "dedicated_network", f"net-{net}", float(amount)))
    return out
