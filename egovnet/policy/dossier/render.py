"""Text rendering of a :class:`CheckReport`: grouped by article, 简体中文 with English, with remediation."""

from __future__ import annotations

from itertools import groupby

from egovnet.policy.dossier.report import CheckReport
from egovnet.policy.engine.model import Outcome, cite

MARK = {
    Outcome.PASS: "✓ 通过 pass",
    Outcome.FAIL: "✗ 不符合 fail",
    Outcome.WAIVED: "~ 已豁免 waived",
    Outcome.INDETERMINATE: "? 不确定 indeterminate",
    Outcome.NOT_APPLICABLE: "- 不适用 n/a",
}
ORDER = {Outcome.INDETERMINATE: 0, Outcome.FAIL: 1, Outcome.WAIVED: 2, Outcome.PASS: 3, Outcome.NOT_APPLICABLE: 4}


def render_text(report: CheckReport, *, verbose: bool = False) -> str:
    p = report.snapshot.project
    v = report.verdict
    if report.notice:
        return (
            f"项目 Project: {p.name}（阶段 stage: {p.stage}，日期 date: {p.date}）\n"
            f"不适用：{report.notice['zh']}\nNot applicable: {report.notice['en']}\n"
        )
    lines = [
        f"项目 Project: {p.name}（阶段 stage: {p.stage}，日期 date: {p.date}）",
        f"规则包 Packs: {', '.join(pk.id for pk in report.packs)}",
        f"关口 Gate: {v.gate.name}",
        (
            "结论：可以通过该关口 / Verdict: the gate can be passed"
            if v.can_advance
            else f"结论：不能通过该关口，阻断规则 {', '.join(v.blocking)} / Verdict: BLOCKED by {', '.join(v.blocking)}"
        ),
        "",
        "部署要求（第四条）/ Required placement (art. 4):",
    ]
    for pl in report.placements:
        ok = "✓" if pl.matches else "✗"
        lines.append(
            f"  {ok} {pl.application}: 应部署 required {pl.required_network or '未定 undetermined'}；目标 target {pl.target_network or '—'} ({pl.rule})"
        )
    shown = [f for f in report.findings if verbose or f.outcome != Outcome.NOT_APPLICABLE]
    shown.sort(key=lambda f: (f.document, f.article, ORDER[f.outcome]))
    for (document, article), group in groupby(shown, key=lambda f: (f.document, f.article)):
        heading = cite(document, article)
        lines += ["", f"{heading.zh} / {heading.en}"]
        for f in group:
            block = " [阻断 BLOCKING]" if report.blocking(f) else ""
            lines.append(f"  {f.rule} {MARK[f.outcome]}{block} · {f.strength.value} · {f.subject}")
            lines.append(f"    {f.message.zh}")
            lines.append(f"    {f.message.en}")
            if f.outcome in (Outcome.FAIL, Outcome.INDETERMINATE) and (f.remediation.zh or f.remediation.en):
                lines.append(f"    → 整改 {f.remediation.zh}")
                lines.append(f"    → Fix: {f.remediation.en}")
    s = report.summary()
    lines += ["", "统计 Summary: " + ", ".join(f"{k} {n}" for k, n in sorted(s.items()))]
    return "\n".join(lines) + "\n"
