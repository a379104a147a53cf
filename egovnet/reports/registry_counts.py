"""Registry counts per scope key (``RegistryCount``): built by grouping on the owner's division, read as a sum.

A division-scoped role assignment sees the rows whose owner lies in a GB/T 2260 prefix and is not central-level
(``core.permissions._assignment_q``); a national one sees everything. So the counts are stored for the key ""
(everything) and for every 2- and 4-digit prefix (non-central owners), and a reader's scope is the sum of the
rows of a few disjoint keys. Scopes that are not a union of such keys (an organisation subtree, a county-level
division) return ``None`` from :func:`scope_keys`: the caller counts those live (they are small).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, Model

from egovnet.core import permissions
from egovnet.networks.models import Network
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

from .models import RegistryCount

CENTRAL = permissions.CENTRAL_LEVEL
STORED_PREFIXES = (2, 4)
# metric -> (model, owner lookup prefix, column a, column b or None)
METRICS: dict[str, tuple[type[Model], str, str, str | None]] = {
    "orgs_by_kind": (Organisation, "", "kind", None),
    "networks_by_family_status": (Network, "owner__", "family", "status"),
    "systems_by_network": (ApplicationSystem, "owner__", "current_network", "target_network"),
    "systems_by_grade": (ApplicationSystem, "owner__", "is_classified", "secrecy_grade"),
}


def _text(value: Any) -> str | None:
    if isinstance(value, bool):
        return "1" if value else "0"
    return value


def _leaf_rows(metric: str) -> Iterable[tuple[str, str, str | None, str | None, int]]:
    """(owner division, owner level, a, b, n): one GROUP BY over the whole table."""
    model, owner, a, b = METRICS[metric]
    columns = [f"{owner}division_id", f"{owner}level", a] + ([b] if b else [])
    for row in model.objects.order_by().values_list(*columns).annotate(n=Count("pk")):
        division, level, va = row[0], row[1], row[2]
        vb = row[3] if b else None
        yield division, level, _text(va), _text(vb), row[-1]


def build() -> list[RegistryCount]:
    """Every summary row, from one aggregate query per metric (nothing is written here)."""
    out: list[RegistryCount] = []
    for metric in METRICS:
        totals: Counter[tuple[str, str | None, str | None]] = Counter()
        for division, level, a, b, n in _leaf_rows(metric):
            totals["", a, b] += n
            if level != CENTRAL and division:
                for length in STORED_PREFIXES:
                    totals[division[:length], a, b] += n
        out += [RegistryCount(scope=s, metric=metric, a=a, b=b, n=n) for (s, a, b), n in totals.items()]
    return out


def scope_keys(user: Any, model: type[Model]) -> list[str] | None:
    """The disjoint stored keys whose sum is what ``permissions.restrict(model, user, "view")`` returns, ``[]``
    when the user sees nothing, ``None`` when the scope is not a union of stored keys (count live)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return []
    if user.is_superuser:
        return [""]
    prefixes = set()
    for assignment in permissions.assignments(user):
        if not permissions.role_allows(assignment.role, "view", model):
            continue
        if assignment.org_scope_id:
            return None
        if not assignment.division_scope_id:
            return [""]
        prefix = permissions.division_prefix(assignment.division_scope)
        if len(prefix) not in STORED_PREFIXES:
            return None
        prefixes.add(prefix)
    return sorted(p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes))


def summed(keys_by_metric: dict[str, list[str]]) -> dict[str, dict[tuple[str | None, str | None], int]]:
    """For each metric, ``{(a, b): n}`` summed over its keys: one query for all metrics."""
    wanted = {k for keys in keys_by_metric.values() for k in keys}
    out: dict[str, dict[tuple[str | None, str | None], int]] = {m: {} for m in keys_by_metric}
    if not wanted:
        return out
    rows = RegistryCount.objects.filter(scope__in=wanted, metric__in=list(keys_by_metric)).values_list(
        "metric", "scope", "a", "b", "n"
    )
    for metric, scope, a, b, n in rows:
        if scope in keys_by_metric[metric]:
            counts = out[metric]
            counts[a, b] = counts.get((a, b), 0) + n
    return out
