"""Facts the dossier implies (A-6.6, A-6.7): the competent MLPS filing organ without the optional flags."""

from __future__ import annotations

from egovnet.policy.dossier import check_dossier
from egovnet.policy.dossier.convert import to_snapshot
from egovnet.policy.tests import helpers as H

SZ_PSB = {"name": "深圳市公安局", "kind": "public_security", "level": "prefecture", "division": "440300"}


def _minimal(coverage, grading_issuer=None, cert_issuer=None):
    """Scenario 1 written with the original format only: no nationwide / uniformly_graded flags."""
    d = H.base(stage="needs_analysis")
    app = next(a for a in d["applications"] if a["id"] == "app-2")
    app.pop("nationwide", None)
    app["coverage_levels"] = coverage
    if grading_issuer is not None:
        d["documents"].append(
            {"id": "grading", "type": "mlps_grading_report", "issuer": grading_issuer, "covers": ["app-2"]}
        )
    H.doc(d, "cert")["issuer"] = dict(cert_issuer or H.MPS)
    return d


def _r63(d):
    report = check_dossier(d, gate="G-NEEDS")
    return next(f for f in report.findings if f.rule == "R-6.3" and f.subject == "app-2")


def test_central_nationwide_self_graded_application_filed_with_mps_is_accepted():
    """The issue's case: coverage central → county, graded by the department itself, certificate from 公安部."""
    d = _minimal(["central", "provincial", "prefecture", "county"], grading_issuer=dict(H.CENTRAL))
    assert _r63(d).outcome.value == "pass"
    wrong = _r63(_minimal(["central", "county"], grading_issuer=dict(H.CENTRAL), cert_issuer=H.BJ_PSB))
    assert wrong.outcome.value == "fail" and "应由公安部出具" in wrong.message.zh


def test_graded_by_someone_else_settles_on_beijing():
    other_grader = {"name": "某咨询公司", "kind": "government_department", "level": "central"}
    f = _r63(_minimal(["central", "provincial"], grading_issuer=other_grader))
    assert f.outcome.value == "fail" and "应由北京市公安局出具" in f.message.zh


def test_central_only_coverage_is_not_proof_of_a_local_system():
    """A central portal may serve the whole nation over the Internet: both organs stay possible."""
    d = _minimal(["central"], grading_issuer=dict(H.CENTRAL))
    assert _r63(d).outcome.value == "pass"
    f = _r63(_minimal(["central"], grading_issuer=dict(H.CENTRAL), cert_issuer=SZ_PSB))
    assert f.outcome.value == "fail" and "nationwide" in f.remediation.zh and "uniformly_graded" not in f.remediation.zh


def test_open_facts_accept_every_candidate_and_name_the_settling_field():
    open_case = _minimal(["central", "provincial"])  # nationwide inferred, who graded it is unknown
    assert _r63(open_case).outcome.value == "pass"
    assert _r63(_minimal(["central", "provincial"], cert_issuer=H.BJ_PSB)).outcome.value == "pass"
    f = _r63(_minimal(["central", "provincial"], cert_issuer=SZ_PSB))
    assert f.outcome.value == "fail" and "公安部或北京市公安局" in f.message.zh
    assert "uniformly_graded" in f.remediation.zh and "uniformly_graded" in f.remediation.en


def _project(**kw) -> dict:
    return {
        "name": "p",
        "owner": {"name": "某部", "level": "central"},
        "stage": "feasibility",
        "date": "2014-03-01",
        **kw,
    }


def _facts(project: dict, docs=(), local_parts=()):
    return to_snapshot(
        {"format": "egovnet-dossier/1", "project": project, "documents": list(docs), "local_parts": list(local_parts)}
    )


def _doc(s, doc_id):
    return next(d for d in s.documents if d.id == doc_id)


FSR = {"id": "fsr", "type": "feasibility_study_report"}
PLAN = {"id": "plan", "type": "deployment_migration_plan"}


def test_an_fsr_without_a_proposal_below_the_threshold_is_the_simplified_path():
    s = _facts(_project(total_investment_10k_yuan=2500), [FSR, PLAN])
    assert s.project.approval_path == "simplified"
    assert _doc(s, "fsr").in_lieu_of_proposal is True
    assert _doc(s, "plan").stage == "fsr"


def test_above_the_threshold_or_with_a_proposal_or_a_national_approval_the_path_stays_full():
    proposal = {"id": "prop", "type": "project_proposal"}
    for project, docs in (
        (_project(total_investment_10k_yuan=3000), [FSR]),
        (_project(), [FSR]),  # investment unknown
        (_project(total_investment_10k_yuan=100), [FSR, proposal]),
        (_project(total_investment_10k_yuan=100, national_approval_ref="发改高技〔2014〕1号"), [FSR]),
        (_project(total_investment_10k_yuan=100, stage="proposal"), [FSR]),
    ):
        s = _facts(project, docs)
        assert s.project.approval_path == "full", project
        assert _doc(s, "fsr").in_lieu_of_proposal is False


def test_stated_values_win_over_inference():
    s = _facts(
        _project(total_investment_10k_yuan=100, approval_path="full", cobuilt=False, approval_regime="ndrc"),
        [{**FSR, "in_lieu_of_proposal": False}, {"type": "ndrc_project_filing"}],
        [{"id": "lp", "name": "地方部分"}],
    )
    assert (s.project.approval_path, s.project.cobuilt, s.project.approval_regime) == ("full", False, "ndrc")
    assert _doc(s, "fsr").in_lieu_of_proposal is False


def test_local_parts_make_a_cobuilt_project_and_an_ndrc_filing_a_department_approved_one():
    s = _facts(_project(), [{"type": "ndrc_project_filing"}], [{"id": "lp", "name": "地方部分"}])
    assert s.project.cobuilt is True
    assert s.project.approval_regime == "department"
    assert _facts(_project()).project.approval_regime == "ndrc"
    assert _facts(_project(owner={"name": "某厅", "level": "provincial"})).project.approval_regime == "local"


def test_a_leased_wan_without_the_dedication_flag_fails_r_12_1_naming_the_field():
    d = H.base(stage="proposal")
    d["network_components"] = [{"id": "wan", "kind": "wan_backbone", "built_on": "carrier_leased"}]
    f = next(f for f in check_dossier(d).findings if f.rule == "R-12.1" and f.subject == "wan")
    assert f.outcome.value == "fail"
    assert "network_components[wan].dedicated_to_single_department: false" in f.remediation.zh
    assert "network_components[wan].dedicated_to_single_department: false" in f.remediation.en
    d["network_components"][0]["dedicated_to_single_department"] = False
    f = next(f for f in check_dossier(d).findings if f.rule == "R-12.1" and f.subject == "wan")
    assert f.outcome.value == "pass"
