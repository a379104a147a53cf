"""The plug-in point of the findings machinery: one *subject source* per subject type.

A source turns database rows into fact snapshots, a batch at a time, in a fixed number of queries per batch
(independent of the batch size). Every source is registered with :func:`register_source` from an
``AppConfig.ready`` of the app that owns the models it reads: ``systems.fact_source``,
``orgs.fact_source``, ``migration.fact_source`` (dedicated networks), ``networks.province_source``,
``projects.sweep_source``. Helpers for writing one: :mod:`egovnet.policy.source_kit`.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from django.db.models import Q, QuerySet

from egovnet.policy.engine.grouped import ItemClass
from egovnet.policy.facts import Snapshot


class Subject(NamedTuple):
    """Who a finding is about, as stored: never a classified name (``label``). A named tuple: one is made per
    subject of a national sweep (~290k)."""

    type: str  # SubjectType value
    id: str  # str(primary key), or the province code
    label: str
    owner_id: int | None = None
    province: str = ""
    secrecy_rank: int = 0


@dataclass
class FactBatch:
    """Snapshots for a batch of subjects. ``subjects`` maps the engine's subject key (what rules put in
    ``Draft.subject``, e.g. ``sys-12``) to the stored subject. Findings whose key is not in the map (a
    batch-level "nothing to judge") are not stored.

    ``classes`` (optional) holds more applications, grouped by equal facts, for the per-application rules
    (``Rule.app_fields``, :mod:`egovnet.policy.engine.grouped`): every rule runs over ``snapshots``, and the
    per-application rules also over ``classes``. A source puts an application in ``classes`` only when no
    recorded deviation names it and no whole-snapshot rule of the source needs to see it."""

    snapshots: list[Snapshot]
    subjects: dict[str, Subject] = field(default_factory=dict)
    classes: list[ItemClass] = field(default_factory=list)
    # Optional, parallel to ``snapshots``: the rule ids judged on each snapshot; None there: every rule no other
    # snapshot of the batch claims. Empty: every rule judges every snapshot. (A project judges a gate it has
    # passed on the snapshot of that passing, ``projects.judged``.) Each snapshot is judged by the packs in force
    # on its own ``evaluation_date``.
    claims: list[frozenset[str] | None] = field(default_factory=list)


class SubjectSource(Protocol):
    subject_type: str
    rule_ids: tuple[str, ...]  # the rules this source feeds; stored findings are replaced per (subject, rule)

    def batches(self, *, on: dt.date, batch_size: int, province: str = "") -> Iterator[FactBatch]:
        """Every subject of this type (optionally in one province, a 2-digit or 6-digit code)."""
        ...

    def batch_for(self, ids: Iterable[Any], *, on: dt.date) -> FactBatch:
        """Just these subjects (primary keys), for a refresh after an edit."""
        ...


def province_of(division_code: str | None) -> str:
    """The province code of a division code ("" for none); remembered per code (3,209 of them, asked for
    every subject of a national sweep)."""
    province = _PROVINCES.get(division_code)
    if province is None:
        province = _PROVINCES[division_code] = f"{division_code[:2]}0000" if division_code else ""
    return province


_PROVINCES: dict[str | None, str] = {}


# ``new_subject((type, id, label, owner_id, province, secrecy_rank))``: a Subject made without the named tuple's
# Python-level ``__new__`` (one per subject of a national sweep, ~290k).
new_subject = functools.partial(tuple.__new__, Subject)


def province_q(prefix_field: str, province: str) -> Q:
    """Rows whose division (through ``prefix_field``) lies in the province (2- or 6-digit code; "" = all)."""
    return Q(**{f"{prefix_field}__code__startswith": province[:2]}) if province else Q()


_SOURCES: dict[str, SubjectSource] = {}


def register_source(source: SubjectSource) -> None:
    _SOURCES[source.subject_type] = source


def sources() -> list[SubjectSource]:
    return list(_SOURCES.values())


def source_for(subject_type: str) -> SubjectSource:
    return _SOURCES[subject_type]


VisibleIds = Callable[[Any], QuerySet]  # reader -> a values("pk") queryset of the subjects they may see
_VISIBLE: dict[str, VisibleIds] = {}


def register_visible_subjects(subject_type: str, fn: VisibleIds) -> None:
    """Subjects of a type whose deviations a reader sees beyond the owner's scope, declared by the app that owns
    them (from its ``AppConfig.ready``): the projects app lets a project's approving DRC see its deviations."""
    _VISIBLE[subject_type] = fn


def visible_subjects() -> list[tuple[str, VisibleIds]]:
    return list(_VISIBLE.items())
