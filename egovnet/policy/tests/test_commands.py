"""CLI: ``egovnet check-dossier`` (exit 0/1/2) and ``egovnet rules list``, via call_command."""

from __future__ import annotations

import io
import json
import pathlib

import pytest
import yaml
from django.core.management import call_command

from egovnet.policy.tests.helpers import base, drop_docs

EXAMPLES = pathlib.Path(__file__).resolve().parents[3] / "docs" / "dossier" / "examples"


def run(*args) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(*args, stdout=out, stderr=err)
        code = 0
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue(), err.getvalue()


def write(tmp_path, d, name="d.yaml") -> str:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    return str(p)


def test_check_passes_with_exit_0_text():
    code, out, _ = run("check-dossier", str(EXAMPLES / "central-proposal.yaml"))
    assert code == 0
    assert "可以通过该关口" in out and "the gate can be passed" in out
    assert "《发改高技〔2012〕1986号》第九条 / NDRC [2012] No. 1986, art. 9" in out


def test_check_blocked_exit_1_json(tmp_path):
    code, out, _ = run("check-dossier", write(tmp_path, drop_docs(base(), "cert")), "--format", "json")
    assert code == 1
    data = json.loads(out)
    assert data["pack"] == "ndrc-2012-1986"
    assert data["gate"]["stage"] == "proposal" and data["gate"]["can_advance"] is False
    assert data["gate"]["blocking"] == ["R-9.2"]
    assert {"application": "app-1", "required_network": "intranet", "article": 4}.items() <= data["placements"][
        0
    ].items()
    f = next(f for f in data["findings"] if f["rule"] == "R-9.2")
    assert f == f | {"article": 9, "status": "fail", "strength": "MUST", "blocking": True, "subject": "app-2"}
    assert "项目建议书缺少公安部门出具的非涉密信息系统安全保护等级备案证明（app-2，第三级）" in f["message"]
    assert "公安部" in f["remediation"]


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_check_before_the_notice_exits_0_with_no_findings(tmp_path, fmt):
    code, out, err = run("check-dossier", write(tmp_path, base(date="2011-03-01")), "--format", fmt)
    assert code == 0 and not err
    if fmt == "json":
        data = json.loads(out)
        assert data["applicable"] is False and data["findings"] == [] and data["notice"]["en"]
    else:
        assert "不适用" in out and "No policy pack is in force on 2011-03-01" in out and "R-" not in out


def test_check_help_documents_the_exit_codes():
    from importlib import import_module

    Command = import_module("egovnet.policy.management.commands.check-dossier").Command  # noqa: N806
    assert "no policy pack applies" in Command.help and "Exit 0" in Command.help


def test_check_text_lists_remediation_for_blocked(tmp_path):
    code, out, _ = run("check-dossier", write(tmp_path, drop_docs(base(), "agr")))
    assert code == 1
    assert "[阻断 BLOCKING]" in out and "→ 整改" in out and "→ Fix:" in out and "R-9.4" in out


def test_check_invalid_exit_2_names_field(tmp_path):
    d = base()
    d["applications"][1]["mlps_level"] = 9
    code, _, err = run("check-dossier", write(tmp_path, d))
    assert code == 2
    assert "applications[1].mlps_level" in err


def test_check_invalid_json_output(tmp_path):
    d = base()
    del d["project"]["stage"]
    code, out, err = run("check-dossier", write(tmp_path, d), "--format", "json")
    assert code == 2
    assert json.loads(out)["errors"][0]["path"] == "project.stage"


def test_check_unreadable_and_bad_yaml(tmp_path):
    assert run("check-dossier", str(tmp_path / "missing.yaml"))[0] == 2
    bad = tmp_path / "bad.yaml"
    bad.write_text("project: [unclosed", encoding="utf-8")
    assert run("check-dossier", str(bad))[0] == 2


def test_check_gate_override(tmp_path):
    code, out, _ = run(
        "check-dossier", str(EXAMPLES / "budget-migration.yaml"), "--gate", "G-BUDGET", "--format", "json"
    )
    assert code == 1 and json.loads(out)["gate"]["blocking"] == ["R-12.3"]
    assert run("check-dossier", str(EXAMPLES / "budget-migration.yaml"), "--gate", "G-NOPE")[0] == 2


def test_check_json_dossier_input(tmp_path):
    p = tmp_path / "d.json"
    p.write_text(json.dumps(base(), ensure_ascii=False), encoding="utf-8")
    assert run("check-dossier", str(p))[0] == 0


def test_django_system_check_is_not_shadowed():
    code, out, err = run("check")
    assert code == 0
    assert "System check identified" in out + err


def test_the_old_check_file_form_is_forwarded_with_a_note(capsys):
    from egovnet.cli import _deprecated_check

    example = str(EXAMPLES / "central-proposal.yaml")
    assert _deprecated_check(["check", example, "--format", "json"]) == ["check-dossier", example, "--format", "json"]
    assert "check-dossier" in capsys.readouterr().err
    assert _deprecated_check(["check", "--system"]) == ["check"]
    assert _deprecated_check(["check", "--deploy"]) == ["check", "--deploy"]
    assert _deprecated_check(["migrate"]) == ["migrate"]


def test_rules_list_text_and_json():
    code, out, _ = run("rules", "list")
    assert code == 0 and "R-9.2" in out and "第九条" in out and "G-PROPOSAL-SUBMIT" in out
    code, out, _ = run("rules", "list", "--format", "json", "--pack", "ndrc-2012-1986")
    data = json.loads(out)
    assert data[0]["pack"] == "ndrc-2012-1986" and len(data[0]["rules"]) == 54
    r52 = next(r for r in data[0]["rules"] if r["id"] == "R-5.2")
    assert r52["status"] == "reconstructed" and r52["interpretation"] and r52["effective_from"] == "2012-07-01"


def test_rules_list_unknown_pack():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("rules", "list", "--pack", "nope", stdout=io.StringIO())


def test_rule_catalogue_doc_is_current():
    from egovnet.policy.engine import all_packs
    from egovnet.policy.rules_catalogue import render_markdown

    doc = pathlib.Path(__file__).resolve().parents[3] / "docs" / "rules" / "catalogue.md"
    assert doc.read_text(encoding="utf-8") == render_markdown(all_packs()), "regenerate docs/rules/catalogue.md"


def test_raising_rule_in_real_pack_shows_indeterminate_and_blocks(tmp_path, monkeypatch):
    import dataclasses

    from egovnet.policy.engine import get_pack

    pack = get_pack("ndrc-2012-1986")

    def broken(s, ctx):
        raise RuntimeError("database hiccup")

    monkeypatch.setitem(pack.rules, "R-9.3", dataclasses.replace(pack.rules["R-9.3"], func=broken))
    code, out, _ = run("check-dossier", write(tmp_path, base()), "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["gate"]["blocking"] == ["R-9.3"]
    f = next(f for f in data["findings"] if f["rule"] == "R-9.3")
    assert f["status"] == "indeterminate" and "database hiccup" in f["error"] and f["blocking"] is True
