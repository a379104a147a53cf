"""Thin adapter to the rules engine: which gate a stage must pass, and the engine's verdict on it.

No rule logic lives here: the engine evaluates the snapshot built by :mod:`egovnet.projects.facts`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

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
    from egovnet.policy.engine import stage_gate

    return stage_gate(stage, approval_path=project.approval_path, cobuilt=project.cobuilt)


def judge(project: Project, stage: str | None = None, *, on: dt.date | None = None) -> Verdict:
    """The engine's verdict on the gate for completing ``stage`` (default: the project's current stage)."""
    from egovnet.policy.divisions import csv_directory
    from egovnet.policy.engine import evaluate, judge_gate, packs_in_force

    from .facts import build_snapshot

    stage = stage or project.stage
    sg = stage_gate_for(project, stage)
    snapshot = build_snapshot(project, on=on)
    if not sg.gates:
        return Verdict(gate=sg.name, stage=stage, can_advance=True, on=snapshot.evaluation_date)
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
