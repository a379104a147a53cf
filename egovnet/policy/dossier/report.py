"""``check_dossier(data) -> CheckReport``: the pure self-check the CLI, the API and the UI call."""

from __future__ import annotations

from dataclasses import dataclass

from egovnet.policy.divisions import csv_directory
from egovnet.policy.dossier.convert import to_snapshot
from egovnet.policy.dossier.validate import DossierError, FieldError, bilingual, validate
from egovnet.policy.engine.evaluate import GateVerdict, evaluate, is_blocking, judge_gate, rules_in_force
from egovnet.policy.engine.gates import StageGate, named_gate, stage_gate
from egovnet.policy.engine.model import Finding, Pack, Rule
from egovnet.policy.engine.registry import all_packs, packs_in_force
from egovnet.policy.facts import Snapshot
from egovnet.policy.packs.ndrc_2012_1986.placement import placement_rule_id, required_network


@dataclass(frozen=True)
class Placement:
    application: str
    required_network: str | None
    target_network: str | None
    rule: str
    article: int = 4

    @property
    def matches(self) -> bool:
        return self.required_network is not None and self.required_network == self.target_network


@dataclass(frozen=True)
class CheckReport:
    packs: tuple[Pack, ...]
    snapshot: Snapshot
    verdict: GateVerdict
    placements: tuple[Placement, ...]
    findings: tuple[Finding, ...]
    rules: dict[str, Rule]

    @property
    def no_pack_applies(self) -> bool:
        """The act predates every pack (e.g. a dossier dated before the notice): valid input, nothing to judge."""
        return not self.packs

    @property
    def notice(self) -> dict[str, str] | None:
        if not self.no_pack_applies:
            return None
        day = self.snapshot.project.date if self.snapshot.project else None
        first = min((p.effective_from for p in all_packs()), default=None)
        return {
            "zh": f"{day} 没有生效的政策规则包（最早的规则包自 {first} 起施行），本材料不适用任何规则，未作判定。",
            "en": f"No policy pack is in force on {day} (the earliest takes effect on {first}): no rule applies "
            "to this dossier, so nothing is judged.",
        }

    @property
    def can_advance(self) -> bool:
        return self.verdict.can_advance

    @property
    def exit_code(self) -> int:
        return 0 if self.verdict.can_advance else 1

    def blocking(self, f: Finding) -> bool:
        return is_blocking(f, self.verdict.gate, self.rules)

    def as_dict(self) -> dict:
        p = self.snapshot.project
        gate = self.verdict.gate
        return {
            "format": "egovnet-check/1",
            "pack": self.packs[0].id if self.packs else None,
            "packs": [pk.id for pk in self.packs],
            "applicable": not self.no_pack_applies,
            "notice": self.notice,
            "project": {"name": p.name, "stage": p.stage, "date": p.date.isoformat()} if p else None,
            "gate": {
                "name": gate.name,
                "stage": gate.stage,
                "gates": list(gate.gates),
                "can_advance": self.verdict.can_advance,
                "blocking": list(self.verdict.blocking),
            },
            "placements": [
                {
                    "application": pl.application,
                    "required_network": pl.required_network,
                    "target_network": pl.target_network,
                    "matches": pl.matches,
                    "rule": pl.rule,
                    "article": pl.article,
                }
                for pl in self.placements
            ],
            "findings": [self._finding(f) for f in self.findings],
            "summary": self.summary(),
        }

    def _finding(self, f: Finding) -> dict:
        rule = self.rules[f.rule]
        return {
            "rule": f.rule,
            "article": f.article,
            "paragraph": f.paragraph,
            "clause": rule.clause,
            "clause_zh": rule.clause_zh,
            "document": f.document,
            "citation": {"zh": f.citation.zh, "en": f.citation.en},
            "title": str(rule.title),
            "status": f.outcome.value,
            "strength": f.strength.value,
            "blocking": self.blocking(f),
            "subject": f.subject,
            "message": str(f.message),
            "message_zh": f.message.zh,
            "message_en": f.message.en,
            "remediation": str(f.remediation),
            "remediation_zh": f.remediation.zh,
            "remediation_en": f.remediation.en,
            "evidence": list(f.evidence),
            "pack": f.pack,
            "error": f.error or None,
            "deviation": f.deviation or None,
        }

    def summary(self) -> dict:
        counts: dict[str, int] = {}
        for f in self.findings:
            counts[f.outcome.value] = counts.get(f.outcome.value, 0) + 1
        return counts


def known_rule_ids() -> set[str]:
    return {r for p in all_packs() for r in p.rules}


def check_dossier(data: object, *, gate: str | None = None, packs: list[Pack] | None = None) -> CheckReport:
    """Validate, convert and judge a dossier. Raises :class:`DossierError` (with field paths) on bad input."""
    clean = validate(data, known_rule_ids() | {r for p in (packs or []) for r in p.rules})
    snapshot = to_snapshot(clean)
    return check_snapshot(snapshot, gate=gate, packs=packs)


def check_snapshot(snapshot: Snapshot, *, gate: str | None = None, packs: list[Pack] | None = None) -> CheckReport:
    p = snapshot.project
    if p is None:
        raise DossierError([FieldError("project", bilingual("缺少必填字段。", "Required field missing."))])
    chosen = list(packs) if packs is not None else packs_in_force(p.date)
    sg: StageGate = (
        named_gate(gate, p.stage) if gate else stage_gate(p.stage, approval_path=p.approval_path, cobuilt=p.cobuilt)
    )
    if not chosen:  # an act before every pack (before the notice): valid input to which no rule applies
        verdict = GateVerdict(gate=sg, can_advance=True, blocking=())
        return CheckReport((), snapshot, verdict, (), (), {})
    findings = evaluate(snapshot, chosen, gates=sg.gates, directory=csv_directory())
    rules = {r.id: r for r in rules_in_force(chosen, snapshot.evaluation_date)}
    verdict = judge_gate(sg, findings, rules)
    placements = tuple(
        Placement(a.id, required_network(a), a.target_network, placement_rule_id(a)) for a in snapshot.applications
    )
    return CheckReport(tuple(chosen), snapshot, verdict, placements, tuple(findings), rules)
