"""Readable names for the fact ids a project's verdict speaks of (``app-12``, ``lp-1``, ``doc-40``,
``lp-1:feasibility_study_report``), so a page never shows an internal id.

The names come from rows the page has already loaded (applications with redaction-aware systems, local parts,
evidence): no extra query."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.utils.translation import gettext as _

from .choices import DocumentType

_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])(app|lp|doc)-(\d+)(?::([a-z_]+))?")


def fact_names(applications: Iterable[Any], local_parts: Iterable[Any], evidence: Iterable[Any],
               redacted: str) -> dict[str, str]:
    """``{"app-12": "人口信息系统", "lp-1": "广东部分", "doc-40": "可行性研究报告"}`` from loaded rows."""
    names: dict[str, str] = {}
    for a in applications:
        system = a.system
        names[f"app-{a.pk}"] = system.display_name if getattr(system, "name_visible", True) else redacted
    for lp in local_parts:
        names[f"lp-{lp.pk}"] = lp.name
    for e in evidence:
        names[f"doc-{e.pk}"] = e.get_doc_type_display()
    return names


def humanise(text: str, names: dict[str, str]) -> str:
    """Fact ids in a text replaced by names; a document-type suffix (``:feasibility_study_report``) by its
    label. An id the page does not know becomes a neutral word, never the id."""

    def sub(match: re.Match) -> str:
        kind, pk, doc_type = match.groups()
        name = names.get(f"{kind}-{pk}") or {"app": _("an application"), "lp": _("a local part"),
                                              "doc": _("a document")}[kind]
        if doc_type:
            try:
                return f"{name}·{DocumentType(doc_type).label}"
            except ValueError:
                return name
        return name

    return _TOKEN.sub(sub, text or "")


def readable_verdict(verdict: Any, names: dict[str, str]) -> Any:
    """The verdict with each failing rule's subject and texts in names instead of fact ids."""
    if verdict is None or not verdict.failing:
        return verdict
    failing = tuple(
        replace(
            f,
            subject=humanise(f.subject, names) if f.subject != "project" else _("the project"),
            message_zh=humanise(f.message_zh, names),
            message_en=humanise(f.message_en, names),
            remediation_zh=humanise(f.remediation_zh, names),
            remediation_en=humanise(f.remediation_en, names),
        )
        for f in verdict.failing
    )
    return replace(verdict, failing=failing)


_TRANSITION_REASON = re.compile(r"^(?P<name>[a-z_]+): (?P<src>[a-z_]+) → (?P<dst>[a-z_]+)\.\s*(?P<note>.*)$", re.S)


def transition_reason(reason: str) -> str:
    """"approve_proposal: proposal → feasibility. note" as "批复项目建议书：项目建议书 → 可行性研究。note"."""
    from egovnet.core.templatetags.egovnet_ui import loc

    from .choices import Stage
    from .workflow import BY_NAME

    match = _TRANSITION_REASON.match(reason or "")
    if match is None or match["name"] not in BY_NAME:
        return reason
    try:
        src, dst = Stage(match["src"]).label, Stage(match["dst"]).label
    except ValueError:
        return reason
    return f"{loc(BY_NAME[match['name']], 'label')}: {src} → {dst}. {match['note']}".strip()


def stage_steps(project: Any) -> list[dict[str, Any]]:
    """The stepper from 需求分析 to 竣工验收: each stage done / current / to do; on the simplified path the
    proposal stage is shown as merged into the feasibility study."""
    from .choices import STAGE_ORDER, ApprovalPath, ProjectStatus, Stage

    current = STAGE_ORDER.index(Stage(project.stage))
    finished = project.status == ProjectStatus.COMPLETED
    steps = []
    for i, stage in enumerate(STAGE_ORDER):
        merged = stage == Stage.PROPOSAL and project.approval_path == ApprovalPath.SIMPLIFIED
        state = "done" if i < current or finished else "current" if i == current else "todo"
        steps.append({"label": stage.label, "state": "merged" if merged else state, "merged": merged})
    return steps


def gated_actions(transitions: Iterable[Any], verdict: Any) -> list[dict[str, Any]]:
    """Each available action, disabled with its reason when it passes a gate that the verdict refuses (the same
    verdict the service checks, so the button and the refusal never disagree)."""
    blocked = verdict is not None and not verdict.can_advance
    reason = (
        _("The gate is not passed: %(n)s item(s) missing (see “What is missing”).") % {"n": len(verdict.failing)}
        if blocked else ""
    )
    return [{"t": t, "disabled": bool(t.gated and blocked), "reason": reason if t.gated else ""} for t in transitions]
