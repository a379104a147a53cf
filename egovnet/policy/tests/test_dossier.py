"""Dossier format: published schema, examples, validation errors that name the field path."""

from __future__ import annotations

import json
import pathlib

import pytest
import yaml

from egovnet.policy.dossier import DossierError, check_dossier
from egovnet.policy.dossier.schema import SCHEMA
from egovnet.policy.tests.helpers import base

REPO = pathlib.Path(__file__).resolve().parents[3]
DOCS = REPO / "docs" / "dossier"


def test_published_schema_is_current():
    published = json.loads((DOCS / "egovnet-dossier-1.schema.json").read_text(encoding="utf-8"))
    assert published == SCHEMA, "regenerate docs/dossier/egovnet-dossier-1.schema.json (see docs/dossier/README.md)"


@pytest.mark.parametrize("path", sorted((DOCS / "examples").glob("*.yaml")), ids=lambda p: p.stem)
def test_documented_examples_are_valid(path):
    report = check_dossier(yaml.safe_load(path.read_text(encoding="utf-8")))
    assert report.findings


def test_issue_example_fields_accepted():
    d = base()
    d["network_components"] = [
        {
            "kind": "wan_backbone",
            "dedicated_to_single_department": True,
            "built_on": "self_built",
            "new_or_extended": True,
        }
    ]
    d["deviations"] = [
        {
            "rule": "R-4.3",
            "subject": "app-2",
            "reason": "…",
            "legal_basis": "…",
            "approver": {"name": "国家发展改革委", "kind": "development_reform", "level": "central"},
            "expires": "2016-12-31",
        }
    ]
    report = check_dossier(d)
    assert "R-12.1" in report.verdict.blocking  # the issue's example component is a new dedicated network


def _errors(d) -> list[str]:
    with pytest.raises(DossierError) as exc:
        check_dossier(d)
    return [e.path for e in exc.value.errors]


@pytest.mark.parametrize(
    ("mutate", "path"),
    [
        (lambda d: d["applications"][1].update(mlps_level=7), "applications[1].mlps_level"),
        (lambda d: d["applications"][0].update(mlps_level=3), "applications[0].mlps_level"),
        (lambda d: d["applications"][1].update(secrecy_grade="jimi"), "applications[1].secrecy_grade"),
        (lambda d: d["applications"][1].pop("classified"), "applications[1].classified"),
        (lambda d: d["applications"][1].update(colour="red"), "applications[1]"),
        (lambda d: d["project"].update(stage="dreaming"), "project.stage"),
        (lambda d: d["project"].update(date="2013-02-30"), "project.date"),
        (lambda d: d["project"]["owner"].update(division=110000), "project.owner.division"),
        (lambda d: d.update(format="egovnet-dossier/2"), "format"),
        (lambda d: d["documents"][3].update(covers=["app-9"]), "documents[3].covers[0]"),
        (lambda d: d["documents"][3].update(type="love_letter"), "documents[3].type"),
        (
            lambda d: d.update(
                deviations=[
                    {
                        "rule": "R-99.1",
                        "subject": "x",
                        "reason": "r",
                        "legal_basis": "b",
                        "approver": {"name": "n"},
                        "expires": "2020-01-01",
                    }
                ]
            ),
            "deviations[0].rule",
        ),
        (
            lambda d: d.update(
                deviations=[
                    {"rule": "R-4.3", "subject": "x", "reason": "r", "legal_basis": "b", "approver": {"name": "n"}}
                ]
            ),
            "deviations[0].expires",
        ),
        (lambda d: d["applications"].append(dict(d["applications"][0])), "applications[2].id"),
        (lambda d: d["project"].update(approval_path="simplified"), "project.stage"),
        (lambda d: d["reviews"][0].update(invited=["the_press"]), "reviews[0].invited[0]"),
    ],
)
def test_invalid_dossier_names_the_field_path(mutate, path):
    d = base()
    mutate(d)
    assert path in _errors(d)


def test_not_a_mapping():
    assert _errors(["x"]) == ["(root)"]


def test_a_dossier_before_the_notice_is_valid_and_nothing_applies():
    report = check_dossier(base(date="2010-01-01"))
    assert report.no_pack_applies and report.exit_code == 0 and report.findings == ()
    data = report.as_dict()
    assert data["applicable"] is False and data["packs"] == [] and data["findings"] == []
    assert "2010-01-01" in data["notice"]["zh"] and "No policy pack is in force" in data["notice"]["en"]
    assert check_dossier(base()).as_dict()["applicable"] is True
