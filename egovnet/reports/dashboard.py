"""Dashboard counts within the reader's scope: read from the summary (``registry_counts``) where the scope is a
sum of stored keys, else one aggregate query per tile; never one per row.

Counts by secrecy grade only show grades the reader may see; hidden grades are folded into one
"classified (grade withheld)" figure (see ``egovnet.systems.queries``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from egovnet.core import permissions
from egovnet.networks.choices import NetworkFamily, NetworkStatus
from egovnet.networks.models import Network
from egovnet.orgs.choices import OrgKind
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import CurrentNetwork, SecrecyGrade, TargetNetwork
from egovnet.systems.queries import visible_systems
from egovnet.systems.redaction import grade_in_scope

from . import registry_counts, summaries


@dataclass(frozen=True)
class Tile:
    label: str
    count: int
    url: str = ""


def _url(name: str, **params: Any) -> str:
    return reverse(name) + ("?" + urlencode(params) if params else "")


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value or "—"


Counts = dict[tuple[Any, Any], int]


def organisations_by_kind(counts: Counts) -> list[Tile]:
    by_kind = {a: n for (a, _b), n in counts.items()}
    return [
        Tile(str(k.label), by_kind[k.value], _url("orgs:organisation_list", kind=k.value))
        for k in OrgKind
        if by_kind.get(k.value)
    ]


def networks_by_family_status(counts: Counts) -> dict[str, Any]:
    rows = []
    for family in NetworkFamily:
        cells = [
            Tile(
                str(s.label),
                counts.get((family.value, s.value), 0),
                _url("networks:network_list", family=family.value, status=s.value),
            )
            for s in NetworkStatus
        ]
        total = sum(c.count for c in cells)
        rows.append(
            {
                "label": str(family.label),
                "cells": cells,
                "total": total,
                "url": _url("networks:network_list", family=family.value),
            }
        )
    return {"statuses": [str(s.label) for s in NetworkStatus], "rows": rows}


def systems_by_network(counts: Counts) -> dict[str, Any]:
    targets = [*TargetNetwork.values, ""]
    rows = []
    for current in CurrentNetwork:
        cells = []
        for target in targets:
            n = counts.get((current.value, target), 0)
            params = {"current_network": current.value} | ({"target_network": target} if target else {})
            cells.append(Tile(str(n), n, _url("systems:system_list", **params) if n and target else ""))
        total = sum(c.count for c in cells)
        if total:
            rows.append(
                {
                    "label": str(current.label),
                    "cells": cells,
                    "total": total,
                    "url": _url("systems:system_list", current_network=current.value),
                }
            )
    headers = [_label(TargetNetwork, t) for t in TargetNetwork.values] + [_("Not decided")]
    return {"targets": headers, "rows": rows}


def systems_by_classification(counts: Counts) -> list[Tile]:
    """``counts`` by (is_classified, grade shown to the reader): "" for a grade the reader may not see."""
    tiles = [Tile(_("Non-classified"), counts.get((False, ""), 0), _url("systems:system_list", is_classified="false"))]
    for grade in SecrecyGrade:
        n = counts.get((True, grade.value))
        if n:
            tiles.append(
                Tile(str(grade.label), n, _url("systems:system_list", is_classified="true", secrecy_grade=grade.value))
            )
    hidden = counts.get((True, ""), 0)
    if hidden:
        tiles.append(Tile(_("Classified (grade withheld)"), hidden, ""))
    return tiles


def _live(user: Any, metric: str) -> Counts:
    """One aggregate query over the reader's scope (the path for scopes the summary does not key)."""
    if metric == "orgs_by_kind":
        qs = permissions.restrict(Organisation.objects.all(), user, "view").values("kind").annotate(n=Count("pk"))
        return {(r["kind"], None): r["n"] for r in qs.order_by()}
    if metric == "networks_by_family_status":
        qs = permissions.restrict(Network.objects.all(), user, "view").values("family", "status")
        return {(r["family"], r["status"]): r["n"] for r in qs.annotate(n=Count("pk")).order_by()}
    if metric == "systems_by_network":
        qs = visible_systems(user).values("current_network", "target_network").annotate(n=Count("pk"))
        return {(r["current_network"], r["target_network"]): r["n"] for r in qs.order_by()}
    qs = visible_systems(user).values("is_classified", "display_grade").annotate(n=Count("pk"))
    return {(r["is_classified"], r["display_grade"]): r["n"] for r in qs.order_by()}


def _shown_grades(counts: Counts, user: Any) -> Counts:
    """Stored (is_classified, grade) rows of the reader's own scope as the reader may see them: every row summed
    is in scope (``systems.redaction.grade_in_scope``)."""
    out: Counts = {}
    for (classified, grade), n in counts.items():
        key = (classified == "1", grade_in_scope(user, classified == "1", grade or ""))
        out[key] = out.get(key, 0) + n
    return out


def counts_for(user: Any) -> tuple[dict[str, Counts], Any]:
    """Counts per metric for the reader, from the summary where its scope is a sum of stored keys (else live),
    and the time the summary was computed (None when everything was counted live)."""
    snapshot = summaries.registry_snapshot()
    keys = {}
    if snapshot is not None:
        for metric, (model, *_rest) in registry_counts.METRICS.items():
            found = registry_counts.scope_keys(user, model)
            if found is not None:
                keys[metric] = found
    stored = registry_counts.summed(keys)
    if "systems_by_grade" in stored:
        stored["systems_by_grade"] = _shown_grades(stored["systems_by_grade"], user)
    out = {m: stored[m] if m in stored else _live(user, m) for m in registry_counts.METRICS}
    return out, (snapshot.computed_at if keys else None)


def dashboard(user: Any) -> dict[str, Any]:
    counts, computed_at = counts_for(user)
    orgs = organisations_by_kind(counts["orgs_by_kind"])
    classification = systems_by_classification(counts["systems_by_grade"])
    return {
        "summary_computed_at": computed_at,
        "orgs_by_kind": orgs,
        "orgs_total": sum(t.count for t in orgs),
        "networks": networks_by_family_status(counts["networks_by_family_status"]),
        "systems_by_network": systems_by_network(counts["systems_by_network"]),
        "systems_by_classification": classification,
        "systems_total": sum(t.count for t in classification),
    }
