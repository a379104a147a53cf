"""Every rule: a case where it passes, one where it fails and one where it does not apply.

Each case builds a dossier from the compliant scenario-1 base (``helpers.base``), mutates it, and runs
the one rule (deviations not applied). A few rules cannot fail or pass by design; they are listed in
``BY_DESIGN`` with the reason, and the meta-test checks nothing else is missing.
"""

from __future__ import annotations

import pytest

from egovnet.policy.divisions import csv_directory
from egovnet.policy.engine import all_packs, get_pack
from egovnet.policy.engine.evaluate import contexts_for, run_rule
from egovnet.policy.tests import helpers as H
from egovnet.policy.tests.rule_cases_57 import CASES_57
from egovnet.policy.tests.rule_cases_a import CASES_A
from egovnet.policy.tests.rule_cases_b import CASES_B


def outcome_of(rule_id: str, dossier: dict, subject: str, post=None) -> str:
    snap = H.snapshot(dossier)
    if post:
        snap = post(snap)
    pack = next(p for p in all_packs() if rule_id in p.rules)
    packs = [get_pack("ndrc-2012-1986"), pack] if pack.id != "ndrc-2012-1986" else [pack]
    ctx = contexts_for(packs, snap.evaluation_date, csv_directory())[pack.id]
    findings = run_rule(pack.rules[rule_id], snap, ctx)
    got = {f.subject: f.outcome.value for f in findings}
    assert subject in got, (rule_id, subject, got)
    return got[subject]


CASES = CASES_A + CASES_B + CASES_57

# Rules that cannot produce one of the outcomes, by design.
BY_DESIGN = {
    ("R-2.3", "pass"): "programme KPI known only by attestation (A-2.2)",
    ("R-2.3", "fail"): "programme KPI known only by attestation (A-2.2)",
    ("R-3.4", "fail"): "INFO prioritisation of extranet candidates; never a violation",
    ("R-8.1", "not_applicable"): "art. 8 is unconditional (A-8.1)",
    ("R-8.3", "not_applicable"): "art. 8 is unconditional (A-8.1)",
}


@pytest.mark.parametrize(
    ("rule", "subject", "expected", "mutate", "post"), CASES, ids=[f"{c[0]}-{c[2]}" for c in CASES]
)
def test_rule_case(rule, subject, expected, mutate, post):
    d = H.base()
    mutate(d)
    assert outcome_of(rule, d, subject, post) == expected


def test_every_rule_has_pass_fail_and_not_applicable_cases():
    covered = {(c[0], c[2]) for c in CASES}
    rules = [*get_pack("ndrc-2012-1986").rules, *get_pack("gov-2019-57").rules]
    missing = [
        (r, o)
        for r in rules
        for o in ("pass", "fail", "not_applicable")
        if (r, o) not in covered and (r, o) not in BY_DESIGN
    ]
    assert missing == []
