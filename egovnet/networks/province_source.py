"""Registry facts of provinces: the province subject source (R-3.1, R-5.1–R-5.4), one batch for every province.

Registered from ``NetworksConfig.ready``: provincial platforms are this app's, application systems are counted
from ``systems``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from egovnet.geo.models import Division
from egovnet.networks.choices import ComponentKind, NetworkFamily, NetworkStatus
from egovnet.networks.models import Network
from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.subjects import FactBatch, Subject, province_of, province_q
from egovnet.systems.choices import SystemStatus
from egovnet.systems.models import ApplicationSystem

PLATFORM_KINDS = (ComponentKind.PLATFORM, ComponentKind.WAN_BACKBONE, ComponentKind.MAN)


class ProvinceSource:
    """Provinces: R-3.1 (extranet coverage of prefectures and counties) and, on their provincial-level
    networks, R-5.1–R-5.4. One batch holds every province (≤ 34): five queries in all.

    Interim: a prefecture/county is covered when an active extranet network sits in its division; a
    provincial intranet/extranet platform counts as incorporated and — with an attestation reference — as
    securely linked to the centre, and as the province's unification plan (R-5.1); a provincial dedicated
    network carries classified, non-classified or mixed business according to the systems on it."""

    subject_type = SubjectType.PROVINCE
    stored_types = (SubjectType.PROVINCE, SubjectType.NETWORK)
    rule_ids = ("R-3.1", "R-5.1", "R-5.2", "R-5.3", "R-5.4")

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        yield self._batch(province[:2] if province else "", on)

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        """Just these provinces (codes): one is read alone; several are read nationally and cut down to
        them, so a refresh never stores findings about a province it did not replace."""
        codes = sorted({str(i)[:2] for i in ids})
        if len(codes) == 1:
            return self._batch(codes[0], on)
        batch = self._batch("", on)
        wanted = {f"{c}0000" for c in codes}
        [snap] = batch.snapshots
        snap = dataclasses.replace(
            snap,
            coverage=tuple(c for c in snap.coverage if c.province in wanted),
            provincial_networks=tuple(n for n in snap.provincial_networks if n.province in wanted),
        )
        subjects = {k: s for k, s in batch.subjects.items() if s.province in wanted}
        return FactBatch([snap], subjects)

    def _batch(self, prefix: str, on: dt.date) -> FactBatch:
        divisions = Division.objects.filter(code__startswith=prefix) if prefix else Division.objects.all()
        totals: dict[str, dict[str, int]] = defaultdict(lambda: {"prefecture": 0, "county": 0})
        names: dict[str, str] = {}
        for code, level, pcode, name in divisions.values_list("code", "level", "province_code", "name"):  # 1
            if level == "province":
                names[code] = name
            elif level in ("prefecture", "county"):
                totals[pcode][level] += 1
        covered: dict[str, dict[str, int]] = defaultdict(lambda: {"prefecture": 0, "county": 0})
        seen = (
            Network.objects.filter(family=NetworkFamily.EXTRANET, status=NetworkStatus.ACTIVE)
            .filter(province_q("division", prefix))
            .filter(division__level__in=("prefecture", "county"))
            .values_list("division_id", "division__level", "division__province_code")
            .distinct()
        )
        for _code, level, pcode in seen:  # 2
            covered[pcode][level] += 1
        coverage = tuple(
            F.CoverageRecord(p, t["prefecture"], covered[p]["prefecture"], t["county"], covered[p]["county"])
            for p, t in sorted(totals.items())
        )
        subjects = {p: Subject(self.subject_type, p, names.get(p, p), None, p, 0) for p in names}
        provincial = self._provincial_networks(prefix, subjects)  # 3 + 4
        snap = F.Snapshot(evaluation_date=on, coverage=coverage, provincial_networks=provincial)
        return FactBatch([snap], subjects)

    def _provincial_networks(self, prefix: str, subjects: dict[str, Subject]) -> tuple[F.ProvincialNetwork, ...]:
        rows = list(
            Network.objects.filter(level="provincial", kind__in=PLATFORM_KINDS)
            .exclude(status=NetworkStatus.RETIRED)
            .filter(province_q("division", prefix))
            .order_by("pk")
            .values("id", "name", "family", "owner_id", "division_id", "attestation_ref")
        )
        dedicated = [r["id"] for r in rows if r["family"] == NetworkFamily.DEDICATED]
        carried: dict[int, set[bool]] = defaultdict(set)
        if dedicated:
            for net_id, classified in (
                ApplicationSystem.objects.filter(current_dedicated_network__in=dedicated)
                .exclude(status=SystemStatus.RETIRED)
                .values_list("current_dedicated_network_id", "is_classified")
                .distinct()
            ):
                carried[net_id].add(classified)
        out = []
        for r in rows:
            key = f"net-{r['id']}"
            subjects[key] = Subject(
                SubjectType.NETWORK, str(r["id"]), r["name"], r["owner_id"], province_of(r["division_id"]), 0
            )
            out.append(_provincial_fact(r, key, carried.get(r["id"], set())))
        return tuple(out)


def _provincial_fact(r: dict[str, Any], key: str, carried: set[bool]) -> F.ProvincialNetwork:
    family = r["family"]
    province = province_of(r["division_id"])
    if family == NetworkFamily.INTRANET:
        return F.ProvincialNetwork(key, province, "classified", "intranet", bool(r["attestation_ref"]), True)
    if family == NetworkFamily.EXTRANET:
        return F.ProvincialNetwork(key, province, "non_classified", "extranet", bool(r["attestation_ref"]), True)
    carries = "mixed" if carried == {True, False} else ("classified" if carried == {True} else "non_classified")
    return F.ProvincialNetwork(key, province, carries, "none", False, False)
