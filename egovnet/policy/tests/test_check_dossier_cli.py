"""The console script checks a dossier without Django: no set-up, no settings, no SECRET_KEY in production mode.

Each case starts a child interpreter (the console script's code path), so the parent's configured Django cannot
leak into it; the child reports which ``django`` modules it imported. Its output must equal the management
command's (``call_command``), byte for byte, for a passing, a blocked and an invalid dossier.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from egovnet.policy.tests.helpers import base, drop_docs
from egovnet.policy.tests.test_commands import EXAMPLES, run, write

CHILD = """
import json, sys
from egovnet.cli import main
code = main(sys.argv[1:])
sys.stdout.flush()
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("django", "rest_framework"))
sys.stderr.write("\\nLOADED=" + json.dumps(loaded) + "\\n")
sys.exit(code)
"""


def production_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "EGOVNET_DEBUG")}
    env["EGOVNET_MODE"] = "production"
    return env


def child(*args: str) -> tuple[int, str, str, list[str]]:
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, env=production_env(), timeout=60
    )
    err, _, loaded = proc.stderr.rpartition("\nLOADED=")
    return proc.returncode, proc.stdout, err, json.loads(loaded)


@pytest.mark.parametrize(
    ("dossier", "args", "expected_code"),
    [
        (None, ("--format", "json"), 0),
        ("blocked", (), 1),
        ("invalid", ("--format", "json"), 2),
    ],
)
def test_check_dossier_runs_without_django_or_secret_key(tmp_path, dossier, args, expected_code):
    if dossier is None:
        path = str(EXAMPLES / "central-proposal.yaml")
    elif dossier == "blocked":
        path = write(tmp_path, drop_docs(base(), "cert"))
    else:
        d = base()
        d["applications"][1]["mlps_level"] = 9
        path = write(tmp_path, d)
    code, out, err, loaded = child("check-dossier", path, *args)
    assert loaded == [], f"the dossier check imported {loaded[:5]}"
    assert "configuration error" not in err and "SECRET_KEY" not in err
    assert (code, out, err) == run("check-dossier", path, *args)
    assert code == expected_code


def test_deprecated_check_file_is_forwarded_without_django():
    path = str(EXAMPLES / "central-proposal.yaml")
    code, out, err, loaded = child("check", path)
    assert loaded == [] and code == 0
    assert err.startswith("egovnet check FILE 已改名为 egovnet check-dossier FILE")
    assert out == run("check-dossier", path)[1]
