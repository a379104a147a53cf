"""Placement and O&M funding are computed only by the pack; other apps call it (one rule id, one meaning)."""

from __future__ import annotations

import datetime as dt
import importlib
import pathlib
import re

import pytest

from egovnet.policy.dossier import check_dossier
from egovnet.policy.packs.ndrc_2012_1986 import funding, placement
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

EGOVNET = pathlib.Path(__file__).resolve().parents[2]


def test_migration_has_no_rules_module_and_calls_the_pack():
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("egovnet.migration.rules")
    from egovnet.migration.services import funding as funding_service
    from egovnet.migration.services import plans, queries

    assert funding_service.propose_line is funding.propose_line
    assert plans.expected_network is placement.expected_network
    assert queries.is_new_without_exception is funding.is_new_without_exception


def test_no_placement_or_funding_computation_outside_the_pack():
    """No module outside the packs defines the placement or O&M computations or hard-codes the baseline date."""
    patterns = {
        r"def (expected_target|required_network|propose_line|migrated_share)\(": "a placement/funding function",
        r"2012[-, ]+(10|7|07)[-, ]+(1|01)\b": "the notice baseline date",
        r"ROUND_HALF_UP": "an O&M amount computation",
    }
    offenders = []
    for path in EGOVNET.rglob("*.py"):
        rel = path.relative_to(EGOVNET).as_posix()
        if rel.startswith("policy/packs/") or "/tests/" in rel or "/migrations/" in rel:
            continue
        text = path.read_text(encoding="utf-8")
        for pattern, what in patterns.items():
            for m in re.finditer(pattern, text):
                # the one thin adapter in migration: it delegates to the pack (checked above)
                if rel == "migration/services/plans.py" and m.group(0) == "def expected_target(":
                    continue
                offenders.append(f"{rel}: {what} ({m.group(0)})")
    for path in EGOVNET.rglob("*.html"):
        if re.search(r"2012-(10|07)-01", path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(EGOVNET)}: hard-coded baseline date")
    assert not offenders, offenders


def test_placement_is_undetermined_for_a_classified_application_without_grade():
    """The migration copy used to send it to the intranet; a 绝密 one must never be guessed onto it."""
    assert placement.expected_network(True, None) is None
    assert placement.expected_network(True, "") is None
    assert placement.expected_network(True, "juemi") == "standalone_classified"
    assert placement.expected_network(False, None) == "extranet"


def test_baseline_is_the_pack_parameter():
    assert funding.notice_baseline(dt.date(2020, 1, 1)) == PACK.param("notice_date", dt.date(2020, 1, 1))


def _budget_dossier(carried, items):
    return {
        "format": "egovnet-dossier/1",
        "project": {
            "name": "运维经费",
            "owner": {"name": "某部", "level": "central", "division": "110000", "in_beijing": True},
            "kind": "continued",
            "stage": "construction",
            "date": "2027-03-01",
        },
        "applications": [],
        "registry": {
            "dedicated_networks": [
                {
                    "id": "jinbao",
                    "owner": "某部",
                    "established_on": "2005-01-01",
                    "has_migration_plan": True,
                    "has_implementation_scheme": True,
                    "carried_apps": carried,
                }
            ],
            "migration_items": items,
            "budget_lines": [
                {
                    "id": "om-net",
                    "fiscal_year": 2027,
                    "object_kind": "dedicated_network",
                    "object_id": "jinbao",
                    "amount_10k_yuan": 4800,
                }
            ],
        },
    }


def test_engine_r_12_3_counts_the_applications_the_network_carries():
    """The G-BUDGET finding and the O&M proposal agree: share of the carried applications, planned or not."""
    moved = {
        "application": "a1",
        "from_network": "dedicated",
        "to_network": "extranet",
        "planned_date": "2026-06-30",
        "done": True,
    }
    report = check_dossier(_budget_dossier(["a1", "a2"], [moved]), gate="G-BUDGET")
    f = next(f for f in report.findings if f.rule == "R-12.3" and f.subject == "om-net")
    assert f.outcome.value == "fail" and "2 个应用已有 1 个迁出（50%）" in f.message.zh
    assert "unreduced" in f.remediation.en
    report = check_dossier(_budget_dossier(["a2"], []), gate="G-BUDGET")
    f = next(f for f in report.findings if f.rule == "R-12.3" and f.subject == "om-net")
    assert f.outcome.value == "pass"
