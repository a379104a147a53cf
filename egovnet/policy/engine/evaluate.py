"""Evaluation: run rules over a snapshot, apply deviations, judge gates. Fails closed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from egovnet.policy.engine.gates import StageGate
from egovnet.policy.engine.model import (
    Draft,
    Finding,
    Outcome,
    Pack,
    Rule,
    RuleContext,
    Strength,
    Text,
)
from egovnet.policy.engine.params import merge, values_at
from egovnet.policy.facts import Deviation, Snapshot


@dataclass(frozen=True)
class GateVerdict:
    gate: StageGate
    can_advance: bool
    blocking: tuple[str, ...]  # rule ids, in evaluation order, unique


def rules_in_force(packs: Sequence[Pack], on: dt.date) -> list[Rule]:
    return [r for p in packs for r in p.rules.values() if r.in_force(on)]


def select_rules(rules: Iterable[Rule], gates: Iterable[str] | None, *, include_ungated: bool = True) -> list[Rule]:
    if gates is None:
        return list(rules)
    wanted = set(gates)
    return [r for r in rules if wanted.intersection(r.gates) or (include_ungated and not r.gates)]


def run_rule(rule: Rule, snapshot: Snapshot, ctx: RuleContext) -> list[Finding]:
    """Run one rule. Any exception → one indeterminate finding carrying the error (never a pass)."""
    try:
        drafts = list(rule.func(snapshot, ctx))
    except Exception as exc:  # noqa: BLE001 — fail closed on anything a rule raises
        error = f"{type(exc).__name__}: {exc}"
        return [
            Finding(
                rule=rule.id,
                article=rule.article,
                paragraph=rule.paragraph,
                outcome=Outcome.INDETERMINATE,
                strength=rule.strength,
                subject=snapshot.project.id if snapshot.project else "snapshot",
                message=Text(
                    f"规则执行出错，结论不确定（按未通过处理）：{error}",
                    f"Rule raised an error; outcome indeterminate (treated as blocking): {error}",
                ),
                remediation=Text(
                    "请检查所填数据或联系平台管理员。", "Check the data supplied or contact the platform administrator."
                ),
                pack=rule.pack,
                error=error,
                document=rule.document,
            )
        ]
    if not drafts:
        drafts = [Draft(Outcome.NOT_APPLICABLE, snapshot.project.id if snapshot.project else "snapshot")]
    return [_complete(rule, d) for d in drafts]


def _complete(rule: Rule, d: Draft) -> Finding:
    if d.outcome == Outcome.FAIL:
        message = d.message or rule.message
        remediation = d.remediation or rule.remediation
    else:
        message = d.message or (
            Text("适用条件不满足。", "Not applicable.") if d.outcome == Outcome.NOT_APPLICABLE else rule.passed
        )
        remediation = Text("", "")
    return Finding(
        rule=rule.id,
        article=rule.article,
        paragraph=rule.paragraph,
        outcome=d.outcome,
        strength=rule.strength,
        subject=d.subject,
        message=message,
        remediation=remediation,
        evidence=d.evidence,
        pack=rule.pack,
        document=rule.document,
    )


def _matching_deviation(f: Finding, deviations: Sequence[Deviation], project_id: str) -> Deviation | None:
    candidates = [d for d in deviations if d.rule == f.rule and d.subject in (f.subject, "*")]
    if not candidates and f.subject == project_id:
        candidates = [d for d in deviations if d.rule == f.rule and d.subject == "project"]
    # prefer a currently valid one
    candidates.sort(key=lambda d: (d.approved, d.expires or dt.date.min), reverse=True)
    return candidates[0] if candidates else None


def apply_deviations(findings: list[Finding], rules: dict[str, Rule], snapshot: Snapshot) -> list[Finding]:
    """An approved, unexpired deviation turns an IN-PRINCIPLE fail into waived; never a MUST fail."""
    project_id = snapshot.project.id if snapshot.project else ""
    out = []
    for f in findings:
        dev = _matching_deviation(f, snapshot.deviations, project_id) if f.outcome == Outcome.FAIL else None
        if dev is None:
            out.append(f)
            continue
        rule = rules[f.rule]
        out.append(_judge_deviation(f, rule, dev, snapshot.evaluation_date))
    return out


def _judge_deviation(f: Finding, rule: Rule, dev: Deviation, on: dt.date) -> Finding:
    who = f"{dev.approver.name}（{dev.legal_basis}）"
    if rule.strength != Strength.IN_PRINCIPLE or not rule.waivable:
        note = Text(
            f"已登记的例外不能豁免强制性规定（{rule.id}为“应/须”条款）。",
            f"The recorded deviation cannot waive a MUST rule ({rule.id}).",
        )
        return replace(f, message=_append(f.message, note), deviation=f"{dev.rule}:{dev.subject}:ignored-must")
    if not dev.approved:
        note = Text("登记的例外尚未批准。", "The recorded deviation is not approved.")
        return replace(f, message=_append(f.message, note), deviation=f"{dev.rule}:{dev.subject}:unapproved")
    if dev.expires is None or dev.expires < on:
        when = dev.expires.isoformat() if dev.expires else "无 / none"
        note = Text(
            f"例外已过期或未设期限（{when}），不再豁免。",
            f"The deviation has expired or has no expiry ({when}); it no longer waives the rule.",
        )
        return replace(f, message=_append(f.message, note), deviation=f"{dev.rule}:{dev.subject}:expired")
    msg = Text(
        f"依据经{who}批准的例外（理由：{dev.reason}；有效期至{dev.expires.isoformat()}）豁免。原结论：{f.message.zh}",
        f"Waived by a deviation approved by {dev.approver.name} (basis: {dev.legal_basis}; reason: {dev.reason}; expires {dev.expires.isoformat()}). Original finding: {f.message.en}",
    )
    return replace(
        f, outcome=Outcome.WAIVED, message=msg, remediation=Text("", ""), deviation=f"{dev.rule}:{dev.subject}"
    )


def _append(t: Text, note: Text) -> Text:
    return Text(f"{t.zh}{note.zh}", f"{t.en} {note.en}")


def evaluate(
    snapshot: Snapshot,
    packs: Sequence[Pack],
    *,
    gates: Iterable[str] | None = None,
    include_ungated: bool = True,
    directory: object = None,
) -> list[Finding]:
    """Evaluate the rules of ``packs`` in force at the snapshot's date (optionally only some gates)."""
    rules = select_rules(rules_in_force(packs, snapshot.evaluation_date), gates, include_ungated=include_ungated)
    by_id = {r.id: r for r in rules}
    contexts = contexts_for(packs, snapshot.evaluation_date, directory)
    findings: list[Finding] = []
    for rule in rules:
        findings.extend(run_rule(rule, snapshot, contexts[rule.pack]))
    return apply_deviations(findings, by_id, snapshot)


def contexts_for(packs: Sequence[Pack], on: dt.date, directory: object = None) -> dict[str, RuleContext]:
    """One rule context per pack: the merged parameters (explicit overrides only) and their values on ``on``."""
    parameters = merge(packs)
    values = values_at(parameters, on)
    return {p.id: RuleContext(params=values, pack_id=p.id, directory=directory, parameters=parameters) for p in packs}


def judge_gate(gate: StageGate, findings: Sequence[Finding], rules: dict[str, Rule]) -> GateVerdict:
    wanted = set(gate.gates)
    blocking: list[str] = []
    for f in findings:
        rule = rules.get(f.rule)
        if rule and wanted.intersection(rule.gates) and f.is_blocking_outcome and f.rule not in blocking:
            blocking.append(f.rule)
    return GateVerdict(gate=gate, can_advance=not blocking, blocking=tuple(blocking))


def is_blocking(f: Finding, gate: StageGate, rules: dict[str, Rule]) -> bool:
    rule = rules.get(f.rule)
    return bool(rule and set(gate.gates).intersection(rule.gates) and f.is_blocking_outcome)
