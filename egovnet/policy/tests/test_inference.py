"""Facts the dossier implies (A-6.6, A-6.7): the competent MLPS filing organ without the optional flags."""

from __future__ import annotations

from egovnet.policy.dossier import check_dossier
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
