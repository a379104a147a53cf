"""The import-layer check (``lint-imports``, contracts in pyproject.toml) fails on a new upward import.

``python3 dev.py test`` and CI run ``lint-imports`` on the tree; this test shows the check has teeth: a copy of
the package with one framework module importing a domain app breaks the ``framework`` and ``layers``
contracts, a policy-engine module importing Django the ``engine`` contract, two modules importing each other
the ``acyclic`` one.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
LINT = Path(sys.executable).with_name("lint-imports")

pytestmark = pytest.mark.skipif(not LINT.exists(), reason="import-linter is in the test extra (python3 dev.py test)")


def _lint(tmp_path: Path, probes: dict[str, str]) -> subprocess.CompletedProcess:
    shutil.copytree(ROOT / "egovnet", tmp_path / "egovnet", ignore=shutil.ignore_patterns("static", "locale", "data"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    for path, text in probes.items():
        (tmp_path / path).write_text(text)
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=tmp_path, env=env, capture_output=True, text=True)


def test_the_tree_keeps_every_contract(tmp_path):
    run = _lint(tmp_path, {})
    assert run.returncode == 0, run.stdout[-3000:]


def test_a_new_upward_import_breaks_the_check(tmp_path):
    run = _lint(tmp_path, {"egovnet/core/probe_upward.py": "from egovnet.systems.models import ApplicationSystem\n"})
    assert run.returncode == 1
    assert "egovnet.core.probe_upward -> egovnet.systems.models" in run.stdout
    assert "The framework (core) imports no domain app BROKEN" in run.stdout
    assert "Apps import only the layers below them BROKEN" in run.stdout


def test_django_in_the_engine_breaks_the_check(tmp_path):
    run = _lint(tmp_path, {"egovnet/policy/engine/probe_django.py": "from django.db import models\n"})
    assert run.returncode == 1
    assert "The rules engine, facts and packs import no Django and no app BROKEN" in run.stdout


def test_a_module_cycle_breaks_the_check(tmp_path):
    run = _lint(
        tmp_path,
        {
            "egovnet/geo/probe_a.py": "from egovnet.geo import probe_b  # noqa\n",
            "egovnet/geo/probe_b.py": "from egovnet.geo import probe_a  # noqa\n",
        },
    )
    assert run.returncode == 1
    assert "No import cycles inside an app BROKEN" in run.stdout
