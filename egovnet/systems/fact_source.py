"""The application systems' fact source (registered from ``SystemsConfig.ready``).

Each source reads a batch with a fixed number of queries, whatever the batch size (asserted in
``systems/tests/test_fact_sources.py``): rows are read without model instances — the two wide national reads
(systems, organisations) streamed from one query as plain tuples, the others keyset-paginated on the primary
key — and related facts (deviations, connections, counts, budget lines) are read once nationally or once per
batch with a filter on its ids. Systems and departments are grouped into classes of equal facts for the
per-item rules (``engine.grouped``, ADR 0351). The other registry sources: ``orgs.fact_source``,
``migration.fact_source`` (dedicated networks), ``networks.province_source``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
from collections import namedtuple
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db.models import QuerySet, TextField
from django.db.models.functions import Cast

from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.engine.grouped import (
    TOKEN,
    ItemClass,
    declared_fields,
    prototype_of,
)
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.source_kit import (
    deviations_of,
    stream_plain,
)
from egovnet.policy.subjects import FactBatch, new_subject, province_of, province_q
from egovnet.systems.choices import GRADE_RANK, SystemStatus
from egovnet.systems.models import ApplicationSystem

CLASSIFIED_LABEL = "涉密系统 #{pk}"


class SystemSource:
    """Application systems: R-1.1 (target network), R-3.4 (extranet candidates), R-4.2/4.3 (placement,
    waivable by a recorded deviation), R-4.4 (绝密 standalone + exception record), R-4.5 (placement
    deviations complete and approved by the DRC)."""

    subject_type = SubjectType.SYSTEM
    rule_ids = ("R-1.1", "R-3.4", "R-4.2", "R-4.3", "R-4.4", "R-4.5")
    fields = (
        "id",
        "name",
        "is_classified",
        "secrecy_grade",
        "mlps_level",
        "current_network",
        "target_network",
        "levels_json",
        "bandwidth_mbps",
        "public_facing",
        "cross_region",
        "cross_department",
        "shares_basic_info",
        "owner_id",
        "owner__name",
        "owner__kind",
        "owner__level",
        "owner__division_id",
        "owner__in_beijing",
    )

    def queryset(self) -> QuerySet:
        # coverage_levels as its JSON text: a few distinct values over 200k rows, parsed once each (_levels).
        levels = Cast("coverage_levels", TextField())
        return ApplicationSystem.objects.exclude(status=SystemStatus.RETIRED).annotate(levels_json=levels)

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        qs = self.queryset().filter(province_q("owner__division", province))
        national = None if province else deviations_of(self.subject_type, None)
        for rows in stream_plain(qs, batch_size, self.fields):
            yield self._batch(rows, on, national)

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        qs = self.queryset().filter(pk__in=list(ids)).order_by("pk")
        return self._batch(list(qs.values_list(*self.fields, named=True)), on)

    def _batch(
        self, rows: list[Any], on: dt.date, national: dict[int, list[F.Deviation]] | None = None
    ) -> FactBatch:  # 1 query (deviations), none with the national deviations
        """Systems named by a deviation, and 绝密 ones, are judged one by one in snapshots; every other system
        joins the class of systems with equal facts (``FactBatch.classes``), for the per-application rules.
        R-4.4 and R-4.5, the source's whole-snapshot rules, read only 绝密 applications and deviations, which
        are all in the snapshots."""
        devs = national if national is not None else deviations_of(self.subject_type, [r[0] for r in rows])
        apps, deviations, subjects, standalone = [], [], {}, []
        classes: dict[tuple, ItemClass] = {}
        class_fields, class_key = _class_definition(self.rule_ids)
        system = self.subject_type
        for r in rows:  # plain tuples in SystemSource.fields order (the hot loop of a national sweep)
            pk, classified, grade = r[0], r[_CLASSIFIED], r[_GRADE]
            key = f"sys-{pk}"
            label = CLASSIFIED_LABEL.format(pk=pk) if classified else r[_NAME]
            rank = GRADE_RANK.get(grade, 0) if classified else 0
            subjects[key] = new_subject((system, str(pk), label, r[_OWNER], province_of(r[_DIVISION]), rank))
            own = devs.get(pk)
            if classified and grade == "juemi":
                # resolves the authorising body from the owner: one small snapshot per 绝密 system.
                row = SystemRow._make(r)
                standalone.append(_owner_snapshot(row, _application(row, key), tuple(own or ()), on))
            elif own:
                apps.append(_application(SystemRow._make(r), key))
                deviations.extend(own)
            else:
                facts = class_key(r)
                c = classes.get(facts)
                if c is None:
                    prototype = prototype_of(_application(SystemRow._make(r), TOKEN), class_fields)
                    c = classes[facts] = ItemClass(prototype)
                c.members.append(key)
        snaps = [F.Snapshot(evaluation_date=on, applications=tuple(apps), deviations=tuple(deviations))]
        return FactBatch(snapshots=snaps + standalone, subjects=subjects, classes=list(classes.values()))


SystemRow = namedtuple("SystemRow", SystemSource.fields)  # type: ignore[misc]
_NAME, _CLASSIFIED, _GRADE, _OWNER, _DIVISION = (
    SystemSource.fields.index(name)
    for name in ("name", "is_classified", "secrecy_grade", "owner_id", "owner__division_id")
)

# The row columns each application fact is built from (see _application).
APP_COLUMNS = {
    "classified": ("is_classified",),
    "secrecy_grade": ("is_classified", "secrecy_grade"),
    "mlps_level": ("mlps_level",),
    "current_network": ("current_network",),
    "target_network": ("target_network",),
    "coverage_levels": ("levels_json",),
    "bandwidth_mbps": ("bandwidth_mbps",),
    "public_facing": ("public_facing",),
    "cross_region": ("cross_region",),
    "cross_department": ("cross_department",),
    "shares_basic_info": ("shares_basic_info",),
}


@functools.lru_cache(maxsize=8)
def _class_definition(rule_ids: tuple[str, ...]) -> tuple[tuple[str, ...], Callable[[Any], tuple]]:
    """What defines a class of systems for these rules: the application fields their per-application rules
    declare, and a function giving a row's key on the columns those fields are built from. (Fields a rule
    declares but the registry does not record keep their defaults on every application, so they need no
    column.)"""
    fields = declared_fields(r for p in all_packs() for r in p.rules.values() if r.id in rule_ids)
    columns = sorted({c for f in fields for c in APP_COLUMNS.get(f, ())})
    positions = [SystemSource.fields.index(c) for c in columns]
    if not positions:
        return fields, (lambda r: ())
    if len(positions) == 1:
        index = positions[0]
        return fields, (lambda r: (r[index],))
    return fields, operator.itemgetter(*positions)


def _application(r: Any, key: str) -> F.Application:
    classified = bool(r.is_classified)
    return F.Application(
        id=key,
        name=key,  # never the name: rules only need the id; a classified name must not reach a message
        classified=classified,
        secrecy_grade=(r.secrecy_grade or None) if classified else None,
        mlps_level=r.mlps_level,
        current_network=r.current_network or None,
        target_network=r.target_network or None,
        coverage_levels=_levels(r.levels_json),
        bandwidth_mbps=r.bandwidth_mbps,
        public_facing=bool(r.public_facing),
        cross_region=bool(r.cross_region),
        cross_department=bool(r.cross_department),
        shares_basic_info=bool(r.shares_basic_info),
    )


@functools.lru_cache(maxsize=1024)
def _levels(raw: str | None) -> tuple[str, ...]:
    return tuple(json.loads(raw) or ()) if raw else ()


def _owner_snapshot(r: Any, app: F.Application, devs: tuple, on: dt.date) -> F.Snapshot:
    owner = F.Org(
        name=r.owner__name,
        kind=r.owner__kind,
        level=r.owner__level,
        division=r.owner__division_id or "",
        in_beijing=bool(r.owner__in_beijing),
    )
    holder = F.ProjectFacts(id=f"registry-{app.id}", name="", owner=owner, date=on)
    return F.Snapshot(evaluation_date=on, project=holder, applications=(app,), deviations=devs)


def system_feeds(system: Any) -> list[tuple[str, list[Any]]]:
    """The subjects a system row feeds (ADR 0360): itself and its owner department (R-3.2)."""
    return [(SubjectType.SYSTEM, [system.pk]), (SubjectType.ORGANISATION, [system.owner_id])]
