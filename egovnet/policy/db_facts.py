"""Registry facts from the database: the subject sources of systems, networks, organisations and provinces.

Each source reads a batch with a fixed number of queries, whatever the batch size (asserted in
``tests/test_db_facts.py``): rows are read without model instances — the two wide national reads (systems,
organisations) streamed from one query as plain tuples, the others keyset-paginated on the primary key — and
related facts (deviations, connections, counts, budget lines) are read once nationally or once per batch with
a filter on its ids. Systems and departments are grouped into classes of equal facts for the per-item rules
(``engine.grouped``, ADR 0351). Connections come from the coverage model (``networks.Connection``), migration
plans and budget lines from the migration app (ADR 0350, "Real models").
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import operator
from collections import Counter, defaultdict, namedtuple
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, TextField
from django.db.models import F as DbF
from django.db.models.functions import Cast

from egovnet.migration.choices import BudgetObjectKind, PlanStatus
from egovnet.migration.models import BudgetLine, MigrationItem
from egovnet.networks.choices import NetworkFamily, NetworkStatus
from egovnet.networks.models import Connection, Network
from egovnet.networks.planning.coverage import connection_valid_q
from egovnet.orgs.models import Organisation
from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.engine.grouped import (
    DEPARTMENTS,
    TOKEN,
    ItemClass,
    ItemKind,
    declared_fields,
    judges_per_item,
    members_of,
    prototype_of,
)
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import PolicyDeviation
from egovnet.policy.province_facts import ProvinceSource
from egovnet.policy.subjects import FactBatch, Subject, province_of, province_q, register_source
from egovnet.systems.choices import GRADE_RANK, SystemStatus
from egovnet.systems.models import ApplicationSystem

CLASSIFIED_LABEL = "涉密系统 #{pk}"


class AliasedSubjects(dict):
    """The subjects of a batch, plus aliases: other engine keys (a budget line, any key of a project snapshot)
    that resolve to one of them. Only the real subjects are counted (``len``, ``values``)."""

    def __init__(self, subjects: dict[str, Subject], aliases: dict[str, str] | None = None, default: str = ""):
        super().__init__(subjects)
        self.aliases = aliases or {}
        self.default = default

    def get(self, key: str, fallback: Any = None) -> Any:
        if key in self:
            return self[key]
        key = self.aliases.get(key, self.default)
        return self[key] if key in self else fallback


def _keyset(qs: QuerySet, batch_size: int, fields: tuple[str, ...]) -> Iterator[list[dict[str, Any]]]:
    """Pages of rows (dicts) in primary-key order, one query per page."""
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).order_by("pk").values(*fields)[:batch_size])
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def _stream_plain(qs: QuerySet, batch_size: int, fields: tuple[str, ...]) -> Iterator[list[tuple]]:
    """Pages of rows from one streamed query (a server-side cursor on PostgreSQL), as plain tuples in
    ``fields`` order (the first is the primary key), for the widest national reads. The query is compiled by the
    ORM and run without Django's per-value converters (a fifth of the read); values come as the driver gives
    them (SQLite booleans as 0/1), so the consumer converts what it keeps. Unordered: a sweep's batches are
    any partition of the rows, and an ORDER BY makes PostgreSQL pick a fast-start nested loop for the cursor
    (measured: 1.3–1.6 s against 0.8 s for the systems). One query instead of a keyset page per batch."""
    sql, params = qs.order_by().values_list(*fields).query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(batch_size):
            yield rows


def _deviations(subject_type: str, ids: list[int] | None) -> dict[int, list[F.Deviation]]:
    """Recorded deviations of a batch, one query (range on the subject id, then exact match in Python); with
    ``ids`` None, of every subject of the type (a national sweep reads them once: they are few)."""
    out: dict[int, list[F.Deviation]] = defaultdict(list)
    if ids is not None and not ids:
        return out
    wanted = None if ids is None else set(ids)
    rows = (
        PolicyDeviation.objects.filter(subject_type=subject_type)
        .select_related("approver")
        .only("rule", "subject_id", "reason", "legal_basis", "expires", "approved", "approver")
    )
    if ids is not None:
        rows = rows.filter(subject_id__gte=min(ids), subject_id__lte=max(ids))
    prefix = {SubjectType.SYSTEM: "sys", SubjectType.NETWORK: "net", SubjectType.ORGANISATION: "org"}[subject_type]
    for d in rows:
        if wanted is not None and d.subject_id not in wanted:
            continue
        a = d.approver
        approver = (
            F.Org(name=a.name, kind=a.kind, level=a.level, division=a.division_id or "", in_beijing=a.in_beijing)
            if a
            else F.Org(name="—", kind="other")
        )
        out[d.subject_id].append(
            F.Deviation(
                rule=d.rule,
                subject=f"{prefix}-{d.subject_id}",
                reason=d.reason,
                legal_basis=d.legal_basis,
                approver=approver,
                expires=d.expires,
                approved=d.approved,
            )
        )
    return out


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
        national = None if province else _deviations(self.subject_type, None)
        for rows in _stream_plain(qs, batch_size, self.fields):
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
        devs = national if national is not None else _deviations(self.subject_type, [r[0] for r in rows])
        apps, deviations, subjects, standalone = [], [], {}, []
        classes: dict[tuple, ItemClass] = {}
        class_fields, class_key = _class_definition(self.rule_ids)
        system = self.subject_type
        for r in rows:  # plain tuples in SystemSource.fields order (the hot loop of a national sweep)
            pk, classified, grade = r[0], r[_CLASSIFIED], r[_GRADE]
            key = f"sys-{pk}"
            label = CLASSIFIED_LABEL.format(pk=pk) if classified else r[_NAME]
            rank = GRADE_RANK.get(grade, 0) if classified else 0
            subjects[key] = Subject(system, str(pk), label, r[_OWNER], province_of(r[_DIVISION]), rank)
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


class OrganisationSource:
    """Departments: R-3.2 (a department with non-classified applications is connected to the extranet).

    "Connected" = a connection (``networks.Connection``) to an extranet platform valid on the evaluation date.
    Non-classified applications are counted on live (non-retired) systems. A national sweep reads both once,
    in two grouped queries (a sequential pass beats twenty index-range passes; one integer per department is
    kept); a province sweep or a refresh reads them per batch with a filter on the batch's ids. The rows
    query carries no correlated subquery.
    """

    subject_type = SubjectType.ORGANISATION
    rule_ids = ("R-3.2",)
    fields = ("id", "name", "division_id")

    def queryset(self) -> QuerySet:
        return Organisation.objects.all()

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        qs = self.queryset().filter(province_q("division", province))
        national = None if province else (_extranet_connected(None, on), _open_app_counts(None))
        for rows in _stream_plain(qs, batch_size, self.fields):
            yield self._batch(rows, on, national)

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        return self._batch(list(self.queryset().filter(pk__in=list(ids)).order_by("pk").values_list(*self.fields)), on)

    def _batch(
        self, rows: list[tuple], on: dt.date, national: tuple[set[int], dict[int, int]] | None = None
    ) -> FactBatch:  # 2 queries, none with national facts
        ids = [r[0] for r in rows]
        connected, open_apps = national or (_extranet_connected(ids, on), _open_app_counts(ids))
        classes: dict[tuple[bool, int], ItemClass] = {}
        subjects = {}
        for pk, name, division in rows:  # every department joins the class of its facts (R-3.2 judges it alone)
            key = f"org-{pk}"
            facts = (pk in connected, open_apps.get(pk, 0))
            c = classes.get(facts)
            if c is None:
                c = classes[facts] = ItemClass(F.DepartmentConnection(TOKEN, *facts))
            c.members.append(key)
            subjects[key] = Subject(self.subject_type, str(pk), name, pk, province_of(division), 0)
        if not _judged_per_item(self.rule_ids, DEPARTMENTS):  # a whole-snapshot rule must see every department
            departments = members_of(classes.values())
            return FactBatch([F.Snapshot(evaluation_date=on, departments=departments)], subjects)
        return FactBatch([F.Snapshot(evaluation_date=on)], subjects, list(classes.values()))


@functools.lru_cache(maxsize=8)
def _judged_per_item(rule_ids: tuple[str, ...], kind: ItemKind) -> bool:
    """Do all the rules of a source (in any pack) judge ``kind`` one item at a time?"""
    rules = [r for p in all_packs() for r in p.rules.values() if r.id in rule_ids]
    return all(judges_per_item(r, kind) for r in rules)


def _id_range(field: str, ids: list[int]) -> Q:
    """A filter covering ``ids``; callers keep only exact members. A national keyset page is a dense range,
    and a range is one index seek where a 5,000-element ``IN`` list is 5,000 parameters to bind and probe;
    sparse ids (a refresh, a one-province sweep) keep the exact ``IN`` list."""
    low, high = min(ids), max(ids)
    if high - low + 1 > 4 * len(ids):
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})


def _extranet_connected(ids: list[int] | None, on: dt.date) -> set[int]:
    """Organisations (of ``ids``; every one with ``None``) with a connection to an extranet platform valid on
    ``on`` (one query)."""
    if ids is not None and not ids:
        return set()
    qs = Connection.objects.filter(connection_valid_q(on), platform__family=NetworkFamily.EXTRANET)
    if ids is None:
        return set(qs.values_list("organisation_id", flat=True).distinct())
    wanted = set(ids)
    rows = qs.filter(_id_range("organisation_id", ids)).values_list("organisation_id", flat=True).distinct()
    return {org for org in rows if org in wanted}


def _open_app_counts(ids: list[int] | None) -> dict[int, int]:
    """Live (non-retired) non-classified application systems per owner (of ``ids``; every owner with
    ``None``), one query. Nationally the owners are counted here from one sequential pass: a GROUP BY lets
    SQLite walk the owner index and fetch every row from the table (2.5× slower, measured)."""
    if ids is not None and not ids:
        return {}
    qs = ApplicationSystem.objects.filter(is_classified=False).exclude(status=SystemStatus.RETIRED)
    if ids is None:
        return dict(Counter(qs.order_by().values_list("owner_id", flat=True).iterator(chunk_size=10000)))
    rows = qs.filter(_id_range("owner_id", ids)).values_list("owner_id").annotate(n=Count("pk")).order_by()
    wanted = set(ids)
    return {owner: n for owner, n in rows if owner in wanted}


def _approved_items() -> QuerySet:
    """Items of an approved version of the network owner's own migration plan that move off the network."""
    return MigrationItem.objects.filter(
        from_network=OuterRef("pk"),
        plan_version__status=PlanStatus.APPROVED,
        plan_version__plan__department=OuterRef("owner"),
    )


class NetworkSource:
    """Dedicated networks: R-4.1 (migration plan and scheme) and R-12.2 (O&M of networks built after the
    notice).

    R-4.1: the owner department's migration plan has an approved version with an item moving off this
    network (plan) and a non-empty implementation scheme (scheme) — annotations of the rows query.
    R-12.2: the network's O&M budget lines (``migration.BudgetLine``, object "network"), fact id ``bl-<pk>``
    (one query per batch); only a network with no budget line at all falls back to its annual O&M cost,
    fact id ``om-<network pk>`` (the id in the finding says which one was judged)."""

    subject_type = SubjectType.NETWORK
    rule_ids = ("R-4.1", "R-12.2")
    fields = ("id", "name", "owner_id", "owner__name", "division_id", "established_on", "om", "planned", "schemed")

    def queryset(self) -> QuerySet:
        return (
            Network.objects.filter(family=NetworkFamily.DEDICATED)
            .exclude(status=NetworkStatus.RETIRED)
            .annotate(
                om=DbF("annual_om_cost_10k_yuan"),
                planned=Exists(_approved_items()),
                schemed=Exists(_approved_items().exclude(plan_version__scheme="")),
            )
        )

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        qs = self.queryset().filter(province_q("division", province))
        for rows in _keyset(qs, batch_size, self.fields):
            yield self._batch(rows, on)

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        return self._batch(list(self.queryset().filter(pk__in=list(ids)).order_by("pk").values(*self.fields)), on)

    def _batch(self, rows: list[dict[str, Any]], on: dt.date) -> FactBatch:  # 1 query (budget lines)
        budget = _budget_lines([r["id"] for r in rows])
        nets, lines, subjects, aliases = [], [], {}, {}
        for r in rows:
            key = f"net-{r['id']}"
            nets.append(
                F.DedicatedNetworkFact(
                    id=key,
                    owner=r["owner__name"],
                    established_on=r["established_on"],
                    has_migration_plan=bool(r["planned"]),
                    has_implementation_scheme=bool(r["planned"] and r["schemed"]),
                )
            )
            own = budget.get(r["id"], [])
            if not own and r["om"]:  # fallback: no budget line recorded for this network
                own = [F.BudgetLine(f"om-{r['id']}", on.year, "dedicated_network", key, float(r["om"]), estimated=True)]
            for line in own:
                lines.append(line)
                aliases[line.id] = key
            subjects[key] = Subject(
                self.subject_type, str(r["id"]), r["name"], r["owner_id"], province_of(r["division_id"]), 0
            )
        snap = F.Snapshot(evaluation_date=on, dedicated_networks=tuple(nets), budget_lines=tuple(lines))
        return FactBatch([snap], AliasedSubjects(subjects, aliases))


def _budget_lines(ids: list[int]) -> dict[int, list[F.BudgetLine]]:
    """Network budget lines of a batch, one query (range on the network id, exact match in Python)."""
    out: dict[int, list[F.BudgetLine]] = defaultdict(list)
    if not ids:
        return out
    wanted = set(ids)
    rows = (
        BudgetLine.objects.filter(
            object_kind=BudgetObjectKind.NETWORK, network_id__gte=min(ids), network_id__lte=max(ids)
        )
        .order_by("network_id", "fiscal_year", "id")
        .values_list("id", "network_id", "fiscal_year", "amount_10k_yuan")
    )
    for pk, net, year, amount in rows:
        if net in wanted:
            out[net].append(F.BudgetLine(f"bl-{pk}", year, "dedicated_network", f"net-{net}", float(amount)))
    return out


for _source in (SystemSource(), OrganisationSource(), NetworkSource(), ProvinceSource()):
    register_source(_source)
