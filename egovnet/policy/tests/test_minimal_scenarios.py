"""Every scenario also passes written minimally: without the optional flags the pack can infer (issue 16 §1).

The flags removed are those of the original format's optional facts (docs/dossier/README.md, "Optional facts"):
the verdict (can advance, blocking rules) must not change when the dossier leaves them to inference.
"""

from __future__ import annotations

import copy

import pytest

from egovnet.policy.dossier import check_dossier
from egovnet.policy.tests.test_scenarios import SCENARIOS, load_case

INFERRED_APP_FLAGS = ("nationwide", "uniformly_graded")


def minimal(dossier: dict) -> dict:
    d = copy.deepcopy(dossier)
    for app in d.get("applications", []):
        for flag in INFERRED_APP_FLAGS:
            app.pop(flag, None)
    return d


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_scenario_written_minimally_has_the_same_verdict(path):
    case, dossier = load_case(path)
    full = check_dossier(dossier, gate=case.get("gate"))
    lean = check_dossier(minimal(dossier), gate=case.get("gate"))
    assert lean.can_advance is full.can_advance
    assert set(lean.verdict.blocking) == set(full.verdict.blocking)
