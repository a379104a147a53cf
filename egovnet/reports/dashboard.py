"""Dashboard counts within the reader's scope: one aggregate query per tile, never one per row.

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


def organisations_by_kind(user: Any) -> list[Tile]:
    rows = permissions.restrict(Organisation.objects.all(), user, "view").values("kind").annotate(n=Count("pk"))
    counts = {r["kind"]: r["n"] for r in rows.order_by()}
    return [
        Tile(str(k.label), counts[k.value], _url("orgs:organisation_list", kind=k.value))
        for k in OrgKind
        if counts.get(k.value)
    ]


def networks_by_family_status(user: Any) -> dict[str, Any]:
    qs = permissions.restrict(Network.objects.all(), user, "view").values("family", "status").annotate(n=Count("pk"))
    counts = {(r["family"], r["status"]): r["n"] for r in qs.order_by()}
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


def systems_by_network(user: Any) -> dict[str, Any]:
    qs = visible_systems(user).values("current_network", "target_network").annotate(n=Count("pk"))
    counts = {(r["current_network"], r["target_network"]): r["n"] for r in qs.order_by()}
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


def systems_by_classification(user: Any) -> list[Tile]:
    qs = visible_systems(user).values("is_classified", "display_grade").annotate(n=Count("pk"))
    counts = {(r["is_classified"], r["display_grade"]): r["n"] for r in qs.order_by()}
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


def dashboard(user: Any) -> dict[str, Any]:
    orgs = organisations_by_kind(user)
    classification = systems_by_classification(user)
    return {
        "orgs_by_kind": orgs,
        "orgs_total": sum(t.count for t in orgs),
        "networks": networks_by_family_status(user),
        "systems_by_network": systems_by_network(user),
        "systems_by_classification": classification,
        "systems_total": sum(t.count for t in classification),
    }
