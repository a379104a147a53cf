"""Thin adapter to the rules engine: which gate a stage must pass, and the engine's verdict on it.

No rule logic lives here: the engine evaluates the snapshot built by :mod:`egovnet.projects.facts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

from egovnet.policy.divisions import csv_directory
from egovnet.policy.engine import evaluate, judge_gate, packs_in_force, stage_gate

from .models import Project


@dataclass(frozen=True)
class FailingRule:
    rule: str
    article: int
    article_zh: str
    strength: str
    outcome: str
    subject: str
    message_zh: str
    message_en: str
    remediation_zh: str
    remediation_en: str
    citation_en: str = ""  # the full clause in English (NDRC [2012] No. 1986, art. 9); article_zh is the Chinese one

    def as_dict(self) -> dict:
        return dict(self.__dict__)

    def line(self) -> str:
        return (
            f"{self.rule}（{self.article_zh}）{self.message_zh} 整改：{self.remediation_zh}"
            f" / {self.rule} ({self.citation_en or f'art. {self.article}'}) {self.message_en} Fix: {self.remediation_en}"
        )


@dataclass(frozen=True)
class Verdict:
    gate: str
    stage: str
    can_advance: bool
    failing: tuple[FailingRule, ...] = ()
    evidence_used: tuple[str, ...] = field(default=())
    on: dt.date | None = None  # the date judged on (selects the packs); recorded with the transition


def stage_gate_for(project: Project, stage: str):
    return stage_gate(stage, approval_path=project.approval_path, cobuilt=project.cobuilt)


def judge(project: Project, stage: str | None = None, *, on: dt.date | None = None) -> Verdict:
    """The engine's verdict on the gate for completing ``stage`` (default: the project's current stage)."""
    from .facts import build_snapshot

    stage = stage or project.stage
    sg = stage_gate_for(project, stage)
    snapshot = build_snapshot(project, on=on)
    if not sg.gates:
        return Verdict(gate=sg.name, stage=stage, can_advance=True, on=snapshot.evaluation_date)
    return _verdict(sg, stage, snapshot)


def judge_many(projects: list[Project]) -> dict[int, Verdict]:
    """``judge(p)`` for many projects on their current stage, with the snapshots built in bulk
    (``sweep_source.build_snapshots``: ten queries whatever the number of projects), each evaluated on its
    own date (its act date, else today)."""
    import dataclasses

    from django.utils import timezone

    from .sweep_source import build_snapshots

    out: dict[int, Verdict] = {}
    if not projects:
        return out
    gated = []
    for p in projects:
        sg = stage_gate_for(p, p.stage)
        if sg.gates:
            gated.append((p, sg))
        else:
            out[p.pk] = Verdict(gate=sg.name, stage=p.stage, can_advance=True, on=p.act_date or timezone.localdate())
    if not gated:
        return out
    today = timezone.localdate()
    snaps = build_snapshots([p.pk for p, _ in gated], on=today)
    for p, sg in gated:
        day = p.act_date or today
        snap = snaps[p.pk]
        if day != today:
            snap = dataclasses.replace(snap, evaluation_date=day, project=dataclasses.replace(snap.project, date=day))
        out[p.pk] = _verdict(sg, p.stage, snap)
    return out


def _verdict(sg, stage: str, snapshot) -> Verdict:
    packs = packs_in_force(snapshot.evaluation_date)
    if not packs:  # fail closed: nothing to judge by is not a pass
        return Verdict(
            gate=sg.name, stage=stage, can_advance=False, failing=(_no_pack(snapshot.evaluation_date),),
            on=snapshot.evaluation_date,
        )  # fmt: skip
    findings = evaluate(snapshot, packs, gates=sg.gates, include_ungated=False, directory=csv_directory())
    rules = {r.id: r for p in packs for r in p.rules.values()}
    verdict = judge_gate(sg, findings, rules)
    failing = tuple(
        FailingRule(
            rule=f.rule,
            article=f.article,
            article_zh=f.citation.zh,
            citation_en=f.citation.en,
            strength=str(f.strength),
            outcome=str(f.outcome),
            subject=f.subject,
            message_zh=f.message.zh,
            message_en=f.message.en,
            remediation_zh=f.remediation.zh,
            remediation_en=f.remediation.en,
        )
        for f in findings
        if f.rule in verdict.blocking and f.is_blocking_outcome
    )
    used = tuple(sorted({e for f in findings if not f.is_blocking_outcome for e in f.evidence if e.startswith("doc-")}))
    return Verdict(
        gate=sg.name,
        stage=stage,
        can_advance=verdict.can_advance,
        failing=failing,
        evidence_used=used,
        on=snapshot.evaluation_date,
    )


def for_reader(verdict: Verdict | None, reader: Any, project: Project) -> Verdict | None:
    """The verdict as ``reader`` may read it: a failing rule about an application whose system is hidden from
    the reader (``systems.redaction``) carries the rule's generic text of its outcome."""
    from egovnet.systems import redaction

    from .models import ProjectApplication

    if verdict is None or not verdict.failing:
        return verdict
    keys = redaction.hidden_app_keys(reader, ProjectApplication.objects.filter(project=project))
    if not keys:
        return verdict
    return replace(verdict, failing=tuple(redaction.redact_failing(f, keys) for f in verdict.failing))


def _no_pack(day: dt.date) -> FailingRule:
    return FailingRule(
        rule="NO-PACK",
        article=0,
        article_zh="—",
        strength="MUST",
        outcome="indeterminate",
        subject="project",
        message_zh=f"{day} 没有生效的政策规则包，无法判定关口。",
        message_en=f"No policy pack is in force on {day}; the gate cannot be judged.",
        remediation_zh="请核对项目的行为日期，或由管理员加载适用的规则包。",
        remediation_en="Check the project's act date, or have an administrator load the applicable pack.",
    )
