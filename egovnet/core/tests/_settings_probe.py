"""Run a snippet against the settings of another mode (production, demo) in a fresh interpreter.

The test process itself runs in test mode (fast password hasher, no HTTPS); what production really configures
can only be seen in a process that imports the settings without pytest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def mode_env(tmp_path: Path, mode: str = "production", **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EGOVNET_", "DJANGO_", "PYTEST"))}
    env.pop("SECRET_KEY", None)
    env.pop("DATABASE_URL", None)
    env.update(
        EGOVNET_MODE=mode,
        EGOVNET_DATA_DIR=str(tmp_path),
        DJANGO_SETTINGS_MODULE="egovnet.settings",
        SECRET_KEY="probe-" + "k3Y9#mQ2!vX7$" * 6,
        EGOVNET_ALLOWED_HOSTS="egovnet.example.gov.cn",
    )
    env.update(extra)
    return env


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)


def probe(snippet: str, env: dict[str, str]) -> dict:
    """``snippet`` sets ``out`` (JSON-able) after ``django.setup()``; returns it."""
    code = f"import django, json\ndjango.setup()\nfrom django.conf import settings\n{snippet}\nprint(json.dumps(out))"
    done = run(["-c", code], env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])
