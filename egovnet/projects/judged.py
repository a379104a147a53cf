"""What each rule of a project is judged on: a gate already passed on the evidence as it stood when it was
passed, by the packs in force on the date it was judged; everything else on the project as it stands, by the
packs in force on its act date (ADR 0410).

A passed gate is the gate of a stage the project left by an advance (or completed by acceptance) and has not
been sent back to since. A rule belongs to a passed gate when every gate the project's path judges it at has
been passed; it is then judged on the snapshot of the latest of those passings: the documents and reviews
recorded by then (``facts.assemble(as_of=…)``), on the transition's ``judged_on`` date. A later document of
another stage (a final MLPS filing, an acceptance check) is therefore never read as an attachment of an
earlier submission, and a project accepted in 2014 is never judged by a pack that took effect in 2020.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from egovnet.policy.engine.gates import stage_gate
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.facts import Snapshot

from . import facts as PF
from .choices import ApprovalPath, Stage, TransitionKind
from .models import StageTransition


@dataclass(frozen=True)
class Judged:
    """A snapshot and the rules judged on it; ``rules`` None: every rule no other snapshot of the project
    claims (the project as it stands)."""

    snapshot: Snapshot
    rules: frozenset[str] | None = None


def _stages(path: str) -> list[str]:
    return [s.value for s in Stage if not (path == ApprovalPath.SIMPLIFIED and s == Stage.PROPOSAL)]


def passed_transitions(transitions: Iterable[StageTransition], path: str) -> dict[str, StageTransition]:
    """The latest passing of each stage's gate still standing (a send-back to a stage undoes the passings of
    that stage and the later ones), by the stage left. ``transitions`` in the order they happened."""
    order = {s: i for i, s in enumerate(_stages(path))}
    passed: dict[str, StageTransition] = {}
    for t in transitions:
        if t.kind in (TransitionKind.ADVANCE, TransitionKind.COMPLETE):
            passed[t.from_stage] = t
        elif t.kind == TransitionKind.SEND_BACK:
            back_to = order.get(t.to_stage, 0)
            passed = {s: x for s, x in passed.items() if order.get(s, 0) < back_to}
    return passed


def _rule_gates() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for pack in all_packs():
        for rule in pack.rules.values():
            out[rule.id].update(rule.gates)
    return {k: frozenset(v) for k, v in out.items() if v}


def claims(passed: dict[str, StageTransition], *, path: str, cobuilt: bool) -> dict[int, frozenset[str]]:
    """Rule ids by the passing transition (pk) whose snapshot judges them."""
    gates_of = {s: set(stage_gate(s, approval_path=path, cobuilt=cobuilt).gates) for s in _stages(path)}
    judged_gates = set().union(*gates_of.values())
    done = set().union(*(gates_of[s] for s in passed)) if passed else set()
    latest_first = sorted(passed.items(), key=lambda kv: (kv[1].at, kv[1].pk), reverse=True)
    out: dict[int, set[str]] = defaultdict(set)
    for rule_id, gates in _rule_gates().items():
        relevant = gates & judged_gates
        if not relevant or not relevant <= done:
            continue
        stage, t = next((s, t) for s, t in latest_first if gates_of[s] & relevant)
        out[t.pk].add(rule_id)
    return {k: frozenset(v) for k, v in out.items()}


def judged_snapshots(ids: list[int], *, on: dt.date) -> dict[int, list[Judged]]:
    """For each project: its current snapshot (on its act date, else ``on``) and one snapshot per passed gate
    that claims rules. The ten queries of ``facts.load_rows`` and one for the transitions."""
    rows = PF.load_rows(ids)
    history: dict[int, list[StageTransition]] = defaultdict(list)
    for t in (
        StageTransition.objects.filter(project_id__in=ids)
        .order_by("at", "id")
        .only("id", "project_id", "kind", "from_stage", "to_stage", "at", "judged_on")
    ):
        history[t.project_id].append(t)
    out: dict[int, list[Judged]] = {}
    for pk, r in rows.items():
        p = r.project
        current = Judged(PF.assemble(r, p.act_date or on))
        passed = passed_transitions(history.get(pk, []), p.approval_path)
        by_pk = {t.pk: t for t in passed.values()}
        out[pk] = [current] + [
            Judged(PF.assemble(r, by_pk[t_pk].judged_on or p.act_date or on, as_of=by_pk[t_pk].at), rule_ids)
            for t_pk, rule_ids in claims(passed, path=p.approval_path, cobuilt=p.cobuilt).items()
        ]
    return out


def judged_query_count() -> int:
    """The fixed number of queries :func:`judged_snapshots` makes."""
    return PF.snapshot_query_count() + 1


def lifecycle_findings(project_id: int, *, on: dt.date) -> tuple[list, dict, Snapshot]:
    """Every rule's findings on one project, each judged on its own snapshot by the packs in force on that
    snapshot's date; the rules so judged (id → rule); and the current snapshot. For documents about the
    project (the review sheet)."""
    from egovnet.policy.divisions import csv_directory
    from egovnet.policy.engine import evaluate, packs_in_force

    judged = judged_snapshots([project_id], on=on)[project_id]
    claimed = frozenset().union(*(j.rules for j in judged if j.rules is not None))
    findings, rules = [], {}
    for j in judged:
        day = j.snapshot.evaluation_date
        packs = packs_in_force(day)

        def mine(rule_id: str, j: Judged = j) -> bool:
            return rule_id in j.rules if j.rules is not None else rule_id not in claimed

        rules.update({r.id: r for p in packs for r in p.rules.values() if r.in_force(day) and mine(r.id)})
        findings += [
            f for f in (evaluate(j.snapshot, packs, directory=csv_directory()) if packs else ()) if mine(f.rule)
        ]
    return findings, rules, judged[0].snapshot
