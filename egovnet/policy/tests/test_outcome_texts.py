"""Every rule of every pack has a pass text and a fail text, and each outcome shows its own, with and without
redaction (``systems.redaction.generic_text``, the texts a hidden subject shows). Redacted texts never carry a
grade word."""

from __future__ import annotations

import pytest
from django.utils import timezone

from egovnet.policy.engine.evaluate import _complete
from egovnet.policy.engine.model import Draft, Outcome
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import Finding
from egovnet.systems.redaction import generic_text, has_grade_word, redact_stored_findings

RULES = [r for p in all_packs() for r in p.rules.values()]
OUTCOMES = [o.value for o in Outcome]


def test_every_pack_is_covered():
    assert {r.pack for r in RULES} == {p.id for p in all_packs()} and len(RULES) > 50


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.pack}:{r.id}" for r in RULES])
def test_each_outcome_shows_its_own_text(rule):
    assert rule.passed.zh and rule.passed.en and rule.message.zh and rule.message.en
    assert rule.passed != rule.message
    # Without redaction: the engine completes a draft without text with the text of its own outcome.
    assert _complete(rule, Draft(Outcome.PASS, "x")).message == rule.passed
    assert _complete(rule, Draft(Outcome.FAIL, "x")).message == rule.message
    # With redaction: one text per outcome, all distinct, none of them the other outcome's sentence.
    texts = {o: generic_text(rule, o) for o in OUTCOMES}
    assert len({t[0] for t in texts.values()}) == len(OUTCOMES)
    (pass_zh, pass_en), pass_fix = texts["pass"]
    assert pass_zh not in (rule.message.zh,) and pass_fix == ("", "")
    assert pass_zh in (rule.passed.zh, "符合本条要求。")
    assert texts["fail"][0][0] in (rule.message.zh, "不符合本条要求。")
    for message, fix in texts.values():
        assert not any(has_grade_word(t) for t in (*message, *fix)), (rule.id, message, fix)


@pytest.mark.parametrize("outcome", ["pass", "fail", "waived"])
def test_a_redacted_stored_finding_shows_the_text_of_its_outcome(outcome):
    rule = next(r for r in RULES if r.id == "R-4.2")
    row = Finding(subject_type="system", subject_id="1", secrecy_rank=3, rule=rule.id, article=4, outcome=outcome,
                  strength="IN_PRINCIPLE", message_zh="绝密级应用sys-1：……", message_en="juemi", remediation_zh="x",
                  evaluated_at=timezone.now())  # fmt: skip
    [shown] = redact_stored_findings([row], None)
    assert shown.redacted and shown.message_zh == generic_text(rule, outcome)[0][0]
    if outcome == "pass":
        assert shown.message_zh != rule.message.zh and shown.remediation_zh == ""
