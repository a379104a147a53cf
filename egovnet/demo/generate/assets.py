"""Planning synthetic networks and application systems on top of a planned organisation tree."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from egovnet.networks.choices import BuiltOn, ComponentKind, NetworkFamily, NetworkScope, NetworkStatus, NetworkZone
from egovnet.orgs.choices import Level, OrgKind
from egovnet.systems.choices import CoverageLevel, CurrentNetwork, SecrecyGrade, SystemStatus, TargetNetwork

from . import names
from .orgs import OrgRow

TAG = "（演示）"
SCOPE_OF_LEVEL = {
    Level.CENTRAL: NetworkScope.NATIONAL,
    Level.PROVINCIAL: NetworkScope.PROVINCIAL,
    Level.PREFECTURE: NetworkScope.PREFECTURE,
    Level.COUNTY: NetworkScope.COUNTY,
}
COVERAGE_BELOW = {
    Level.CENTRAL: [CoverageLevel.CENTRAL, CoverageLevel.PROVINCIAL, CoverageLevel.PREFECTURE, CoverageLevel.COUNTY],
    Level.PROVINCIAL: [CoverageLevel.PROVINCIAL, CoverageLevel.PREFECTURE, CoverageLevel.COUNTY],
    Level.PREFECTURE: [CoverageLevel.PREFECTURE, CoverageLevel.COUNTY],
    Level.COUNTY: [CoverageLevel.COUNTY, CoverageLevel.TOWNSHIP],
}


def weighted(rng: random.Random, table: list[tuple[Any, int]]) -> Any:
    """One value of ``table`` [(value, weight)], drawn with a single ``rng.random()`` call."""
    total = sum(w for _, w in table)
    x = rng.random() * total
    for value, weight in table:
        x -= weight
        if x < 0:
            return value
    return table[-1][0]


def _net(nid: int, name: str, family: str, kind: str, level: str, owner: OrgRow, **kw: Any) -> dict[str, Any]:
    return {
        "id": nid,
        "name": name[:200],
        "family": family,
        "kind": kind,
        "level": level,
        "division_id": kw.get("division_id", owner.division_id if level != Level.CENTRAL else None),
        "owner_id": owner.id,
        "operator_id": kw.get("operator_id"),
        "scope": kw.get("scope", SCOPE_OF_LEVEL[level]),
        "status": kw.get("status", NetworkStatus.ACTIVE),
        "built_on": kw.get("built_on", BuiltOn.SELF_BUILT),
        "established_on": kw.get("established_on"),
        "annual_om_cost_10k_yuan": kw.get("cost"),
        "attestation_ref": kw.get("attestation_ref", ""),
    }


def plan_networks(rng: random.Random, first_id: int, orgs: list[OrgRow], dedicated_count: int) -> list[dict[str, Any]]:
    """Extranet platforms for every division with an operator or DRC, provincial intranet references, and
    ``dedicated_count`` dedicated business networks owned by departments."""
    nets: list[dict[str, Any]] = []

    def add(*args: Any, **kw: Any) -> None:
        nets.append(_net(first_id + len(nets), *args, **kw))

    tops = [o for o in orgs if o.parent_id is None]
    first_of: dict[tuple[str, str, str], OrgRow] = {}
    for o in orgs:
        first_of.setdefault((o.level, o.division_id, o.kind), o)
    central_ext = next((o for o in orgs if o.level == Level.CENTRAL and o.kind == OrgKind.EXTRANET_OPERATOR), tops[0])
    coord = next((o for o in orgs if o.kind == OrgKind.INTRANET_COORDINATION_OFFICE), tops[0])
    E, K = NetworkFamily.EXTRANET, ComponentKind
    add(f"国家电子政务外网中央平台{TAG}", E, K.PLATFORM, Level.CENTRAL, central_ext, operator_id=central_ext.id)
    add(
        f"国家电子政务外网中央广域网骨干{TAG}",
        E,
        K.WAN_BACKBONE,
        Level.CENTRAL,
        central_ext,
        operator_id=central_ext.id,
    )
    add(f"国家电子政务外网中央城域网{TAG}", E, K.MAN, Level.CENTRAL, central_ext, operator_id=central_ext.id,
        division_id="110000", scope=NetworkScope.LOCAL)  # fmt: skip
    add(f"国家电子政务内网中央平台{TAG}", NetworkFamily.INTRANET, K.PLATFORM, Level.CENTRAL, coord,
        attestation_ref="内网协调办备案（演示）第0001号")  # fmt: skip
    local_owners = [o for o in tops if o.level != Level.CENTRAL]
    for o in local_owners:
        wanted = OrgKind.DEVELOPMENT_REFORM if o.level == Level.COUNTY else OrgKind.EXTRANET_OPERATOR
        if o.kind != wanted or first_of[(o.level, o.division_id, o.kind)] is not o:
            continue
        label = {Level.PROVINCIAL: "省级", Level.PREFECTURE: "市级", Level.COUNTY: "县级"}[o.level]
        add(f"{o.name.removesuffix('电子政务外网管理中心').removesuffix('发展和改革局')}电子政务外网{label}平台{TAG}",
            E, K.PLATFORM, o.level, o, operator_id=o.id, established_on=dt.date(2010 + rng.randrange(6), 1, 1),
            cost=Decimal(rng.randrange(2000, 200000)) / 100)  # fmt: skip
        if o.level == Level.PROVINCIAL:
            add(f"{o.name.removesuffix('电子政务外网管理中心')}电子政务内网{TAG}", NetworkFamily.INTRANET, K.PLATFORM,
                o.level, o, attestation_ref=f"内网备案（演示）{o.division_id[:2]}-0001")  # fmt: skip
    owners = [o for o in tops if o.kind not in (OrgKind.EXTRANET_OPERATOR, OrgKind.ASSESSMENT_AGENCY)]
    for _ in range(dedicated_count):
        owner = owners[rng.randrange(len(owners))]
        kind = weighted(rng, [(K.WAN_BACKBONE, 35), (K.MAN, 25), (K.ACCESS_LINES, 15), (K.VPN_ON_EXTRANET, 10),
                              (K.LAN, 10), (K.DATA_CENTER, 5)])  # fmt: skip
        year = 1998 + rng.randrange(27)
        add(f"{owner.name}{names.DEDICATED_TYPES[rng.randrange(len(names.DEDICATED_TYPES))]}{TAG}",
            NetworkFamily.DEDICATED, kind, owner.level, owner,
            status=weighted(rng, [(NetworkStatus.ACTIVE, 70), (NetworkStatus.MIGRATING, 15),
                                  (NetworkStatus.RETIRED, 10), (NetworkStatus.PLANNED, 5)]),
            built_on=BuiltOn.EXTRANET if kind == K.VPN_ON_EXTRANET else weighted(
                rng, [(BuiltOn.SELF_BUILT, 60), (BuiltOn.CARRIER_LEASED, 40)]),
            established_on=dt.date(year, 1 + rng.randrange(12), 1),
            cost=Decimal(rng.randrange(500, 5_000_000)) / 100)  # fmt: skip
    return nets


def _classification(rng: random.Random) -> tuple[bool, str, int | None]:
    grade = weighted(rng, [("", 920), (SecrecyGrade.MIMI, 50), (SecrecyGrade.JIMI, 25), (SecrecyGrade.JUEMI, 5)])
    if grade:
        return True, grade, None
    return False, "", weighted(rng, [(1, 10), (2, 50), (3, 35), (4, 4), (5, 1)])


def _placement(rng: random.Random, grade: str) -> tuple[str, str]:
    """(current network, target network); about 5 % deviate from the placement rule (第五条/第六条)."""
    if not grade:
        current = weighted(rng, [(CurrentNetwork.EXTRANET, 55), (CurrentNetwork.DEDICATED, 20),
                                 (CurrentNetwork.INTERNET, 15), (CurrentNetwork.NONE, 10)])  # fmt: skip
        deviate = TargetNetwork.LEGACY_DEDICATED if current == CurrentNetwork.DEDICATED else ""
        return current, deviate if deviate and rng.random() < 0.1 else TargetNetwork.EXTRANET
    if grade == SecrecyGrade.JUEMI:
        return CurrentNetwork.STANDALONE_CLASSIFIED, TargetNetwork.STANDALONE_CLASSIFIED
    current = weighted(rng, [(CurrentNetwork.INTRANET, 60), (CurrentNetwork.DEDICATED, 25),
                             (CurrentNetwork.STANDALONE_CLASSIFIED, 15)])  # fmt: skip
    return current, TargetNetwork.LOCAL_CLASSIFIED_NETWORK if rng.random() < 0.05 else TargetNetwork.INTRANET


def plan_systems(
    rng: random.Random, first_id: int, total: int, orgs: list[OrgRow], dedicated_ids: list[int]
) -> list[dict[str, Any]]:
    rows = []
    for i in range(total):
        owner = orgs[rng.randrange(len(orgs))]
        classified, grade, mlps = _classification(rng)
        current, target = _placement(rng, grade)
        dedicated = dedicated_ids[rng.randrange(len(dedicated_ids))] if current == CurrentNetwork.DEDICATED else None
        if classified:
            name = f"{owner.name}{names.CLASSIFIED_TYPES[rng.randrange(len(names.CLASSIFIED_TYPES))]}{TAG}"
        else:
            name = f"{owner.name}{names.SYSTEM_TYPES[rng.randrange(len(names.SYSTEM_TYPES))]}{TAG}"
        below = COVERAGE_BELOW[owner.level]
        coverage = [] if rng.random() < 0.1 else below[: 1 + rng.randrange(len(below))]
        rows.append(
            {
                "id": first_id + i,
                "name": name[:200],
                "owner_id": owner.id,
                "is_classified": classified,
                "secrecy_grade": grade,
                "mlps_level": mlps,
                "current_network": current,
                "current_dedicated_network_id": dedicated,
                "target_network": target,
                "public_facing": not classified and current == CurrentNetwork.INTERNET,
                "cross_region": rng.random() < 0.2,
                "cross_department": rng.random() < 0.25,
                "shares_basic_info": rng.random() < 0.1,
                "coverage_levels": [str(c) for c in coverage],
                "bandwidth_mbps": None if rng.random() < 0.15 else 10 * (1 + rng.randrange(200)),
                "status": weighted(
                    rng, [(SystemStatus.IN_OPERATION, 85), (SystemStatus.PLANNED, 8), (SystemStatus.RETIRED, 7)]
                ),  # fmt: skip
                "secrecy_ref": f"定密（演示）{first_id + i}" if classified else "",
            }
        )
    return rows


CONNECTED_SHARE = 0.85  # departments connected to the extranet (the notice's goal for 2015, a decade on)
NOT_CONNECTING = (OrgKind.EXTRANET_OPERATOR, OrgKind.ASSESSMENT_AGENCY)


def plan_connections(
    rng: random.Random, first_id: int, orgs: list[OrgRow], nets: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Extranet connections of about 85 % of departments, each to the platform of its own division, or of the
    nearest division above it that has one (the central platform for central organs), since 2008–2024."""
    platforms = {
        n["division_id"]: n["id"]
        for n in nets
        if n["family"] == NetworkFamily.EXTRANET and n["kind"] == ComponentKind.PLATFORM
    }
    central = platforms.get(None)
    rows: list[dict[str, Any]] = []
    for o in orgs:
        if o.kind in NOT_CONNECTING or rng.random() >= CONNECTED_SHARE:
            continue
        d = o.division_id
        if o.level == Level.CENTRAL:
            platform = central
        else:
            platform = platforms.get(d) or platforms.get(f"{d[:4]}00") or platforms.get(f"{d[:2]}0000") or central
        if platform is None:
            continue
        zone = weighted(rng, [(NetworkZone.PUBLIC_NETWORK_ZONE, 80), (NetworkZone.PRIVATE_VPN_ZONE, 15),
                              (NetworkZone.INTERNET_ACCESS_ZONE, 5)])  # fmt: skip
        rows.append(
            {
                "id": first_id + len(rows),
                "organisation_id": o.id,
                "platform_id": platform,
                "zone": zone,
                "connected_on": dt.date(2008 + rng.randrange(17), 1 + rng.randrange(12), 1),
            }
        )
    return rows
