"""The projects' subject source for the findings machinery (ADR 0350): project dossier rules over every
live project, in batches.

Queries per page of projects: 1 (the page's rows) + 11 (``judged.judged_snapshots``: the ten queries of
``facts.load_rows`` filtered on the page's project ids, the last one the deviations recorded for the page's
projects, and one for their stage transitions), whatever the page size. Each project is judged as it stands on
its act date (else the sweep's date), and each gate it has passed on the evidence and by the packs of that
passing (``projects.judged``, ADR 0410).
Every finding of a project's snapshot, whatever key the rule gives it (``project``, an application, a
document, a component), is stored on the project subject.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import QuerySet

from egovnet.policy.choices import SubjectType
from egovnet.policy.db_facts import AliasedSubjects
from egovnet.policy.engine.model import rule_sort_key
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.facts import Snapshot
from egovnet.policy.subjects import FactBatch, Subject, province_of

from . import facts as PF
from .choices import ProjectStatus
from .judged import Judged, judged_snapshots
from .models import Project

# Gates of the project dossier (needs analysis, proposal, FSR, local parts, acceptance).
PROJECT_GATE_PREFIXES = ("G-NEEDS", "G-PROPOSAL", "G-FSR", "G-LOCAL", "G-ACCEPT")
FIRST_PROJECT_ARTICLE = 6  # articles 6–12 govern projects; articles 1–5 are judged on registry facts


def project_rule_ids() -> tuple[str, ...]:
    """Rules judged on a project's dossier, derived from the packs' declarations: article ≥ 6 and gated at a
    project dossier gate (R-6.x … R-11.x, R-12.1, gov-2019-57's R-9.7/R-11.6; not the budget rules R-12.2–4)."""
    return tuple(
        sorted(
            {
                r.id
                for p in all_packs()
                for r in p.rules.values()
                if r.article >= FIRST_PROJECT_ARTICLE and any(g.startswith(PROJECT_GATE_PREFIXES) for g in r.gates)
            },
            key=rule_sort_key,
        )
    )


class ProjectSource:
    """Projects (active and completed; withdrawn ones are not judged): the project-level rules."""

    subject_type = SubjectType.PROJECT
    fields = ("id", "name", "owner_id", "owner__division_id")

    @property
    def rule_ids(self) -> tuple[str, ...]:
        return project_rule_ids()

    def queryset(self) -> QuerySet:
        return Project.objects.exclude(status=ProjectStatus.WITHDRAWN)

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        qs = self.queryset()
        if province:
            qs = qs.filter(owner__division__code__startswith=province[:2])
        last = 0
        while True:
            rows = list(qs.filter(pk__gt=last).order_by("pk").values(*self.fields)[:batch_size])
            if not rows:
                return
            judged = judged_snapshots([r["id"] for r in rows], on=on)
            yield from (self._batch(r, judged[r["id"]]) for r in rows)
            last = rows[-1]["id"]

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        """One project (a refresh): a batch holds one project, because the keys rules give findings
        (``project``, ``app-3``) are only unique within a project's snapshot."""
        ids = list(ids)
        if len(ids) != 1:
            raise ValueError(f"refresh one project at a time (got {len(ids)} ids)")
        rows = list(self.queryset().filter(pk=ids[0]).values(*self.fields))
        return self._batch(rows[0], judged_snapshots([rows[0]["id"]], on=on)[rows[0]["id"]]) if rows else FactBatch([])

    def _batch(self, r: dict[str, Any], judged: list[Judged]) -> FactBatch:
        """One project: its own batch, so that every key its findings carry resolves to it. Its snapshots: the
        project as it stands (on its act date, else the sweep's date) and one per passed gate (``judged``)."""
        key = f"prj-{r['id']}"
        subject = Subject(
            self.subject_type, str(r["id"]), r["name"], r["owner_id"], province_of(r["owner__division_id"]), 0
        )
        return FactBatch(
            [j.snapshot for j in judged], AliasedSubjects({key: subject}, default=key), claims=[j.rules for j in judged]
        )


def build_snapshots(ids: list[int], *, on: dt.date) -> dict[int, Snapshot]:
    """``facts.build_snapshot(pk, on=on)`` for many projects at once, in its ten queries (asserted equal in
    ``tests/test_sweep_source.py``)."""
    return {pk: PF.assemble(rows, on) for pk, rows in PF.load_rows(ids).items()}
