"""Helpers of the fact sources (``SubjectSource``): how a source reads a batch in a fixed number of queries.

Keyset pages and one streamed query for the wide national reads, id ranges instead of long ``IN`` lists, the
recorded deviations of a batch, and the subject map with aliases. Used by the sources the apps own
(``systems.fact_source``, ``orgs.fact_source``, ``migration.fact_source``, ``networks.province_source``,
``projects.sweep_source``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db import connection
from django.db.models import Q, QuerySet

from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.engine.grouped import (
    ItemKind,
    judges_per_item,
)
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import PolicyDeviation
from egovnet.policy.subjects import Subject


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


def keyset_pages(qs: QuerySet, batch_size: int, fields: tuple[str, ...]) -> Iterator[list[dict[str, Any]]]:
    """Pages of rows (dicts) in primary-key order, one query per page."""
    last = 0
    while True:
        rows = list(qs.filter(pk__gt=last).order_by("pk").values(*fields)[:batch_size])
        if not rows:
            return
        yield rows
        last = rows[-1]["id"]


def stream_plain(qs: QuerySet, batch_size: int, fields: tuple[str, ...]) -> Iterator[list[tuple]]:
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


def deviations_of(subject_type: str, ids: list[int] | None) -> dict[int, list[F.Deviation]]:
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


def judged_per_item(rule_ids: tuple[str, ...], kind: ItemKind) -> bool:
    """Do all the rules of a source (in any pack) judge ``kind`` one item at a time?"""
    rules = [r for p in all_packs() for r in p.rules.values() if r.id in rule_ids]
    return all(judges_per_item(r, kind) for r in rules)


def id_range(field: str, ids: list[int]) -> Q:
    """A filter covering ``ids``; callers keep only exact members. A national keyset page is a dense range,
    and a range is one index seek where a 5,000-element ``IN`` list is 5,000 parameters to bind and probe;
    sparse ids (a refresh, a one-province sweep) keep the exact ``IN`` list."""
    low, high = min(ids), max(ids)
    if high - low + 1 > 4 * len(ids):
        return Q(**{f"{field}__in": ids})
    return Q(**{f"{field}__gte": low, f"{field}__lte": high})
