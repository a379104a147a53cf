"""The 国办发〔2019〕57号 pack: plugged in without engine changes, judged by the date of each act."""

from __future__ import annotations

import yaml

from egovnet.policy.dossier import check_dossier
from egovnet.policy.engine import get_pack
from egovnet.policy.tests.test_scenarios import REPO


def _central(**project):
    d = yaml.safe_load((REPO / "docs/dossier/examples/central-proposal.yaml").read_text(encoding="utf-8"))
    d["project"].update(project)
    return d


def test_the_pack_is_a_document_with_dated_sourced_parameters():
    pack = get_pack("gov-2019-57")
    assert pack.document.ref == "国办发〔2019〕57号" and str(pack.effective_from) == "2020-01-01"
    assert {"R57-9.1", "R57-11.1", "R57-13.1", "R57-21.1", "R-9.7", "R-11.6"} <= set(pack.rules)
    assert all(p.reference for param in pack.parameters.values() for p in param.periods)


def test_a_project_spanning_both_regimes_is_judged_by_the_date_of_each_act():
    proposal_2019 = check_dossier(_central(date="2019-06-01"))
    assert [p.id for p in proposal_2019.packs] == ["ndrc-2012-1986"]
    assert {f.document for f in proposal_2019.findings} == {"发改高技〔2012〕1986号"}
    fsr_2021 = check_dossier(_central(date="2021-03-01", stage="feasibility"))
    assert [p.id for p in fsr_2021.packs] == ["ndrc-2012-1986", "gov-2019-57"]
    by_rule = {f.rule: f for f in fsr_2021.findings}
    assert by_rule["R57-21.1"].citation.zh == "《国办发〔2019〕57号》第二十一条"
    assert by_rule["R-7.4"].citation.zh == "《发改高技〔2012〕1986号》第七条第二款"
    assert "R57-21.1" in fsr_2021.verdict.blocking  # the crypto plan, a 57号 duty, is missing in 2021


def test_findings_in_the_check_output_name_the_57_document():
    report = check_dossier(_central(date="2021-03-01", approval_regime="department"))
    data = report.as_dict()
    r97 = next(f for f in data["findings"] if f["rule"] == "R-9.7")
    assert r97["citation"]["zh"] == "《国办发〔2019〕57号》第十四条" and r97["document"] == "国办发〔2019〕57号"
    assert "ndrc_project_filing" in r97["remediation_zh"]
