"""Serialisation of rules for the catalogue (CLI ``egovnet rules list``, API ``/api/policy/rules/``)."""

from __future__ import annotations

from egovnet.policy.engine.model import Pack, Rule


def rule_as_dict(r: Rule, pack: Pack | None = None) -> dict:
    """A rule as plain data; effective dates fall back to the pack's period."""
    start = r.effective_from or (pack.effective_from if pack else None)
    end = r.effective_to or (pack.effective_to if pack else None)
    return {
        "id": r.id,
        "pack": r.pack,
        "article": r.article,
        "paragraph": r.paragraph,
        "clause": r.clause,
        "clause_zh": r.clause_zh,
        "strength": r.strength.value,
        "blocking": r.strength.blocking,
        "gates": list(r.gates),
        "effective_from": start.isoformat() if start else None,
        "effective_to": end.isoformat() if end else None,
        "status": r.status,
        "waivable": r.waivable and r.strength.value == "IN_PRINCIPLE",
        "title": {"zh": r.title.zh, "en": r.title.en},
        "message": {"zh": r.message.zh, "en": r.message.en},
        "remediation": {"zh": r.remediation.zh, "en": r.remediation.en},
        "interpretation": r.interpretation,
    }
