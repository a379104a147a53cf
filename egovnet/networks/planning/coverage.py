"""Extranet coverage of every province, prefecture and county on a date, computed from the registry.

Definitions (ADR 0501, context.md A-3.2):

* A division is *covered* when an extranet platform (``Network`` family extranet, kind platform, status
  active or migrating, ``established_on`` on or before the date or unknown) sits in it.
* County-level units are the valid ``county`` divisions (municipal districts and the 32 units directly
  under a province included) plus the prefecture-level cities that have no county below them on that date
  (东莞, 中山, 儋州, 嘉峪关), which count as their own county-level unit.
* 金门县 (350527) is excluded from every denominator: it is in the MCA list but governed by Taiwan.
* Divisions not valid on the date are excluded; so are organisations whose division is excluded.
* County-level departments are organisations of level county in a county-level unit (level prefecture
  for a prefecture-level city without counties), except extranet operators and assessment agencies.
  A department is *connected* when it has an extranet connection valid on the date.

All aggregates take a fixed number of queries (five), whatever the number of divisions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from django.db.models import Count, Q

from egovnet.geo.choices import DivisionLevel
from egovnet.geo.models import KINMEN_CODE, Division
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation

from ..choices import ComponentKind, LinkStatus, NetworkFamily, NetworkStatus
from ..models import Connection, Network, NetworkLink

EXCLUDED_CODES = frozenset({KINMEN_CODE})
NOT_DEPARTMENTS = (OrgKind.EXTRANET_OPERATOR, OrgKind.ASSESSMENT_AGENCY)
PRESENT_STATUSES = (NetworkStatus.ACTIVE, NetworkStatus.MIGRATING)


def _share(part: int, total: int) -> float | None:
    return round(100.0 * part / total, 2) if total else None


@dataclass
class Counts:
    prefectures_total: int = 0
    prefectures_covered: int = 0
    counties_total: int = 0
    counties_covered: int = 0
    departments_total: int = 0
    departments_connected: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def shares(self) -> dict[str, float | None]:
        return {
            "prefecture_coverage": _share(self.prefectures_covered, self.prefectures_total),
            "county_coverage": _share(self.counties_covered, self.counties_total),
            "departments_connected_share": _share(self.departments_connected, self.departments_total),
        }


@dataclass
class Region:
    """A prefecture, or a county-level unit directly under a province (the map's drill-down regions)."""

    code: str
    name: str
    level: str
    platform_present: bool
    counts: Counts = field(default_factory=Counts)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "level": self.level,
            "platform_present": self.platform_present,
            **asdict(self.counts),
            **self.counts.shares(),
        }


@dataclass
class ProvinceCoverage:
    code: str
    name: str
    is_municipality: bool
    platform_present: bool
    linked_to_backbone: bool
    counts: Counts = field(default_factory=Counts)
    regions: list[Region] = field(default_factory=list)

    def as_dict(self, with_regions: bool = True) -> dict[str, Any]:
        out = {
            "code": self.code,
            "name": self.name,
            "is_municipality": self.is_municipality,
            "platform_present": self.platform_present,
            "linked_to_backbone": self.linked_to_backbone,
            **asdict(self.counts),
            **self.counts.shares(),
        }
        if with_regions:
            out["regions"] = [r.as_dict() for r in self.regions]
        return out


@dataclass
class CoverageReport:
    date: dt.date
    provinces: list[ProvinceCoverage]
    national: Counts
    provinces_linked: int

    def as_dict(self, with_regions: bool = True) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "national": {
                **asdict(self.national),
                **self.national.shares(),
                "provinces_total": len(self.provinces),
                "provinces_linked": self.provinces_linked,
            },
            "excluded": sorted(EXCLUDED_CODES),
            "provinces": [p.as_dict(with_regions) for p in self.provinces],
        }


# --- the five queries -------------------------------------------------------------------------------


def _divisions(day: dt.date) -> list[tuple[str, str, str, str | None, str, str]]:
    qs = Division.objects.valid_on(day).exclude(code__in=EXCLUDED_CODES)
    return list(
        qs.order_by("code").values_list("code", "name", "level", "parent_id", "province_code", "prefecture_code")
    )


def platform_present_q(day: dt.date, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}family": NetworkFamily.EXTRANET,
            f"{prefix}kind": ComponentKind.PLATFORM,
            f"{prefix}status__in": PRESENT_STATUSES,
        }
    ) & (Q(**{f"{prefix}established_on__isnull": True}) | Q(**{f"{prefix}established_on__lte": day}))


def _platform_divisions(day: dt.date) -> set[str]:
    qs = Network.objects.filter(platform_present_q(day), division__isnull=False)
    return set(qs.values_list("division_id", flat=True).distinct())


def link_valid_q(day: dt.date) -> Q:
    return Q(status=LinkStatus.ACTIVE) & (Q(established_on__isnull=True) | Q(established_on__lte=day))


def _provinces_linked(day: dt.date) -> set[str]:
    """Provinces whose provincial extranet platform has a valid link to a central extranet network."""
    central, provincial = Level.CENTRAL, Level.PROVINCIAL
    qs = NetworkLink.objects.filter(link_valid_q(day), a__family=NetworkFamily.EXTRANET).filter(
        Q(a__level=central, b__level=provincial) | Q(a__level=provincial, b__level=central)
    )
    linked: set[str] = set()
    for a_level, a_div, b_div in qs.values_list("a__level", "a__division_id", "b__division_id"):
        linked.add(b_div if a_level == central else a_div)
    return linked


def _departments(day: dt.date) -> dict[tuple[str, str], int]:
    qs = (
        Organisation.objects.filter(level__in=(Level.COUNTY, Level.PREFECTURE))
        .exclude(kind__in=NOT_DEPARTMENTS)
        .values_list("division_id", "level")
        .annotate(n=Count("id"))
    )
    return {(d, lv): n for d, lv, n in qs}


def connection_valid_q(day: dt.date, prefix: str = "") -> Q:
    return Q(**{f"{prefix}connected_on__lte": day}) & (
        Q(**{f"{prefix}disconnected_on__isnull": True}) | Q(**{f"{prefix}disconnected_on__gt": day})
    )


def _connected(day: dt.date) -> dict[tuple[str, str], int]:
    qs = (
        Connection.objects.filter(connection_valid_q(day), platform__family=NetworkFamily.EXTRANET)
        .filter(organisation__level__in=(Level.COUNTY, Level.PREFECTURE))
        .exclude(organisation__kind__in=NOT_DEPARTMENTS)
        .values_list("organisation__division_id", "organisation__level")
        .annotate(n=Count("organisation_id", distinct=True))
    )
    return {(d, lv): n for d, lv, n in qs}


# --- assembly -----------------------------------------------------------------------------------------


def compute_coverage(day: dt.date | None = None) -> CoverageReport:
    """Coverage of every province on ``day`` (default today), with prefecture / direct-unit regions."""
    day = day or dt.date.today()
    divisions = _divisions(day)
    present, linked = _platform_divisions(day), _provinces_linked(day)
    departments, connected = _departments(day), _connected(day)

    with_counties = {row[3] for row in divisions if row[2] == DivisionLevel.COUNTY}
    with_prefectures = {row[4] for row in divisions if row[2] == DivisionLevel.PREFECTURE}
    provinces = {
        code: ProvinceCoverage(
            code, name, code not in with_prefectures, code in present, code in linked and code in present
        )
        for code, name, level, *_ in divisions
        if level == DivisionLevel.PROVINCE
    }
    regions: dict[str, Region] = {}
    direct: dict[str, Counts] = {code: Counts() for code in provinces}  # municipal districts
    for code, name, level, _parent, province, prefecture in divisions:
        prov = provinces.get(province)
        if prov is None or level == DivisionLevel.PROVINCE:
            continue
        if level == DivisionLevel.PREFECTURE:
            region = regions[code] = Region(code, name, level, code in present)
            region.counts.prefectures_total, region.counts.prefectures_covered = 1, int(code in present)
            prov.regions.append(region)
            if code in with_counties:
                continue  # its counties are counted below
            region.counts.add(_unit(code, Level.PREFECTURE, present, departments, connected))
        elif prefecture in regions:
            regions[prefecture].counts.add(_unit(code, Level.COUNTY, present, departments, connected))
        elif prov.is_municipality:
            direct[province].add(_unit(code, Level.COUNTY, present, departments, connected))
        else:  # a county-level unit directly under a province: its own drill-down region
            region = Region(code, name, level, code in present)
            region.counts.add(_unit(code, Level.COUNTY, present, departments, connected))
            prov.regions.append(region)
    national = Counts()
    for prov in provinces.values():
        prov.counts.add(direct[prov.code])
        for region in prov.regions:
            prov.counts.add(region.counts)
        national.add(prov.counts)
    ordered = sorted(provinces.values(), key=lambda p: p.code)
    return CoverageReport(day, ordered, national, sum(p.linked_to_backbone for p in ordered))


def _unit(
    code: str,
    org_level: str,
    present: set[str],
    departments: dict[tuple[str, str], int],
    connected: dict[tuple[str, str], int],
) -> Counts:
    """Counts of one county-level unit (``org_level`` = the level of its departments)."""
    return Counts(
        counties_total=1,
        counties_covered=int(code in present),
        departments_total=departments.get((code, org_level), 0),
        departments_connected=connected.get((code, org_level), 0),
    )
