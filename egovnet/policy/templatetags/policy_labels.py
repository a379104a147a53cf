"""Display labels for the policy engine's codes: gates, strengths, outcomes and rule statuses.

Templates never print a gate id (``G-PROPOSAL-SUBMIT``) or an enum value (``IN_PRINCIPLE``); they print these
labels, in the active language."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from egovnet.policy.choices import FindingOutcome, RuleStrength
from egovnet.policy.engine.gates import GATES

register = template.Library()

RULE_STATUS = {
    "active": _("currently in force"),
    "reconstructed": _("reconstructed"),
    "historical": _("historical"),
}


def _english() -> bool:
    return (get_language() or "").startswith("en")


@register.filter
def gate_label(value: Any) -> str:
    """A gate, or a '+'-joined union of gates, by name ("项目建议书评审、向国家发展改革委报送…")."""
    if not value:
        return ""
    names = [_gate_name(part) for part in str(value).split("+")]
    return ("; " if _english() else "、").join(names)


def _gate_name(gate: str) -> str:
    text = GATES.get(gate)
    if text is not None:
        return text.en if _english() else text.zh
    return str(_("no gate")) if gate == "G-NONE" else gate


STRENGTH = {
    RuleStrength.MUST: _("mandatory"),
    RuleStrength.IN_PRINCIPLE: _("in principle"),
    RuleStrength.GOAL: _("goal"),
    RuleStrength.INFO: _("advisory"),
}


@register.filter
def strength_label(value: Any) -> str:
    """A rule's strength in words ("应（强制）", "mandatory"), never the enum."""
    return str(STRENGTH.get(str(value), value))


@register.filter
def outcome_label(value: Any) -> str:
    try:
        return str(FindingOutcome(str(value)).label)
    except ValueError:
        return str(value)


@register.filter
def rule_status_label(value: Any) -> str:
    return str(RULE_STATUS.get(str(value), value))


_DIVISION_CODE = re.compile(r"(?<![\d.-])([1-8]\d)(\d{4})(?![\d])")


def _division_name(match: re.Match) -> str:
    from egovnet.policy.divisions import csv_directory

    code = match.group(0)
    name = csv_directory().name(code)
    return name or code


def readable_text(text: str, subject: str = "", subject_name: str = "") -> str:
    """A finding's text with its subject's id replaced by the subject's name and division codes
    ("440000网络…") by division names ("广东省网络…"). Names come from the division list shipped with the
    platform and from the finding itself: no query."""
    text = text or ""
    if subject and subject_name and subject != subject_name:
        s = re.escape(subject)
        # a bare number only where it names the subject ("网络3089"), never an article or a count
        ids = rf"(?:(?:sys|org|net)-{s}|(?<=网络){s}|(?<=应用){s}|(?<=系统){s}|(?<=单位){s})" if subject.isdigit() else s
        text = re.sub(rf"(?<![A-Za-z0-9_-]){ids}(?![A-Za-z0-9_-])", f"“{subject_name}”", text)
    return _DIVISION_CODE.sub(_division_name, text)


@register.filter
def finding_text(finding: Any, field: str) -> str:
    """``{{ f|finding_text:"message" }}``: the active language's text of a finding, in names not ids."""
    from egovnet.core.templatetags.egovnet_ui import loc

    subject = _field(finding, "subject_id") or _field(finding, "subject")
    name = _field(finding, "subject_label") or _field(finding, "subject_name")
    return readable_text(loc(finding, field), str(subject or ""), str(name or ""))


def _field(value: Any, key: str) -> Any:
    return value.get(key) if isinstance(value, dict) else getattr(value, key, None)


_GATE_TOKEN = re.compile(r"(?<![A-Za-z0-9_-])G-[A-Z0-9-]+(?:\+G-[A-Z0-9-]+)*")


@register.filter
def named_gates(text: Any) -> str:
    """A text with gate ids (``G-NEEDS+G-NEEDS-REVIEWED``) replaced by the gates' names in “quotes”, for the
    texts services compose once for the API and the CLI (a task's action, a refusal)."""
    return _GATE_TOKEN.sub(lambda m: f"“{gate_label(m.group(0))}”", "" if text is None else str(text))


@register.filter
def division_name(code: Any) -> str:
    """A division code's name from the shipped division list (no query); the code where it is unknown."""
    from egovnet.policy.divisions import csv_directory

    code = "" if code is None else str(code)
    return (csv_directory().name(code) or code) if code.isdigit() else code


@register.filter
def fact_label(value: Any) -> str:
    """A dossier fact's code (stage, level, network) as words: ``preliminary_design`` → 初步设计."""
    from egovnet.policy.dossier_guide import FACT_LABELS
    from egovnet.policy.packs.ndrc_2012_1986.common import NETWORK

    if value in (None, ""):
        return "—"
    if value in NETWORK:
        zh, en = NETWORK[value]
        return en if _english() else zh
    label = FACT_LABELS.get(str(value))
    return str(label) if label is not None else str(value)
