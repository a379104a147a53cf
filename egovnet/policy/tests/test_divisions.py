"""Missing division data fails closed: no authority is named from code arithmetic."""

from __future__ import annotations

import pytest

from egovnet.policy import divisions
from egovnet.policy.dossier import check_dossier
from egovnet.policy.tests.test_scenarios import REPO


def test_missing_table_gives_a_directory_that_refuses(tmp_path):
    directory = divisions.load_directory(tmp_path / "absent.csv")
    with pytest.raises(divisions.DivisionDataMissing, match="divisions.csv"):
        directory.province_of("440300")
    empty = tmp_path / "empty.csv"
    empty.write_text("code,name,province_code,prefecture_code\n", encoding="utf-8")
    with pytest.raises(divisions.DivisionDataMissing, match="empty"):
        divisions.load_directory(empty).prefecture_of("440303")


def test_a_check_without_division_data_blocks_instead_of_guessing(monkeypatch, tmp_path):
    import yaml

    dossier = yaml.safe_load((REPO / "docs/dossier/examples/county-needs.yaml").read_text(encoding="utf-8"))
    assert check_dossier(dossier).can_advance  # a county project: its filing goes to the prefecture PSB
    monkeypatch.setattr(divisions, "CSV_PATH", tmp_path / "absent.csv")
    report = check_dossier(dossier)
    indeterminate = [f for f in report.findings if f.outcome.value == "indeterminate"]
    assert not report.can_advance and indeterminate
    assert all("DivisionDataMissing" in f.error for f in indeterminate)
