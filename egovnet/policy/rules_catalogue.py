"""Serialisation of rules for the catalogue (CLI ``egovnet rules list``, API ``/api/policy/rules/``)."""

from __future__ import annotations

from egovnet.policy.engine.model import Rule


def rule_as_dict(r: Rule) -> dict:
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
        "effective_from": r.effective_from.isoformat() if r.effective_from else None,
        "effective_to": r.effective_to.isoformat() if r.effective_to else None,
        "status": r.status,
        "waivable": r.waivable and r.strength.value == "IN_PRINCIPLE",
        "title": {"zh": r.title.zh, "en": r.title.en},
        "message": {"zh": r.message.zh, "en": r.message.en},
        "remediation": {"zh": r.remediation.zh, "en": r.remediation.en},
        "interpretation": r.interpretation,
    }
