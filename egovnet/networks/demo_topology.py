"""Demo topology: the extranet of every province with staggered build dates, the intranet's article-2 facts,
article-5 profiles, connections of demo departments, a few shared applications, and yearly snapshots.

Deterministic (no randomness: shares come from a hash of the division code) and idempotent. The lead calls
``load_demo_topology(actor)`` from ``egovnet.demo.load_demo`` after the demo organisations exist.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from django.db import transaction

from egovnet.geo.choices import DivisionLevel
from egovnet.geo.models import KINMEN_CODE, Division
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create
from egovnet.systems.choices import TargetNetwork
from egovnet.systems.services import system_create

from .choices import (
    SIX_CENTRAL_ORGANS,
    Carries,
    ComponentKind,
    IncorporatedInto,
    IntranetNodeCode,
    LinkKind,
    LinkStatus,
    NetworkFamily,
    NetworkStatus,
    NetworkZone,
)
from .models import Connection, IntranetNode, Network, NetworkLink
from .planning import topology
from .planning.snapshots import coverage_snapshot
from .services import network_create

BACKBONE_NAME = "国家电子政务外网中央广域骨干网"
# County coverage per province in the demo (percent); the rest default to 97 %.
COUNTY_SHARE = {"540000": 62, "630000": 74, "650000": 81, "620000": 88, "520000": 90, "530000": 91, "150000": 93}
THIN_UPLINKS = {"540000": 155, "630000": 155, "640000": 310, "460000": 310}
UNATTESTED_PAIRS = {
    (IntranetNodeCode.SUPREME_COURT, IntranetNodeCode.CPPCC_GENERAL_OFFICE),
    (IntranetNodeCode.SUPREME_PROCURATORATE, IntranetNodeCode.CPPCC_GENERAL_OFFICE),
}
NO_INTRANET_LINK = {"540000", "630000", "650000", "460000"}
SNAPSHOT_YEARS = range(2010, 2020)


def _h(code: str, salt: str = "") -> int:
    return int(hashlib.sha256(f"{salt}{code}".encode()).hexdigest()[:8], 16)


def _built(code: str, start: int, span: int) -> dt.date:
    h = _h(code, "built")
    return dt.date(start + h % span, 1 + h % 12, 1 + h % 28)


def load_demo_topology(actor: Any) -> bool:
    """Create the demo topology once; return False when it is already there.

    Extranet networks the demo data already holds (a provincial platform, a central backbone or metro network)
    are reused and linked rather than duplicated, so the registry keeps one platform per division.
    """
    if IntranetNode.objects.exists() or Network.objects.filter(name=BACKBONE_NAME).exists():
        return False
    with transaction.atomic():
        centre = _org(
            actor, "国家电子政务外网管理中心（国家信息中心）", OrgKind.EXTRANET_OPERATOR, Level.CENTRAL, "110000"
        )
        provinces = list(Division.objects.current().filter(level=DivisionLevel.PROVINCE).order_by("code"))
        operators = {
            p.code: _org(actor, f"{p.name}电子政务外网管理中心", OrgKind.EXTRANET_OPERATOR, Level.PROVINCIAL, p.code)
            for p in provinces
        }
        backbone, metro = _central(actor, centre)
        platforms = _extranet(actor, provinces, operators, backbone)
        _intranet(actor, provinces, operators)
        _connections(actor, platforms)
        _systems(actor, centre, operators)
    for year in SNAPSHOT_YEARS:
        coverage_snapshot(actor=actor, day=dt.date(year, 12, 31))
    coverage_snapshot(actor=actor, day=dt.date.today())
    return True


def _org(actor: Any, name: str, kind: str, level: str, division: str) -> Organisation:
    found = Organisation.objects.filter(name=name).first()
    return found or organisation_create(
        actor=actor, name=name, kind=kind, level=level, division=Division.objects.get(pk=division), is_demo=True
    )


def _net(
    name: str,
    level: str,
    division: Division | None,
    owner: Organisation,
    *,
    kind: str = ComponentKind.PLATFORM,
    family: str = NetworkFamily.EXTRANET,
    built: dt.date | None = None,
    **kw: Any,
) -> Network:
    return Network(
        name=name,
        family=family,
        kind=kind,
        level=level,
        division=division,
        owner=owner,
        established_on=built,
        is_demo=True,
        **kw,
    )


def _existing(level: str, kind: str) -> dict[str | None, Network]:
    """Extranet networks already registered (by the demo organisations' data), by division."""
    qs = Network.objects.filter(family=NetworkFamily.EXTRANET, level=level, kind=kind).exclude(
        status=NetworkStatus.RETIRED
    )
    return {n.division_id: n for n in qs.select_related("division").order_by("-id")}


def _central(actor: Any, centre: Organisation) -> tuple[Network, Network]:
    found = {k: _existing(Level.CENTRAL, k).get(None) for k in (ComponentKind.WAN_BACKBONE, ComponentKind.MAN)}
    backbone = found[ComponentKind.WAN_BACKBONE] or _net(
        BACKBONE_NAME, Level.CENTRAL, None, centre, kind=ComponentKind.WAN_BACKBONE, built=dt.date(2007, 6, 1)
    )
    metro = found[ComponentKind.MAN] or _net(
        "国家电子政务外网中央城域网", Level.CENTRAL, None, centre, kind=ComponentKind.MAN, built=dt.date(2007, 6, 1)
    )
    new = [n for n in (backbone, metro) if n.pk is None]
    if new:
        topology.topology_bulk_create(actor=actor, objects=new, reason="demo")
    if not NetworkLink.objects.filter(a=metro, b=backbone).exists():
        topology.link_create(
            actor=actor, a=metro, b=backbone, capacity_mbps=10000, established_on=dt.date(2007, 6, 1), is_demo=True
        )
    return backbone, metro


def _extranet(actor: Any, provinces: list[Division], operators: dict, backbone: Network) -> dict[str, Network]:
    """Provincial, prefecture and county platforms with their links (bulk, audited)."""
    divisions = list(Division.objects.current().exclude(code=KINMEN_CODE).exclude(level=DivisionLevel.PROVINCE))
    platforms: dict[str, Network] = {}
    existing = {
        **_existing(Level.PROVINCIAL, ComponentKind.PLATFORM),
        **_existing(Level.PREFECTURE, ComponentKind.PLATFORM),
        **_existing(Level.COUNTY, ComponentKind.PLATFORM),
    }
    for p in provinces:
        platforms[p.code] = _net(
            f"{p.name}电子政务外网省级平台", Level.PROVINCIAL, p, operators[p.code], built=_built(p.code, 2006, 4)
        )
    for d in divisions:
        share = COUNTY_SHARE.get(d.province_code, 97)
        if d.level == DivisionLevel.PREFECTURE and _h(d.code) % 100 < max(share + 5, 90):
            platforms[d.code] = _net(
                f"{d.name}电子政务外网平台",
                Level.PREFECTURE,
                d,
                operators[d.province_code],
                built=_built(d.code, 2009, 7),
            )
        elif d.level == DivisionLevel.COUNTY and _h(d.code) % 100 < share:
            platforms[d.code] = _net(
                f"{d.name}电子政务外网平台", Level.COUNTY, d, operators[d.province_code], built=_built(d.code, 2010, 10)
            )
    for code, net in existing.items():
        platforms[code] = net  # reuse what the demo data registered: never a second platform per division
    topology.topology_bulk_create(
        actor=actor, objects=[n for n in platforms.values() if n.pk is None], reason="demo topology"
    )
    linked = set(NetworkLink.objects.values_list("a_id", "b_id"))
    links = []
    for code, net in platforms.items():
        if net.level == Level.PROVINCIAL:
            up, cap = backbone, THIN_UPLINKS.get(code, 1000)
        else:
            division = net.division
            parent = platforms.get(division.prefecture_code or "") if net.level == Level.COUNTY else None
            up, cap = parent or platforms[division.province_code], 100 if net.level == Level.COUNTY else 622
        if (up.pk, net.pk) in linked or (net.pk, up.pk) in linked:
            continue
        links.append(
            NetworkLink(
                a=up,
                b=net,
                kind=LinkKind.BACKBONE,
                status=LinkStatus.ACTIVE,
                capacity_mbps=cap,
                established_on=net.established_on,
                is_demo=True,
            )
        )
    topology.topology_bulk_create(actor=actor, objects=links, reason="demo topology")
    return platforms


def _intranet(actor: Any, provinces: list[Division], operators: dict) -> None:
    office = _org(
        actor, "国家电子政务内网建设和管理协调小组办公室", OrgKind.INTRANET_COORDINATION_OFFICE, Level.CENTRAL, "110000"
    )
    nodes: dict[str, Network] = {}
    for code in (IntranetNodeCode.CENTRAL_PLATFORM, *SIX_CENTRAL_ORGANS):
        nodes[code] = _net(
            f"政务内网节点：{IntranetNodeCode(code).label}",
            Level.CENTRAL,
            None,
            office,
            family=NetworkFamily.INTRANET,
            attestation_ref=f"DEMO-ATT-{code}",
        )
    provincial = {
        p.code: _net(
            f"{p.name}政务内网平台",
            Level.PROVINCIAL,
            p,
            operators[p.code],
            family=NetworkFamily.INTRANET,
            attestation_ref=f"DEMO-ATT-{p.code}",
        )
        for p in provinces
    }
    topology.topology_bulk_create(actor=actor, objects=[*nodes.values(), *provincial.values()], reason="demo intranet")
    topology.topology_bulk_create(
        actor=actor, objects=[IntranetNode(code=c, network=n) for c, n in nodes.items()], reason="demo intranet"
    )
    links = []
    organs = list(SIX_CENTRAL_ORGANS)
    for i, a in enumerate(organs):
        for b in organs[i + 1 :]:
            attested = (a, b) not in UNATTESTED_PAIRS and (b, a) not in UNATTESTED_PAIRS
            links.append(
                NetworkLink(
                    a=nodes[a],
                    b=nodes[b],
                    kind=LinkKind.INTERCONNECTION,
                    is_demo=True,
                    status=LinkStatus.ACTIVE if attested else LinkStatus.PLANNED,
                    attestation_ref=f"DEMO-IC-{i}-{organs.index(b)}" if attested else "",
                )
            )
    for code, net in provincial.items():
        if code not in NO_INTRANET_LINK:
            links.append(
                NetworkLink(
                    a=nodes[IntranetNodeCode.CENTRAL_PLATFORM],
                    b=net,
                    kind=LinkKind.SECURE_LINK,
                    attestation_ref=f"DEMO-SL-{code}",
                    is_demo=True,
                )
            )
    topology.topology_bulk_create(actor=actor, objects=links, reason="demo intranet")
    _article5(actor, provincial)


def _article5(actor: Any, provincial: dict[str, Network]) -> None:
    profiles = [
        ("330000", Carries.NON_CLASSIFIED, IncorporatedInto.EXTRANET_SYSTEM, True),
        ("440000", Carries.NON_CLASSIFIED, IncorporatedInto.NONE, False),
        ("510000", Carries.MIXED, IncorporatedInto.NONE, False),
        ("320000", Carries.CLASSIFIED, IncorporatedInto.INTRANET_SYSTEM, True),
    ]
    for code, carries, into, link in profiles:
        division = provincial[code].division
        legacy = network_create(
            actor=actor,
            name=f"{division.name}电子政务网（存量，第五条）",
            family=NetworkFamily.DEDICATED,
            kind=ComponentKind.WAN_BACKBONE,
            level=Level.PROVINCIAL,
            division=division,
            owner=provincial[code].owner,
            status=NetworkStatus.ACTIVE,
            is_demo=True,
        )
        topology.provincial_network_create(
            actor=actor,
            network=legacy,
            carries=carries,
            incorporated_into=into,
            link_to_central=link,
            link_ref=f"DEMO-A5-{code}" if link else "",
        )


def _connections(actor: Any, platforms: dict[str, Network]) -> None:
    """Connect demo departments at county / prefecture level whose division has a platform (about 85 %)."""
    conns = []
    orgs = Organisation.objects.filter(is_demo=True, level__in=(Level.COUNTY, Level.PREFECTURE)).exclude(
        kind__in=(OrgKind.EXTRANET_OPERATOR, OrgKind.ASSESSMENT_AGENCY)
    )
    for o in orgs.select_related("division"):
        net = platforms.get(o.division_id)
        if net is None or _h(str(o.pk), "conn") % 100 >= 85:
            continue
        since = max(net.established_on or dt.date(2011, 1, 1), dt.date(2011, 1, 1)) + dt.timedelta(
            days=_h(str(o.pk)) % 900
        )
        conns.append(
            Connection(
                organisation=o, platform=net, zone=NetworkZone.PUBLIC_NETWORK_ZONE, connected_on=since, is_demo=True
            )
        )
    if conns:
        topology.topology_bulk_create(actor=actor, objects=conns, reason="demo connections")


def _systems(actor: Any, centre: Organisation, operators: dict) -> None:
    """Shared applications that load the backbone (capacity hot spots on the thin western uplinks)."""
    system_create(
        actor=actor,
        name="政务外网统一身份认证服务（演示）",
        owner=centre,
        target_network=TargetNetwork.EXTRANET,
        coverage_levels=["central", "provincial", "prefecture"],
        bandwidth_mbps=3600,  # ≈10 Mbps per provincial / prefecture platform
        is_demo=True,
        mlps_level=3,  # extranet systems are graded under 等级保护
    )
    system_create(
        actor=actor,
        name="全国政务视频会议系统（演示）",
        owner=centre,
        target_network=TargetNetwork.EXTRANET,
        coverage_levels=["central", "provincial"],
        bandwidth_mbps=5580,  # ≈180 Mbps per province: over the 155 Mbps uplinks
        is_demo=True,
        mlps_level=3,  # extranet systems are graded under 等级保护
    )
    for code in ("540000", "630000", "440000"):
        system_create(
            actor=actor,
            name=f"{operators[code].division.name}政务服务一体化平台（演示）",
            owner=operators[code],
            target_network=TargetNetwork.EXTRANET,
            coverage_levels=["provincial", "prefecture", "county"],
            bandwidth_mbps=800,
            is_demo=True,
            mlps_level=3,  # extranet systems are graded under 等级保护
        )
