"""Every scenario also holds written minimally: without any optional fact (ADR 0313).

The minimal variant strips every optional fact of ``egovnet.policy.dossier.optional`` (the table in
docs/dossier/README.md). The verdict (can advance, blocking rules) must not change, except where ADR 0313 says why
it must: the content of a document (a plan's sections, a filing's items, a certificate's filing stage, an
approval's references) cannot be inferred from the document's existence.
"""

from __future__ import annotations

import copy
import functools

import pytest

from egovnet.policy.dossier import check_dossier
from egovnet.policy.dossier.optional import INFERRED, NAMED, OPTIONAL_FACTS, RECORDED, STRICT, stated, strip
from egovnet.policy.dossier.schema import SCHEMA
from egovnet.policy.tests import helpers as H
from egovnet.policy.tests.test_rules import CASES
from egovnet.policy.tests.test_scenarios import REPO, SCENARIOS, load_case

SECTIONS = "R-7.1"  # a deployment plan without `sections`
#: scenario -> (can_advance, blocking) written minimally, where ADR 0313 says why the verdict changes
CHANGED = {
    "01-central-full-path-proposal": (False, {SECTIONS}),
    "01c-central-completion-network-use": (False, {"R-11.5"}),  # certificate without filing_stage: final
    "02-simplified-path-fsr": (False, {SECTIONS, "R-9.2"}),
    "03-new-leased-wan": (False, {SECTIONS, "R-12.1"}),
    "06-cobuilt-local-private-network": (False, {"R-10.1", "R-10.2", "R-10.3"}),  # approval without references
    "07-p57-filing-without-crypto": (False, {SECTIONS, "R-9.7", "R57-21.1"}),
    "07b-p57-not-in-force-2013": (False, {SECTIONS}),
    "12-late-invitations": (False, {SECTIONS, "R-8.2", "R-8.4"}),
    "18-p57-2021-own-terms": (False, {SECTIONS, "R-9.7"}),  # filing without items
    "19-p57-2019-proposal-2021-fsr": (False, {SECTIONS}),
}
STRIPPED = [f for f in OPTIONAL_FACTS if f.strip]


def minimal(dossier: dict) -> dict:
    d = copy.deepcopy(dossier)
    for fact in STRIPPED:
        strip(d, fact)
    return d


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_written_minimally(path):
    case, dossier = load_case(path)
    full = check_dossier(dossier, gate=case.get("gate"))
    lean = check_dossier(minimal(dossier), gate=case.get("gate"))
    expected = CHANGED.get(path.stem, (full.can_advance, set(full.verdict.blocking)))
    assert (lean.can_advance, set(lean.verdict.blocking)) == expected


@functools.cache
def _scenarios() -> tuple[tuple[str, dict, str | None], ...]:
    return tuple((p.stem, d, c.get("gate")) for p in SCENARIOS for c, d in [load_case(p)])


@functools.cache
def _rule_cases() -> tuple[tuple[str, dict, None], ...]:
    """The per-rule case dossiers (test_rules.CASES) that state a fact the base dossier does not."""
    out = []
    for rule, _subject, expected, mutate, post in CASES:
        d = H.base()
        mutate(d)
        if post is None:
            out.append((f"{rule}-{expected}", d, None))
    return tuple(out)


def test_the_minimal_variant_strips_every_flag_the_scenarios_state():
    names = {f.path for f in STRIPPED for _, d, _ in _scenarios() if stated(d, f)}
    assert {"applications[].nationwide", "project.cobuilt", "documents[].sections", "documents[].items"} <= names
    for stem, d, _ in _scenarios():
        lean = minimal(d)
        assert not any(stated(lean, f) for f in STRIPPED), stem


def _optional_paths(node: dict, prefix: str = ""):
    for alt in node.get("oneOf", ()):
        yield from _optional_paths(alt, prefix)
    if node.get("type") == "array":
        yield from _optional_paths(node["items"], prefix + "[]")
    for key, sub in node.get("properties", {}).items():
        path = f"{prefix}.{key}" if prefix else key
        if key not in node.get("required", ()):
            yield path
        yield from _optional_paths(sub, path)


def test_every_optional_schema_field_is_an_optional_fact_or_recorded_data():
    facts = {f.path for f in OPTIONAL_FACTS}
    assert not facts & RECORDED
    assert set(_optional_paths(SCHEMA)) == facts | RECORDED


def test_the_format_documentation_tables_every_optional_fact():
    readme = (REPO / "docs/dossier/README.md").read_text(encoding="utf-8")
    table = readme.split("## Optional facts", 1)[1].split("\n## ", 1)[0]
    missing = [f.path for f in OPTIONAL_FACTS if f"`{f.path}`" not in table]
    assert not missing


def _bad(report) -> dict[str, object]:
    return {f"{f.rule}:{f.subject}": f for f in report.findings if f.outcome.value in ("fail", "indeterminate")}


#: the issuer's identity (kind, level) is kept in the minimal variant; a document from the wrong authority names the
#: competent authority instead of a field
EXPLAINED = [f for f in OPTIONAL_FACTS if f.treatment in (INFERRED, NAMED, STRICT) and f.strip]


def _stating(fact):
    """The scenarios and the per-rule case dossiers stating ``fact`` (cases only where the base dossier does not
    state it: the base is scenario 1, walked already), as (name, dossier, gate)."""
    yield from ((n, d, g) for n, d, g in _scenarios() if stated(d, fact))
    if not stated(H.base(), fact):
        yield from ((n, d, g) for n, d, g in _rule_cases() if stated(d, fact))


@pytest.mark.parametrize("fact", EXPLAINED, ids=[f.path for f in EXPLAINED])
def test_a_failure_caused_by_a_missing_optional_fact_names_it(fact):
    """Walk the scenarios and rule cases stating ``fact``: each finding that fails only once it is removed names
    the field in its remediation, in Chinese and in English."""
    walked = 0
    for name, dossier, gate in _stating(fact):
        lean = copy.deepcopy(dossier)
        strip(lean, fact)
        before = _bad(check_dossier(dossier, gate=gate))
        after = _bad(check_dossier(lean, gate=gate))
        walked += 1
        for key, finding in after.items():
            if key in before:
                continue
            assert fact.field in finding.remediation.zh, (name, key, finding.remediation.zh)
            assert fact.field in finding.remediation.en, (name, key, finding.remediation.en)
    assert walked, f"no scenario or rule case states {fact.path}: add one"
