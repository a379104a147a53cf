"""The organisations' fact source (registered from ``OrgsConfig.ready``): departments and R-3.2.

Connections come from the coverage model (``networks.Connection``), applications from ``systems``.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection
from django.db.models import Count, QuerySet

from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Connection
from egovnet.networks.planning.coverage import connection_valid_q
from egovnet.orgs.models import Organisation
from egovnet.policy import facts as F
from egovnet.policy.choices import SubjectType
from egovnet.policy.engine.grouped import (
    DEPARTMENTS,
    TOKEN,
    ItemClass,
    members_of,
)
from egovnet.policy.source_kit import (
    id_range,
    judged_per_item,
    stream_plain,
)
from egovnet.policy.subjects import FactBatch, new_subject, province_of, province_q
from egovnet.systems.choices import SystemStatus
from egovnet.systems.models import ApplicationSystem


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
        for rows in stream_plain(qs, batch_size, self.fields):
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
            subjects[key] = new_subject((self.subject_type, str(pk), name, pk, province_of(division), 0))
        if not judged_per_item(self.rule_ids, DEPARTMENTS):  # a whole-snapshot rule must see every department
            departments = members_of(classes.values())
            return FactBatch([F.Snapshot(evaluation_date=on, departments=departments)], subjects)
        return FactBatch([F.Snapshot(evaluation_date=on)], subjects, list(classes.values()))


def _extranet_connected(ids: list[int] | None, on: dt.date) -> set[int]:
    """Organisations (of ``ids``; every one with ``None``) with a connection to an extranet platform valid on
    ``on`` (one query; nationally read as plain integers, without Django's row iterator)."""
    if ids is not None and not ids:
        return set()
    qs = Connection.objects.filter(connection_valid_q(on), platform__family=NetworkFamily.EXTRANET)
    if ids is None:
        return {org for (org,) in _plain_rows(qs.order_by().values_list("organisation_id").distinct())}
    wanted = set(ids)
    rows = qs.filter(id_range("organisation_id", ids)).values_list("organisation_id", flat=True).distinct()
    return {org for org in rows if org in wanted}


def _open_app_counts(ids: list[int] | None) -> dict[int, int]:
    """Live (non-retired) non-classified application systems per owner (of ``ids``; every owner with
    ``None``), one query. Nationally the owners are counted here from one sequential pass of plain integers: a
    GROUP BY lets SQLite walk the owner index and fetch every row from the table (2.5× slower, measured)."""
    if ids is not None and not ids:
        return {}
    qs = ApplicationSystem.objects.filter(is_classified=False).exclude(status=SystemStatus.RETIRED)
    if ids is None:
        return dict(Counter(owner for (owner,) in _plain_rows(qs.order_by().values_list("owner_id"))))
    rows = qs.filter(id_range("owner_id", ids)).values_list("owner_id").annotate(n=Count("pk")).order_by()
    wanted = set(ids)
    return {owner: n for owner, n in rows if owner in wanted}


def _plain_rows(qs: QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` queryset of integer columns, straight from the cursor."""
    sql, params = qs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def organisation_feeds(org: Any) -> list[tuple[str, list[Any]]]:
    """The subjects an organisation row feeds through its own columns: itself (ADR 0360)."""
    return [(SubjectType.ORGANISATION, [org.pk])]
