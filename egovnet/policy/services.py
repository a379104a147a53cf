"""Evaluate subject sources with the engine and store the findings (replace per subject and rule).

``refresh_findings_for(obj)`` re-evaluates one registry object (and the subjects whose facts it feeds) now.
Every service whose write changes a subject's facts calls ``refresh_on_commit(subject_type, ids)`` (or
``refresh_findings_on_commit(obj)`` for a registry object): the keys of one transaction are re-evaluated once,
after it commits, and a rolled-back write refreshes nothing (ADR 0360). The national sweep is
:mod:`egovnet.policy.sweep`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from egovnet.policy.choices import SubjectType
from egovnet.policy.deviations import deviation_create  # noqa: F401 — also importable from here
from egovnet.policy.divisions import csv_directory
from egovnet.policy.engine.evaluate import apply_deviations, contexts_for, run_rule
from egovnet.policy.engine.grouped import TOKEN, ItemClass, ItemKind, evaluate_grouped, judges_per_item
from egovnet.policy.engine.model import Finding as EngineFinding
from egovnet.policy.engine.model import Outcome, Pack, Rule, RuleContext
from egovnet.policy.engine.registry import packs_in_force
from egovnet.policy.models import Finding
from egovnet.policy.subjects import FactBatch, Subject, SubjectSource, source_for


def pack_version(pack: Pack) -> str:
    """A content hash of the pack's rules (ids, strengths, gates, dates, texts): changes when a rule does."""
    key = (pack.id, len(pack.rules))
    if key not in _VERSIONS:
        _VERSIONS[key] = _pack_hash(pack)
    return _VERSIONS[key]


_VERSIONS: dict[tuple[str, int], str] = {}


def _pack_hash(pack: Pack) -> str:
    h = hashlib.sha256(pack.id.encode())
    for r in sorted(pack.rules.values(), key=lambda r: r.id):
        h.update(
            repr(
                (r.id, r.article, r.paragraph, str(r.strength), r.gates, r.effective_from, r.effective_to, r.message)
            ).encode()
        )
    return f"{pack.effective_from.isoformat()}+{h.hexdigest()[:10]}"


M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class Plan:
    """The rules a source feeds, in force on ``on``, with one context per pack."""

    on: dt.date
    rules: tuple[Rule, ...]
    contexts: dict[str, RuleContext]
    versions: dict[str, str]
    wanted: frozenset[str] = frozenset()
    _other_days: dict[dt.date, Plan] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_source(cls, source: SubjectSource, on: dt.date) -> Plan:
        return cls.for_rules(frozenset(source.rule_ids), on)

    @classmethod
    def for_rules(cls, wanted: frozenset[str], on: dt.date) -> Plan:
        packs = packs_in_force(on)
        rules = tuple(r for p in packs for r in p.rules.values() if r.id in wanted and r.in_force(on))
        contexts = contexts_for(packs, on, csv_directory())
        return cls(on, rules, contexts, {p.id: pack_version(p) for p in packs}, wanted)

    @property
    def by_id(self) -> dict[str, Rule]:
        return {r.id: r for r in self.rules}

    def at(self, day: dt.date) -> Plan:
        """The same rules by the packs in force on ``day``: an act is judged by the packs of its own date."""
        if day == self.on:
            return self
        if day not in self._other_days:
            self._other_days[day] = Plan.for_rules(self.wanted, day)
        return self._other_days[day]


COLUMNS = (
    "subject_type",
    "subject_id",
    "subject_label",
    "owner_id",
    "province_code",
    "secrecy_rank",
    "rule",
    "article",
    "paragraph",
    "outcome",
    "strength",
    "blocking",
    "message_zh",
    "message_en",
    "remediation_zh",
    "remediation_en",
    "evidence",
    "deviation",
    "error",
    "pack",
    "pack_version",
    "evaluated_at",
    "sweep_id",
)
Row = tuple
ACTIONABLE = frozenset({Outcome.FAIL, Outcome.WAIVED, Outcome.INDETERMINATE})


def is_stored(f: EngineFinding) -> bool:
    """What is kept per subject: the findings someone acts on or answers for (fail, waived, indeterminate).
    Passes and not-applicable results are counted in the sweep run (by article, rule and province) and shown
    live on the subject's page; stored they were nine rows in ten at national scale (ADR 0351)."""
    return f.outcome in ACTIONABLE


def store_all(f: EngineFinding) -> bool:
    return True


CountFn = Callable[[EngineFinding, Subject], None]


def evaluate_batch(
    batch: FactBatch,
    plan: Plan,
    *,
    now: dt.datetime,
    sweep_id: int | None = None,
    count: CountFn | None = None,
    keep: Callable[[EngineFinding], bool] = is_stored,
) -> list[Row]:
    """Run the plan's rules over every snapshot of the batch, and its per-application rules over the batch's
    application classes; the rows to store (tuples in :data:`COLUMNS` order, for :func:`insert_findings` —
    model instances would cost more than the evaluation itself). ``count(finding, subject)`` sees every
    finding about a subject, stored or not; ``keep`` chooses the stored ones.

    A rule that raised gives an indeterminate finding about the whole snapshot (or class): it is stored on
    every subject of the batch (or class) — fail closed, never dropped."""
    stamp = connection.ops.adapt_datetimefield_value(now)
    rows: list[Row] = []
    unkeyed: set[str] = set()  # rules whose batch-wide indeterminate finding is already on every subject
    claims = batch.claims or [None] * len(batch.snapshots)
    claimed = frozenset().union(*(c for c in claims if c is not None))
    for snap, claim in zip(batch.snapshots, claims, strict=True):
        day_plan = plan.at(snap.evaluation_date)
        rules = day_plan.rules
        if claim is not None or claimed:
            rules = tuple(r for r in rules if (r.id in claim if claim is not None else r.id not in claimed))
        found: list[EngineFinding] = []
        for rule in rules:
            found.extend(run_rule(rule, snap, day_plan.contexts[rule.pack]))
        alias = f"registry-{snap.applications[0].id}" if snap.project and snap.applications else None
        for f in apply_deviations(found, day_plan.by_id, snap):
            key = snap.applications[0].id if alias and f.subject == alias else f.subject
            subject = batch.subjects.get(key)
            if subject is not None:
                targets: tuple[Subject, ...] = (subject,)
            elif f.outcome == Outcome.INDETERMINATE and f.rule not in unkeyed:
                targets = tuple(batch.subjects.values())
                unkeyed.add(f.rule)
            else:
                targets = ()
            stored = keep(f)
            for s in targets:
                if count is not None:
                    count(f, s)
                if stored:
                    rows.append(_row(f, s, day_plan, stamp, sweep_id))
    if batch.classes:
        _evaluate_classes(batch, plan, rows, stamp, sweep_id, count, keep, unkeyed)
    return rows


def _evaluate_classes(
    batch: FactBatch,
    plan: Plan,
    rows: list[Row],
    stamp: Any,
    sweep_id: int | None,
    count: CountFn | None,
    keep: Callable[[EngineFinding], bool],
    unkeyed: set[str],
) -> None:
    subjects = batch.subjects
    by_kind: dict[ItemKind, list[ItemClass]] = {}
    for c in batch.classes:
        by_kind.setdefault(c.kind, []).append(c)
    for rule in plan.rules:
        if rule.id in unkeyed:  # already indeterminate on every subject
            continue
        for kind, classes in by_kind.items():
            if judges_per_item(rule, kind):
                _judge_classes(rule, classes, plan, subjects, rows, stamp, sweep_id, count, keep)


def _judge_classes(
    rule: Rule,
    classes: list[ItemClass],
    plan: Plan,
    subjects: Any,
    rows: list[Row],
    stamp: Any,
    sweep_id: int | None,
    count: CountFn | None,
    keep: Callable[[EngineFinding], bool],
) -> None:
    for f, members in evaluate_grouped(rule, classes, plan.contexts[rule.pack], plan.on):
        if count is not None:
            count_many = getattr(count, "many", None)
            if count_many is not None:  # a tally counts a class in one call
                count_many(f, [subjects[key] for key in members])
            else:
                for key in members:
                    count(f, subjects[key])
        if keep(f):
            rows.extend(_member_rows(f, members, subjects, plan, stamp, sweep_id))


def _row(f: EngineFinding, s: Subject, plan: Plan, stamp: Any, sweep_id: int | None) -> Row:
    return (
        s.type,
        s.id,
        s.label[:200],
        s.owner_id,
        s.province,
        s.secrecy_rank,
        *_finding_columns(f, plan, stamp, sweep_id),
    )


def _finding_columns(f: EngineFinding, plan: Plan, stamp: Any, sweep_id: int | None) -> tuple:
    """The columns of :data:`COLUMNS` after the subject's six."""
    return (
        f.rule,
        f.article,
        f.paragraph,
        str(f.outcome),
        str(f.strength),
        f.is_blocking_outcome,
        f.message.zh,
        f.message.en,
        f.remediation.zh,
        f.remediation.en,
        json.dumps(list(f.evidence), ensure_ascii=False) if f.evidence else "[]",
        f.deviation[:80],
        f.error,
        f.pack,
        plan.versions.get(f.pack, ""),
        stamp,
        sweep_id,
    )


_TEXT_COLUMNS = (6, 7, 8, 9, 12)  # message zh/en, remediation zh/en, error (in _finding_columns)
_EVIDENCE_COLUMN = 10  # JSON: the token is escaped there, so evidence is re-encoded per member


def _member_rows(
    f: EngineFinding, members: list[str], subjects: Any, plan: Plan, stamp: Any, sweep_id: int | None
) -> Iterator[Row]:
    """Rows of a class finding for each member: the finding's columns are built once, and only the texts
    that quote the token are rewritten per member (equal to ``_row(for_member(f, key), …)``)."""
    body = _finding_columns(f, plan, stamp, sweep_id)
    quoted = [i for i in _TEXT_COLUMNS if TOKEN in body[i]]
    evidence_quotes = any(TOKEN in e for e in f.evidence)
    for key in members:
        s = subjects[key]
        head = (s.type, s.id, s.label[:200], s.owner_id, s.province, s.secrecy_rank)
        if not quoted and not evidence_quotes:
            yield head + body
            continue
        own = list(body)
        for i in quoted:
            own[i] = own[i].replace(TOKEN, key)
        if evidence_quotes:
            own[_EVIDENCE_COLUMN] = json.dumps([e.replace(TOKEN, key) for e in f.evidence], ensure_ascii=False)
        yield head + tuple(own)


def insert_findings(rows: Sequence[Row], chunk: int = 5000) -> None:
    """Write rows that are already database values: ``COPY`` on PostgreSQL (an ``executemany`` there is one
    round trip per row: 12.5 s for 95k findings, measured), a plain ``executemany`` INSERT elsewhere (on SQLite
    multi-row INSERTs through Django's cursor were 10 % slower, measured: the query is rewritten per call)."""
    if not rows:
        return
    qn = connection.ops.quote_name
    table, columns = qn(Finding._meta.db_table), ", ".join(qn(c) for c in COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        sql = f"INSERT INTO {table} ({columns}) VALUES ({', '.join(['%s'] * len(COLUMNS))})"
        for i in range(0, len(rows), chunk):
            cursor.executemany(sql, rows[i : i + chunk])


def stale_q(source: SubjectSource, ids: Sequence[str]) -> Q:
    """The stored findings a re-evaluation of these subjects replaces."""
    if source.subject_type == SubjectType.PROVINCE:
        return Q(rule__in=source.rule_ids, province_code__in=[f"{str(i)[:2]}0000" for i in ids])
    return Q(rule__in=source.rule_ids, subject_type=source.subject_type, subject_id__in=[str(i) for i in ids])


def refresh_subjects(subject_type: str, ids: Iterable[Any], *, on: dt.date | None = None) -> int:
    """Re-evaluate these subjects (primary keys / province codes) and replace their findings. Subjects that
    no longer exist (deleted, retired) just lose their findings."""
    ids = [i for i in ids if i is not None]
    if not ids:
        return 0
    source = source_for(subject_type)
    on = on or timezone.localdate()
    plan = Plan.for_source(source, on)
    rows = evaluate_batch(source.batch_for(ids, on=on), plan, now=timezone.now())
    with transaction.atomic():
        Finding.objects.filter(stale_q(source, ids)).delete()
        insert_findings(rows)
    return len(rows)


def current_findings(subject_type: str, subject_id: Any, *, on: dt.date | None = None) -> list[Finding]:
    """The live verdict of the rules of the subject's source on one subject, passes and not-applicable
    results included: unsaved :class:`Finding` rows shaped like the stored ones (a few queries; the subject
    pages show this, since passes are counted, not stored)."""
    source = source_for(subject_type)
    on = on or timezone.localdate()
    now = timezone.now()
    rows = evaluate_batch(source.batch_for([subject_id], on=on), Plan.for_source(source, on), now=now, keep=store_all)
    out = []
    for row in rows:
        data = dict(zip(COLUMNS, row, strict=True))
        if data["subject_type"] != subject_type or data["subject_id"] != str(subject_id):
            continue
        data.update(evidence=json.loads(data["evidence"]), evaluated_at=now, sweep_id=None)
        out.append(Finding(**data))
    return out


# --- refresh after an edit ------------------------------------------------------------------------------
# Keys are (subject type, id). Every write that changes a subject's facts calls ``refresh_on_commit``; the keys
# of one transaction are collected in one set and re-evaluated once, after it commits (ADR 0360).

Keys = dict[str, set[Any]]
DependantsFn = Callable[[models.Model], list[tuple[str, list[Any]]]]
# Subjects judged one at a time: a project's finding keys are unique only within its snapshot; a province
# batch of several codes reads every province (``ProvinceSource.batch_for``).
ONE_AT_A_TIME = frozenset({SubjectType.PROJECT, SubjectType.PROVINCE})
ORDER = (SubjectType.SYSTEM, SubjectType.NETWORK, SubjectType.ORGANISATION, SubjectType.PROVINCE, SubjectType.PROJECT)
CHUNK = 500
_EXTRA_DEPENDANTS: dict[str, list[DependantsFn]] = {}
_STATE = "egovnet_pending_refresh"


def register_dependants(model_label: str, fn: DependantsFn) -> None:
    """More subjects whose facts a registry object feeds, declared by the app that owns them (from its
    ``AppConfig.ready``): e.g. the projects app adds the projects that include an edited system."""
    hooks = _EXTRA_DEPENDANTS.setdefault(model_label, [])
    if fn not in hooks:
        hooks.append(fn)


def _dependants(obj: models.Model) -> list[tuple[str, list[Any]]]:
    """Subjects whose facts ``obj`` feeds: itself, its owner department (R-3.2), its province (R-3.1/R-5.x);
    a connection feeds its organisation (R-3.2); plus what other apps registered (projects)."""
    label = obj._meta.label
    if label == "systems.ApplicationSystem":
        out = [(SubjectType.SYSTEM, [obj.pk]), (SubjectType.ORGANISATION, [obj.owner_id])]
    elif label == "networks.Network":
        out = [(SubjectType.NETWORK, [obj.pk]), (SubjectType.ORGANISATION, [obj.owner_id])]
        if obj.division_id:
            out.append((SubjectType.PROVINCE, [f"{obj.division_id[:2]}0000"]))
    elif label == "orgs.Organisation":
        out = [(SubjectType.ORGANISATION, [obj.pk])]
    elif label == "networks.Connection":
        out = [(SubjectType.ORGANISATION, [obj.organisation_id])]
    else:
        raise TypeError(f"no findings source for {label}")
    for fn in _EXTRA_DEPENDANTS.get(label, ()):
        out.extend(fn(obj))
    return out


def refresh_keys(keys: Keys) -> int:
    """Re-evaluate these subjects now; the number of findings stored."""
    stored = 0
    for subject_type in sorted(keys, key=lambda t: ORDER.index(t) if t in ORDER else len(ORDER)):
        ids = sorted({str(i) for i in keys[subject_type] if i is not None})
        step = 1 if subject_type in ONE_AT_A_TIME else CHUNK
        for i in range(0, len(ids), step):
            stored += refresh_subjects(subject_type, ids[i : i + step])
    return stored


@dataclass
class _Pending:
    """The keys waiting for the commit of one transaction. ``queue`` is the connection's list of on-commit
    callbacks they were registered in: Django replaces that list on commit, rollback and savepoint rollback,
    so a different list means the keys must be rebuilt from the callbacks that survived."""

    queue: list
    keys: Keys


def _callback_keys(queue: list) -> Keys:
    keys: Keys = {}
    for _sids, func, _robust in queue:
        for t, ids in getattr(func, "refresh_keys", {}).items():
            keys.setdefault(t, set()).update(ids)
    return keys


def refresh_on_commit(subject_type: str, ids: Iterable[Any]) -> None:
    """Re-evaluate these subjects after the surrounding transaction commits (now, outside a transaction).

    Deduplicated per transaction: every call adds its keys to the connection's pending set and registers a
    callback; after the commit the first callback to run re-evaluates the whole set once (one batch per
    subject type), the others find it empty. A rolled-back write's callback is discarded by Django and its
    keys are dropped at the next call, when the set is rebuilt from the surviving callbacks (a key left over
    by a savepoint rolled back after the transaction's last call is re-evaluated with the others: harmless,
    a refresh reads committed rows). Callbacks run inside a transaction (``captureOnCommitCallbacks`` in
    tests) each take only their own keys still pending, so keys of callbacks never run stay unevaluated."""
    mine = {subject_type: {str(i) for i in ids if i is not None}}
    if not mine[subject_type]:
        return
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        refresh_keys(mine)
        return
    state = conn.__dict__.get(_STATE)
    if state is None or state.queue is not conn.run_on_commit:
        state = _Pending(conn.run_on_commit, _callback_keys(conn.run_on_commit))
        conn.__dict__[_STATE] = state
    state.keys.setdefault(subject_type, set()).update(mine[subject_type])

    def flush() -> None:
        pending = conn.__dict__.get(_STATE)
        if pending is None:
            return
        if not conn.in_atomic_block:  # after a commit: the whole set, whichever callback runs first
            keys, pending.keys = pending.keys, {}
        else:  # run inside a transaction (the tests' captured callbacks): this call's keys still pending
            keys = {t: ids & pending.keys.get(t, set()) for t, ids in mine.items()}
            for t, ids in keys.items():
                pending.keys[t] -= ids
        if any(keys.values()):
            refresh_keys(keys)

    flush.refresh_keys = mine  # type: ignore[attr-defined]
    transaction.on_commit(flush)


def refresh_findings_for(obj: models.Model, *, pk: Any = None) -> int:
    """Re-evaluate the findings of a registry object (system, network, organisation, connection) and its
    dependants now."""
    if pk is not None and obj.pk is None:  # deleted: evaluate the remembered key (drops its findings)
        obj.pk = pk
    keys: Keys = {}
    for t, ids in _dependants(obj):
        keys.setdefault(t, set()).update(ids)
    return refresh_keys(keys)


def refresh_findings_on_commit(obj: M) -> M:
    """Schedule the refresh of ``obj`` and its dependants after the surrounding transaction commits (once per
    transaction per subject); returns ``obj`` so a registry service can write
    ``return refresh_findings_on_commit(create_object(...))``. Keys are taken now, so a deleted object's
    findings are dropped."""
    for t, ids in _dependants(obj):
        refresh_on_commit(t, ids)
    return obj
