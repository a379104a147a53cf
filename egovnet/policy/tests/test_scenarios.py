"""Scenario tests written as YAML (context.md §4.6 and our own): a dossier plus the expected verdict.

Keys: ``dossier`` or ``dossier_file`` (repo-relative) with an optional ``patch`` ("a.b.0.c": value sets a
path, "key+": list appends, "key-": ids to remove, a plain key replaces); ``gate`` overrides the
stage's gate; ``expect`` gives can_advance, blocking (exact), failing, not_failing, waived, placements,
outcomes ("RULE:subject": outcome), message_contains / remediation_contains, packs, absent_rules.
"""

from __future__ import annotations

import copy
import pathlib

import pytest
import yaml

from egovnet.policy.dossier import check_dossier

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
SCENARIOS = sorted((HERE / "scenarios").glob("*.yaml"))


def _set(data, dotted: str, value) -> None:
    parts = dotted.split(".")
    cur = data
    for p in parts[:-1]:
        cur = cur[int(p)] if isinstance(cur, list) else cur.setdefault(p, {})
    last = parts[-1]
    if isinstance(cur, list):
        cur[int(last)] = value
    else:
        cur[last] = value


def apply_patch(data: dict, patch: dict) -> dict:
    data = copy.deepcopy(data)
    for key, value in (patch or {}).items():
        if key.endswith("+"):
            data.setdefault(key[:-1], []).extend(value)
        elif key.endswith("-"):
            data[key[:-1]] = [x for x in data.get(key[:-1], []) if x.get("id") not in value]
        else:
            _set(data, key, value)
    return data


def load_case(path: pathlib.Path) -> tuple[dict, dict]:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "dossier_file" in case:
        dossier = yaml.safe_load((REPO / case["dossier_file"]).read_text(encoding="utf-8"))
    else:
        dossier = case["dossier"]
    return case, apply_patch(dossier, case.get("patch"))


def test_at_least_the_ten_context_scenarios_exist():
    numbers = {p.name[:2] for p in SCENARIOS}
    assert {f"{i:02d}" for i in range(1, 11)} <= numbers


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario(path):
    case, dossier = load_case(path)
    report = check_dossier(dossier, gate=case.get("gate"))
    exp = case["expect"]
    fails = {f.rule for f in report.findings if f.outcome.value == "fail"}
    by_key = {f"{f.rule}:{f.subject}": f.outcome.value for f in report.findings}
    debug = [
        f"{f.rule}:{f.subject}={f.outcome.value} {f.message.en}"
        for f in report.findings
        if f.outcome.value in ("fail", "indeterminate")
    ]
    assert report.can_advance is exp["can_advance"], debug
    assert report.exit_code == (0 if exp["can_advance"] else 1)
    if "blocking" in exp:
        assert set(report.verdict.blocking) == set(exp["blocking"]), debug
    for rule in exp.get("failing", []):
        assert rule in fails, debug
    for rule in exp.get("not_failing", []):
        assert rule not in fails, debug
    for rule in exp.get("waived", []):
        assert any(f.rule == rule and f.outcome.value == "waived" for f in report.findings), debug
    for app_id, network in exp.get("placements", {}).items():
        assert {p.application: p.required_network for p in report.placements}[app_id] == network
    for key, outcome in exp.get("outcomes", {}).items():
        assert by_key.get(key) == outcome, (key, by_key.get(key), debug)
    for rule, text in exp.get("message_contains", {}).items():
        assert any(text in f"{f.message.zh} {f.message.en}" for f in report.findings if f.rule == rule), (rule, debug)
    for rule, text in exp.get("remediation_contains", {}).items():
        assert any(text in f"{f.remediation.zh} {f.remediation.en}" for f in report.findings if f.rule == rule), (
            rule,
            debug,
        )
    if "packs" in exp:
        assert [p.id for p in report.packs] == exp["packs"]
    for rule in exp.get("absent_rules", []):
        assert rule not in {f.rule for f in report.findings}
    # every finding cites its document and article and says what to do in both languages when it fails
    for f in report.findings:
        assert f.document and f.citation.zh.startswith(f"《{f.document}》第"), f.rule
        if f.document == "发改高技〔2012〕1986号":
            assert 1 <= f.article <= 12
        if f.outcome.value == "fail":
            assert f.message.zh and f.message.en and (f.remediation.zh or f.remediation.en), f.rule
