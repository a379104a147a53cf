#!/usr/bin/env python3
"""Benchmark: ``egovnet check-dossier FILE`` wall time beyond interpreter start.

Usage (from the repository root, with the project's venv)::

    .venv/bin/python benchmarks/check_dossier.py [--runs 21] [--dossier docs/dossier/examples/central-proposal.yaml]

Runs, interleaved ``--runs`` times each (so a load swing on a shared machine hits all three alike):

1. ``python -c pass`` — the bare interpreter start (subtracted from the others);
2. ``egovnet check-dossier FILE`` — the console script, in production mode with no ``SECRET_KEY`` (no Django);
3. the same check through Django's management command (``python -m django check-dossier FILE`` in demo mode:
   ``django.setup()``, the system checks and the command) — the way the console script ran it before.

Prints and writes the medians of wall time and of CPU time (user + system; steadier on a shared machine), each
also minus the bare start, to
``benchmarks/results/check_dossier-[<label>-]<UTC time>.{json,md}``. The goal is ≤ 0.2 s beyond interpreter start.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DOSSIER = ROOT / "docs" / "dossier" / "examples" / "central-proposal.yaml"


def commands(dossier: Path) -> dict[str, list[str]]:
    script = Path(sys.executable).with_name("egovnet")
    console = [str(script)] if script.exists() else [sys.executable, "-m", "egovnet.cli"]
    return {
        "bare": [sys.executable, "-c", "pass"],
        "console": [*console, "check-dossier", str(dossier)],
        "django": [sys.executable, "-m", "django", "check-dossier", str(dossier)],
    }


def environments(data_dir: str) -> dict[str, dict[str, str]]:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DJANGO_SETTINGS_MODULE", "EGOVNET_MODE")}
    production = {**clean, "EGOVNET_MODE": "production"}
    demo = {**clean, "EGOVNET_MODE": "demo", "EGOVNET_DATA_DIR": data_dir, "DJANGO_SETTINGS_MODULE": "egovnet.settings"}
    return {"bare": clean, "console": production, "django": demo}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of one run: on a loaded machine the CPU time is the steadier one."""
    cpu = _children_cpu()
    start = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed, _children_cpu() - cpu


def measure(runs: int, dossier: Path) -> tuple[dict[str, list[float]], dict[str, list[float]]]:
    cmds = commands(dossier)
    with tempfile.TemporaryDirectory(prefix="egovnet-bench-") as data_dir:
        envs = environments(data_dir)
        for name in cmds:  # warm the file cache and the .pyc files once
            timed(cmds[name], envs[name])
        wall: dict[str, list[float]] = {name: [] for name in cmds}
        cpu: dict[str, list[float]] = {name: [] for name in cmds}
        for _ in range(runs):
            for name in cmds:
                w, c = timed(cmds[name], envs[name])
                wall[name].append(w)
                cpu[name].append(c)
    return wall, cpu


def summary(times: dict[str, list[float]], cpu: dict[str, list[float]]) -> dict[str, dict[str, float]]:
    bare = statistics.median(times["bare"])
    bare_cpu = statistics.median(cpu["bare"])
    return {
        name: {
            "median_s": round(statistics.median(values), 4),
            "min_s": round(min(values), 4),
            "max_s": round(max(values), 4),
            "beyond_start_s": round(statistics.median(values) - bare, 4),
            "cpu_median_s": round(statistics.median(cpu[name]), 4),
            "cpu_beyond_start_s": round(statistics.median(cpu[name]) - bare_cpu, 4),
        }
        for name, values in times.items()
    }


def load_average() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:  # pragma: no cover - not on Linux
        return "n/a"


def write(result: dict, label: str | None) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "benchmarks" / "results" / "-".join(filter(None, ["check_dossier", label, stamp]))
    out.with_suffix(".json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    rows = [
        "| command | median | min | max | median − bare start | CPU median | CPU − bare start |",
        "|---|---|---|---|---|---|---|",
        *(
            f"| {name} | {s['median_s'] * 1000:.0f} ms | {s['min_s'] * 1000:.0f} ms | {s['max_s'] * 1000:.0f} ms "
            f"| {s['beyond_start_s'] * 1000:.0f} ms | {s['cpu_median_s'] * 1000:.0f} ms "
            f"| {s['cpu_beyond_start_s'] * 1000:.0f} ms |"
            for name, s in result["summary"].items()
        ),
    ]
    meta = result["meta"]
    head = (
        f"# check_dossier {stamp}\n\n{meta['runs']} interleaved runs each; dossier `{meta['dossier']}`; "
        f"Python {meta['python']}; {meta['cpus']} CPUs; load average at start {meta['load_start']}, "
        f"at end {meta['load_end']}.\n\n"
        "`console`: `egovnet check-dossier FILE` in production mode without SECRET_KEY (no Django); "
        "`django`: `python -m django check-dossier FILE` (django.setup(), system checks, the management command).\n\n"
    )
    out.with_suffix(".md").write_text(head + "\n".join(rows) + "\n", encoding="utf-8")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--dossier", type=Path, default=DEFAULT_DOSSIER)
    parser.add_argument("--label", help="tag for the result file names")
    args = parser.parse_args()
    load_start = load_average()
    times, cpu = measure(args.runs, args.dossier.resolve())
    result = {
        "meta": {
            "runs": args.runs,
            "dossier": str(args.dossier),
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_start": load_start,
            "load_end": load_average(),
        },
        "summary": summary(times, cpu),
        "times_s": {k: [round(v, 4) for v in vs] for k, vs in times.items()},
        "cpu_s": {k: [round(v, 4) for v in vs] for k, vs in cpu.items()},
    }
    for name, s in result["summary"].items():
        print(
            f"{name:8} median {s['median_s'] * 1000:7.0f} ms   beyond start {s['beyond_start_s'] * 1000:7.0f} ms"
            f"   CPU {s['cpu_median_s'] * 1000:7.0f} ms   CPU beyond start {s['cpu_beyond_start_s'] * 1000:7.0f} ms"
        )
    print(f"written: {write(result, args.label)}.{{json,md}}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
