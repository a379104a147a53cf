"""Plain facts for the policy engine (rules R-2.x, R-3.x, R-5.x of context.md), computed from the registry.

The engine evaluates rules over plain dicts; these functions are the database side. Each returns
JSON-safe values only and takes a fixed number of queries whatever the number of rows.

``department_connection_facts`` (R-3.2, R-3.3): per organisation id ::

    {"connected": bool, "connected_on": "YYYY-MM-DD" | None, "platform_id": int | None,
     "zones": ["public_network_zone", ...], "intranet_connected": bool,
     "non_classified_systems": int,          # R-3.2: has >=1 non-classified application
     "extranet_candidates_off_extranet": int}  # R-3.3/R-3.4: candidates whose current network is not the extranet

``province_network_facts`` (R-3.1, R-5.1..R-5.4, R-2.3): per province code ::

    {"province": code, "prefecture_coverage": %, "county_coverage": %, "platform_present": bool,
     "linked_to_backbone": bool, "intranet_secure_link": bool, "parallel_networks": int,
     "networks": [{"network_id", "name", "carries", "incorporated_into", "link_to_central", "link_ref"}]}
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.db.models import Count, Q

from egovnet.systems.choices import CurrentNetwork
from egovnet.systems.models import ApplicationSystem

from ..choices import NetworkFamily
from ..models import Connection, ProvincialNetwork
from .coverage import compute_coverage, connection_valid_q
from .intranet import provincial_links


def department_connection_facts(org_ids: list[int] | None = None, day: dt.date | None = None) -> dict[int, dict]:
    """Connection facts per organisation (three queries). ``org_ids`` None = every organisation with data."""
    day = day or dt.date.today()
    conns = Connection.objects.filter(connection_valid_q(day)).order_by("connected_on")
    systems = ApplicationSystem.objects.filter(is_classified=False)
    if org_ids is not None:
        conns, systems = conns.filter(organisation_id__in=org_ids), systems.filter(owner_id__in=org_ids)
    facts: dict[int, dict[str, Any]] = defaultdict(_empty)
    for org, platform, family, zone, since in conns.values_list(
        "organisation_id", "platform_id", "platform__family", "zone", "connected_on"
    ):
        f = facts[org]
        if family == NetworkFamily.INTRANET:
            f["intranet_connected"] = True
            continue
        if not f["connected"]:
            f.update(connected=True, connected_on=since.isoformat(), platform_id=platform)
        if zone and zone not in f["zones"]:
            f["zones"].append(zone)
    candidate = Q(public_facing=True) | Q(cross_region=True) | Q(cross_department=True) | Q(shares_basic_info=True)
    counts = systems.values_list("owner_id").annotate(
        n=Count("id"), off=Count("id", filter=candidate & ~Q(current_network=CurrentNetwork.EXTRANET))
    )
    for owner, n, off in counts:
        facts[owner].update(non_classified_systems=n, extranet_candidates_off_extranet=off)
    if org_ids is not None:
        for org in org_ids:
            facts[org]  # noqa: B018 - materialise the default for organisations without data
    return dict(facts)


def _empty() -> dict[str, Any]:
    return {
        "connected": False,
        "connected_on": None,
        "platform_id": None,
        "zones": [],
        "intranet_connected": False,
        "non_classified_systems": 0,
        "extranet_candidates_off_extranet": 0,
    }


def province_network_facts(day: dt.date | None = None) -> dict[str, dict]:
    """Article-3/5 facts per province (coverage: five queries; profiles and links: three more)."""
    day = day or dt.date.today()
    report = compute_coverage(day)
    secure = provincial_links(day)
    profiles: dict[str, list[dict]] = defaultdict(list)
    for pk, name, division, carries, into, link, ref in ProvincialNetwork.objects.values_list(
        "network_id",
        "network__name",
        "network__division__province_code",
        "carries",
        "incorporated_into",
        "link_to_central",
        "link_ref",
    ):
        profiles[division].append(
            {
                "network_id": pk,
                "name": name,
                "carries": carries,
                "incorporated_into": into,
                "link_to_central": link,
                "link_ref": ref,
            }
        )
    out = {}
    for prov in report.provinces:
        shares = prov.counts.shares()
        out[prov.code] = {
            "province": prov.code,
            "prefecture_coverage": shares["prefecture_coverage"],
            "county_coverage": shares["county_coverage"],
            "platform_present": prov.platform_present,
            "linked_to_backbone": prov.linked_to_backbone,
            "intranet_secure_link": prov.code in secure,
            "parallel_networks": len(profiles.get(prov.code, [])),
            "networks": profiles.get(prov.code, []),
        }
    return out


# --- records shaped exactly like the engine's fact dataclasses (egovnet/policy/facts.py on main) ----------
# ``DepartmentConnection(**r)``, ``CoverageRecord(**r)``, ``ProvincialNetwork(**r)`` build the engine facts.

_ENGINE_INCORPORATION = {"intranet_system": "intranet", "extranet_system": "extranet", "none": "none"}


def department_connection_records(
    org_ids: list[int], day: dt.date | None = None, facts: dict[int, dict] | None = None
) -> list[dict[str, Any]]:
    """``facts``: the result of ``department_connection_facts`` already at hand (saves re-reading them)."""
    facts = department_connection_facts(org_ids, day) if facts is None else facts
    return [
        {
            "department": str(org),
            "extranet_connected": facts[org]["connected"],
            "non_classified_apps": facts[org]["non_classified_systems"],
        }
        for org in org_ids
    ]


def coverage_records(day: dt.date | None = None) -> list[dict[str, Any]]:
    report = compute_coverage(day or dt.date.today())
    return [
        {
            "province": p.code,
            "prefectures_total": p.counts.prefectures_total,
            "prefectures_covered": p.counts.prefectures_covered,
            "counties_total": p.counts.counties_total,
            "counties_covered": p.counts.counties_covered,
        }
        for p in report.provinces
    ]


def provincial_network_records() -> list[dict[str, Any]]:
    rows = ProvincialNetwork.objects.values_list(
        "network_id", "network__division__province_code", "carries", "incorporated_into", "link_to_central"
    )
    return [
        {
            "id": str(pk),
            "province": province,
            "carries": carries,
            "incorporated_into": _ENGINE_INCORPORATION[into],
            "link_to_central": link,
        }
        for pk, province, carries, into, link in rows
    ]
