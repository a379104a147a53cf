#!/usr/bin/env python3
"""Newcomer entry point: needs only Python 3.11+.

    python3 dev.py start   # install what is needed, start the demo on SQLite, print URL and logins
    python3 dev.py test    # install the test dependencies, lint (ruff, import layers), run the whole test suite

Both create/refresh a virtual environment in ``.venv`` when pyproject.toml changed.
Extra arguments after ``start`` go to ``egovnet demo``; after ``test`` to pytest.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("EGOVNET_VENV", ROOT / ".venv"))
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")


def _run(cmd: list[str], **kwargs) -> int:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    return subprocess.call(cmd, **kwargs)


def ensure_env(extras: str) -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 — dev.py runs on whatever python3 a newcomer has
        sys.exit(f"egovnet needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not (BIN / "python").exists():
        print(f"creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extras.encode()).hexdigest()
    stamp = VENV / f".egovnet-installed-{extras or 'base'}"
    if stamp.exists() and stamp.read_text() == digest:
        return
    target = f"{ROOT}[{extras}]" if extras else str(ROOT)
    if _run([str(BIN / "python"), "-m", "pip", "install", "--disable-pip-version-check", "-q", "-e", target]) != 0:
        sys.exit("installing the dependencies failed (see the pip output above)")
    stamp.write_text(digest)


def ensure_browser() -> None:
    """Browser tests need Debian's Chromium; install it when we can (root with apt), else they say why."""
    if shutil.which("chromium") or not shutil.which("apt-get") or os.geteuid() != 0:
        return
    print("installing Chromium for the browser tests (apt-get install chromium)", flush=True)
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.call(["apt-get", "update", "-qq"], env=env, stdout=subprocess.DEVNULL)
    subprocess.call(["apt-get", "install", "-y", "-qq", "chromium"], env=env, stdout=subprocess.DEVNULL)


def start(args: list[str]) -> int:
    ensure_env("")
    env = {**os.environ, "EGOVNET_MODE": os.environ.get("EGOVNET_MODE", "demo")}
    return _run([str(BIN / "egovnet"), "demo", *args], env=env, cwd=ROOT)


def test(args: list[str]) -> int:
    ensure_env("test")
    ensure_browser()
    if _run([str(BIN / "ruff"), "check", "egovnet", "benchmarks", "dev.py"], cwd=ROOT) != 0:
        return 1
    if _run([str(BIN / "lint-imports")], cwd=ROOT) != 0:  # import layers (pyproject.toml, docs/architecture.md)
        return 1
    return _run([str(BIN / "python"), "-m", "pytest", *_parallel(args), *args], cwd=ROOT)


def _parallel(args: list[str]) -> list[str]:
    """One pytest worker per core, a test file per worker at a time (module fixtures load once; ADR 0802).

    ``EGOVNET_TEST_WORKERS=0`` (or passing ``-n``/``-p no:xdist`` yourself) runs in one process."""
    if any(a.startswith(("-n", "--numprocesses")) or a == "no:xdist" for a in args):
        return []
    workers = os.environ.get("EGOVNET_TEST_WORKERS", "auto")
    return [] if workers == "0" else ["-n", workers, "--dist", "loadfile"]


def main() -> int:
    commands = {"start": start, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__)
        return 2
    return commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
