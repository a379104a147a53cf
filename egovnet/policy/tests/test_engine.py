"""Engine behaviour: fail-closed, deviations, pack selection by date, gates, a second pack without engine change."""

from __future__ import annotations

import datetime as dt
import pathlib

import pytest

from egovnet.policy.dossier import check_dossier
from egovnet.policy.engine import (
    Outcome,
    Pack,
    Strength,
    Text,
    all_packs,
    evaluate,
    get_pack,
    judge_gate,
    named_gate,
    packs_in_force,
    stage_gate,
)
from egovnet.policy.engine.evaluate import rules_in_force
from egovnet.policy.engine.model import failed, passed
from egovnet.policy.engine.registry import register_pack, unregister_pack
from egovnet.policy.facts import Snapshot
from egovnet.policy.tests.helpers import NDRC, app, base, snapshot


def _outcomes(findings, rule):
    return {f.subject: f.outcome for f in findings if f.rule == rule}


def test_no_orm_import_in_engine_packs_or_facts():
    root = pathlib.Path(__file__).resolve().parent.parent
    files = [
        root / "facts.py",
        *(root / "engine").rglob("*.py"),
        *(root / "packs").rglob("*.py"),
    ]
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert "django" not in text, f"{f} imports Django; the engine must stay pure"


def test_raising_rule_is_indeterminate_and_blocks_its_gate():
    pack = Pack(id="test-raise", title=Text("测试", "test"), effective_from=dt.date(2000, 1, 1))

    @pack.rule(
        "R-6.9",
        article=6,
        strength=Strength.MUST,
        gates=("G-NEEDS",),
        title=("t", "t"),
        message=("m", "m"),
        remediation=("r", "r"),
    )
    def boom(s, ctx):
        raise KeyError("missing fact")
        yield  # pragma: no cover

    s = Snapshot(evaluation_date=dt.date(2013, 1, 1))
    findings = evaluate(s, [pack])
    assert [f.outcome for f in findings] == [Outcome.INDETERMINATE]
    assert "KeyError" in findings[0].error and "missing fact" in findings[0].message.en
    verdict = judge_gate(named_gate("G-NEEDS"), findings, {r.id: r for r in pack.rules.values()})
    assert not verdict.can_advance and verdict.blocking == ("R-6.9",)


def test_rule_raising_on_bad_facts_in_real_pack_is_indeterminate():
    # needs project facts; a snapshot without a project makes it raise → indeterminate, never pass.
    s = Snapshot(evaluation_date=dt.date(2013, 1, 1), applications=snapshot(base()).applications)
    findings = evaluate(s, [get_pack("ndrc-2012-1986")], gates=["G-NEEDS"], include_ungated=False)
    r63 = [f for f in findings if f.rule == "R-6.3"]
    assert r63 and all(f.outcome == Outcome.INDETERMINATE for f in r63)


def _deviation_dossier(expires="2016-12-31", rule="R-4.3", approver=None):
    d = base(stage="needs_analysis")
    app(d, "app-2")["target_network"] = "legacy_dedicated"
    d["deviations"] = [
        {
            "rule": rule,
            "subject": "app-2",
            "reason": "专网暂无法迁移",
            "legal_basis": "某法第X条",
            "approver": approver or dict(NDRC),
            "expires": expires,
        }
    ]
    return d


def test_valid_deviation_waives_in_principle_fail():
    report = check_dossier(_deviation_dossier())
    assert _outcomes(report.findings, "R-4.3")["app-2"] == Outcome.WAIVED
    assert "R-4.3" not in report.verdict.blocking


def test_expired_deviation_does_not_waive():
    report = check_dossier(_deviation_dossier(expires="2013-01-31"))
    f = next(f for f in report.findings if f.rule == "R-4.3" and f.subject == "app-2")
    assert f.outcome == Outcome.FAIL and "expired" in f.message.en
    assert "R-4.3" in report.verdict.blocking


def test_deviation_never_waives_a_must_rule():
    d = base(stage="needs_analysis")
    del app(d, "app-2")["bandwidth_mbps"]
    d["deviations"] = [
        {
            "rule": "R-6.1",
            "subject": "app-2",
            "reason": "x",
            "legal_basis": "y",
            "approver": dict(NDRC),
            "expires": "2020-01-01",
        }
    ]
    report = check_dossier(d)
    f = next(f for f in report.findings if f.rule == "R-6.1" and f.subject == "app-2")
    assert f.outcome == Outcome.FAIL and "cannot waive a MUST rule" in f.message.en
    assert "R-6.1" in report.verdict.blocking


def test_placement_deviation_approved_by_wrong_body_fails_r_4_5():
    report = check_dossier(
        _deviation_dossier(approver={"name": "某部", "kind": "government_department", "level": "central"})
    )
    assert _outcomes(report.findings, "R-4.5")["app-2"] == Outcome.FAIL


def test_packs_in_force_by_date_of_act():
    assert [p.id for p in packs_in_force(dt.date(2011, 1, 1))] == []
    assert [p.id for p in packs_in_force(dt.date(2013, 5, 1))] == ["ndrc-2012-1986"]
    assert [p.id for p in packs_in_force(dt.date(2021, 5, 1))] == ["ndrc-2012-1986", "gov-2019-57"]


def test_second_pack_needs_no_engine_change():
    toy = Pack(id="test-2019-57", title=Text("玩具叠加包", "toy overlay"), effective_from=dt.date(2019, 12, 30))

    @toy.rule(
        "R-9.8",
        article=9,
        strength=Strength.MUST,
        gates=("G-PROPOSAL-SUBMIT",),
        title=("备案", "filing"),
        message=("缺少备案", "no filing"),
        remediation=("备案", "file"),
    )
    def needs_filing(s, ctx):
        if any(d.type == "ndrc_project_filing" for d in s.documents):
            yield passed("project")
        else:
            yield failed("project", "未备案。", "Not filed.")

    register_pack(toy)
    try:
        assert "test-2019-57" not in [p.id for p in packs_in_force(dt.date(2019, 1, 1))]
        assert "test-2019-57" in [p.id for p in packs_in_force(dt.date(2020, 6, 1))]
        before = check_dossier(base(date="2019-06-01"))
        after = check_dossier(base(date="2020-06-01"))
        assert before.can_advance and "R-9.8" not in {f.rule for f in before.findings}
        assert not after.can_advance and "R-9.8" in after.verdict.blocking
    finally:
        unregister_pack("test-2019-57")


def test_rule_effective_dates_respected():
    rules = rules_in_force([get_pack("gov-2019-57")], dt.date(2019, 1, 1))
    assert {r.id for r in rules} == {
        "R-9.7",
        "R-11.6",
        "R57-9.1",
        "R57-11.1",
        "R57-13.1",
        "R57-21.1",
    }  # pack selects by date
    pack = Pack(id="t", title=Text("t", "t"), effective_from=dt.date(2000, 1, 1))

    @pack.rule(
        "R-1.9",
        article=1,
        strength=Strength.INFO,
        title=("t", "t"),
        message=("m", "m"),
        remediation=("r", "r"),
        effective_to=dt.date(2015, 12, 31),
    )
    def r(s, ctx):
        yield passed("x")

    assert rules_in_force([pack], dt.date(2016, 1, 1)) == []
    assert len(rules_in_force([pack], dt.date(2015, 1, 1))) == 1


@pytest.mark.parametrize(
    ("stage", "path", "cobuilt", "gates"),
    [
        ("needs_analysis", "full", False, ("G-NEEDS", "G-NEEDS-REVIEWED")),
        ("proposal", "full", False, ("G-PROPOSAL-DRAFT", "G-PROPOSAL-APPRAISED", "G-PROPOSAL-SUBMIT")),
        ("feasibility", "full", False, ("G-FSR",)),
        ("feasibility", "simplified", False, ("G-PROPOSAL-DRAFT", "G-PROPOSAL-SUBMIT", "G-FSR")),
        ("feasibility", "full", True, ("G-FSR", "G-LOCAL-FSR")),
        ("preliminary_design", "full", True, ("G-LOCAL-DESIGN",)),
        ("preliminary_design", "full", False, ()),
        ("construction", "full", False, ("G-TRIAL",)),
        ("trial_operation", "full", False, ("G-TRIAL",)),
        ("acceptance_application", "full", False, ("G-ACCEPT-APPLY",)),
        ("completion_acceptance", "full", False, ("G-ACCEPT-COMPLETE",)),
    ],
)
def test_stage_gate_mapping(stage, path, cobuilt, gates):
    assert stage_gate(stage, approval_path=path, cobuilt=cobuilt).gates == gates


def test_unknown_gate_and_stage_rejected():
    with pytest.raises(ValueError):
        named_gate("G-NOPE")
    with pytest.raises(ValueError):
        stage_gate("nowhere")


def test_every_rule_cites_article_and_is_bilingual():
    # 57号 rules are R57-<its article>; keep the context.md ids of the 1986 articles they extend
    prefix = {"ndrc-2012-1986": "R-", "gov-2019-57": "R57-"}
    for pack_id in ("ndrc-2012-1986", "gov-2019-57"):
        for r in get_pack(pack_id).rules.values():
            assert r.id.startswith(f"{prefix[pack_id]}{r.article}.") or r.id in ("R-9.7", "R-11.6"), r.id
            for t in (r.title, r.message, r.remediation):
                assert t.zh and t.en, r.id
            assert r.interpretation, r.id


def test_all_twelve_articles_covered_and_strengths():
    rules = get_pack("ndrc-2012-1986").rules
    assert {r.article for r in rules.values()} == set(range(1, 13))
    for rid in ("R-1.3", "R-2.3", "R-3.1", "R-5.1"):
        assert rules[rid].strength == Strength.GOAL
    assert rules["R-12.4"].strength == Strength.INFO
    assert rules["R-5.2"].status == "reconstructed"
    assert rules["R-4.2"].strength == rules["R-4.3"].strength == rules["R-12.1"].strength == Strength.IN_PRINCIPLE


def test_pack_parameter_override_lets_county_psb_accept_filing():
    """A later pack can change a parameter (MLPS 2.0: county PSBs accept filings) without engine change."""
    import yaml

    from egovnet.policy.engine.params import parameter, value
    from egovnet.policy.tests.test_scenarios import REPO

    mlps2 = Pack(
        id="test-mlps2",
        title=Text("等保2.0参数", "MLPS 2.0 parameters"),
        effective_from=dt.date(2019, 12, 1),
        params={
            "mlps_floor": parameter(
                "mlps_floor",
                "county PSBs accept filings",
                value(dt.date(2019, 12, 1), "county", "公网安〔2020〕1960号 (test)"),
                overrides="ndrc-2012-1986",
            )
        },
    )
    d = yaml.safe_load((REPO / "docs/dossier/examples/county-needs.yaml").read_text(encoding="utf-8"))
    d["documents"][1]["issuer"] = {
        "name": "罗湖区公安局",
        "kind": "public_security",
        "level": "county",
        "division": "440303",
    }
    assert not check_dossier(d).can_advance  # 2016: floor = prefecture
    d["project"]["date"] = "2020-03-01"
    register_pack(mlps2)
    try:
        assert check_dossier(d).can_advance
    finally:
        unregister_pack("test-mlps2")


def test_an_undeclared_parameter_override_is_an_error_and_a_declared_one_keeps_earlier_dates():
    """A later pack silently replacing a parameter would change verdicts nobody decided to change."""
    from egovnet.policy.engine.evaluate import contexts_for
    from egovnet.policy.engine.params import ParameterConflict, merge, parameter, value
    from egovnet.policy.engine.registry import get_pack

    base = get_pack("ndrc-2012-1986")
    silent = Pack(
        id="t-silent", title=Text("t", "t"), effective_from=dt.date(2019, 12, 1), params={"mlps_floor": "county"}
    )
    with pytest.raises(ParameterConflict, match="mlps_floor"):
        merge([base, silent])
    declared = Pack(
        id="t-declared",
        title=Text("t", "t"),
        effective_from=dt.date(2019, 12, 1),
        params={
            "mlps_floor": parameter(
                "mlps_floor", "d", value(dt.date(2019, 12, 1), "county", "ref"), overrides="ndrc-2012-1986"
            )
        },
    )
    merged = merge([declared, base])  # order of the list does not matter: packs merge by start date
    assert merged["mlps_floor"].at(dt.date(2019, 11, 30)) == "prefecture"
    assert merged["mlps_floor"].at(dt.date(2020, 1, 1)) == "county"
    ctx = contexts_for([base, declared], dt.date(2020, 1, 1))["ndrc-2012-1986"]
    assert ctx.params["mlps_floor"] == "county" and ctx.param_on("mlps_floor", dt.date(2015, 1, 1)) == "prefecture"


def test_every_shipped_parameter_value_is_dated_and_sourced():
    from egovnet.policy.engine.registry import all_packs

    for pack in all_packs():
        for name, param in pack.parameters.items():
            assert param.description, f"{pack.id}.{name} has no description"
            for period in param.periods:
                assert isinstance(period.start, dt.date) and period.reference, f"{pack.id}.{name} {period}"


def test_clauses_name_their_document_and_articles_are_checked_against_it(monkeypatch):
    from egovnet.policy.engine import model
    from egovnet.policy.engine.model import Document, cite

    # The pack below registers its own (shortened) 57号 document: keep that out of the shared registry, or
    # every later citation of the real 57号 pack in this process would carry the test's English name.
    monkeypatch.setattr(model, "DOCUMENTS", dict(model.DOCUMENTS))

    doc = Document(
        ref="国办发〔2019〕57号", title="国家政务信息化项目建设管理办法", en="GOSC [2019] No. 57", articles=40
    )
    pack = Pack(id="t-doc", title=Text("t", "t"), effective_from=dt.date(2020, 1, 1), document=doc)
    pack.rule(
        "T-14.1", article=14, strength=Strength.MUST, title=("t", "t"), message=("m", "m"), remediation=("r", "r")
    )(lambda s, c: [])
    assert pack.rules["T-14.1"].citation.zh == "《国办发〔2019〕57号》第十四条"
    assert pack.rules["T-14.1"].citation.en == "GOSC [2019] No. 57, art. 14"
    with pytest.raises(ValueError, match="no article 41"):
        pack.rule(
            "T-41", article=41, strength=Strength.MUST, title=("t", "t"), message=("m", "m"), remediation=("r", "r")
        )
    ndrc = get_pack("ndrc-2012-1986")
    with pytest.raises(ValueError, match="no article 13"):
        ndrc.rule(
            "T-13", article=13, strength=Strength.MUST, title=("t", "t"), message=("m", "m"), remediation=("r", "r")
        )
    assert cite("发改高技〔2012〕1986号", 11, 1).zh == "《发改高技〔2012〕1986号》第十一条第一款"
    assert all(r.citation.zh.startswith("《") for p in all_packs() for r in p.rules.values())
