"""The findings store: evaluate subject sources with the engine and store the findings (replaced per subject
and rule): pack hashing, row encoding, the COPY / multi-row inserts, the current findings of a subject.

When to re-evaluate is decided elsewhere: after an edit by :mod:`egovnet.policy.refresh` (on commit, ADR 0360),
nationally by :mod:`egovnet.policy.sweep`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from egovnet.policy.choices import SubjectType
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
    provinces = _ClassProvinces(batch.classes, subjects)
    for rule in plan.rules:
        if rule.id in unkeyed:  # already indeterminate on every subject
            continue
        for kind, classes in by_kind.items():
            if judges_per_item(rule, kind):
                _judge_classes(rule, classes, plan, subjects, rows, stamp, sweep_id, count, keep, provinces)


class _ClassProvinces:
    """How many members of a run of classes lie in each province, counted once per class and batch (a tally
    would otherwise count every member again for every rule)."""

    def __init__(self, classes: list[ItemClass], subjects: Any) -> None:
        self.heads = {c.members[0]: c for c in classes if c.members}
        self.subjects = subjects
        self.counts: dict[int, Counter] = {}

    def of(self, members: list[str]) -> Counter:
        """Province counts of ``members``: the concatenated member lists of whole classes (what
        ``evaluate_grouped`` returns), else counted member by member."""
        total: Counter = Counter()
        i, n = 0, len(members)
        while i < n:
            c = self.heads.get(members[i])
            size = len(c.members) if c is not None else 0
            if not size or i + size > n or members[i + size - 1] != c.members[-1]:
                return Counter(self.subjects[key].province for key in members)
            counts = self.counts.get(id(c))
            if counts is None:
                counts = self.counts[id(c)] = Counter(self.subjects[key].province for key in c.members)
            total.update(counts)
            i += size
        return total


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
    provinces: _ClassProvinces,
) -> None:
    by_province = getattr(count, "by_province", None)  # a tally counts a class's provinces at once
    for f, members in evaluate_grouped(rule, classes, plan.contexts[rule.pack], plan.on):
        if by_province is not None:
            if members:
                by_province(f, provinces.of(members))
        elif count is not None:
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
