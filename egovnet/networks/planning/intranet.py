"""Article-2 intranet facts: the six-organ interconnection matrix and provincial secure links.

Only attested facts are read (status active + an attestation reference); the intranet's topology is
never stored beyond that (context.md A-2.2).
"""

from __future__ import annotations

import datetime as dt
from itertools import combinations
from typing import Any

from django.db.models import Q

from egovnet.orgs.choices import Level

from ..choices import SIX_CENTRAL_ORGANS, IntranetNodeCode, LinkKind, NetworkFamily
from ..models import IntranetNode, NetworkLink
from .coverage import link_valid_q

SIX_ORGAN_PAIRS = tuple(combinations(SIX_CENTRAL_ORGANS, 2))  # 15 pairs


def _attested(day: dt.date) -> Q:
    return link_valid_q(day) & ~Q(attestation_ref="") & Q(a__family=NetworkFamily.INTRANET)


def six_organ_matrix(day: dt.date | None = None) -> dict[str, Any]:
    """The 15 pairs of article 2 with their attested status (two queries)."""
    day = day or dt.date.today()
    node_of = dict(IntranetNode.objects.values_list("network_id", "code"))
    attested: dict[frozenset[str], str] = {}
    qs = NetworkLink.objects.filter(_attested(day), kind=LinkKind.INTERCONNECTION)
    for a, b, ref in qs.values_list("a_id", "b_id", "attestation_ref"):
        if a in node_of and b in node_of:
            attested[frozenset((node_of[a], node_of[b]))] = ref
    pairs = [
        {
            "a": a.value,
            "b": b.value,
            "attested": frozenset((a, b)) in attested,
            "attestation_ref": attested.get(frozenset((a, b)), ""),
        }
        for a, b in SIX_ORGAN_PAIRS
    ]
    return {
        "organs": [{"code": o.value, "label": str(o.label)} for o in SIX_CENTRAL_ORGANS],
        "pairs": pairs,
        "attested": sum(p["attested"] for p in pairs),
        "total": len(pairs),
        "nodes_present": sorted(set(node_of.values())),
    }


def provincial_links(day: dt.date | None = None) -> set[str]:
    """Provinces whose intranet platform has an attested secure link to the central intranet platform."""
    day = day or dt.date.today()
    central = IntranetNode.objects.filter(code=IntranetNodeCode.CENTRAL_PLATFORM).values("network_id")
    qs = NetworkLink.objects.filter(_attested(day), kind=LinkKind.SECURE_LINK).filter(
        Q(a_id__in=central, b__level=Level.PROVINCIAL) | Q(b_id__in=central, a__level=Level.PROVINCIAL)
    )
    out: set[str] = set()
    for a_level, a_div, b_div in qs.values_list("a__level", "a__division_id", "b__division_id"):
        out.add(a_div if a_level == Level.PROVINCIAL else b_div)
    return out
