"""Benchmark: the national policy sweep against a plain read of the same rows.

Usage (from the repository root, with the project's venv)::

    EGOVNET_DATA_DIR=/tmp/egovnet-bench .venv/bin/python benchmarks/sweep.py [--seed 1] [--repeat 3]
    DATABASE_URL=postgresql://… .venv/bin/python benchmarks/sweep.py

It migrates the database, generates the national dataset if absent (``egovnet generate --scale national
--seed N``), then in the same process:

1. **raw read** — iterates ``values_list`` (Django's usual read, converters included) over the same tables
   and columns the sweep's subject sources read (live systems with their owner's columns and the coverage
   levels as text, organisations, networks, systems' carrying networks, divisions, deviations), no
   evaluation, no writes; measured with the cyclic garbage collector on and paused (the sweep pauses it),
   and the faster of the two is the baseline;
2. **sweep** — ``run_sweep`` (read, evaluate every registry rule, replace the stored findings in one
   transaction, audit once), ``--repeat`` times, with its own read / evaluate / write / delete split.

The ratio sweep / raw read (target ≤ 3, for the best and the median sweep) is written to
``benchmarks/results/sweep-*.{json,md}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("EGOVNET_MODE", "dev")
os.environ.setdefault("EGOVNET_DATA_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")


def setup_database(seed: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from egovnet.core.generate import EVENT_TYPE
    from egovnet.core.models import AuditEntry
    from egovnet.geo.models import Division

    call_command("migrate", interactive=False, verbosity=0)
    if not Division.objects.exists():
        call_command("load-divisions")
    if not AuditEntry.objects.filter(object_type=EVENT_TYPE).exists():
        print(f"generating the national dataset (seed {seed}) …", flush=True)
        started = time.perf_counter()
        call_command("generate", "--scale", "national", "--seed", str(seed))
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)


def raw_read() -> tuple[float, dict[str, int]]:
    """Plain iteration over the same rows and columns the sources read (no annotations, no evaluation)."""
    from egovnet.geo.models import Division
    from egovnet.networks.models import Network
    from egovnet.orgs.models import Organisation
    from egovnet.policy.db_facts import SystemSource
    from egovnet.policy.models import PolicyDeviation
    from egovnet.systems.models import ApplicationSystem

    reads = {
        # the system source's own queryset and columns (coverage levels as JSON text, owner joined)
        "systems": SystemSource().queryset().values_list(*SystemSource.fields),
        "organisations": Organisation.objects.values_list("id", "name", "division_id"),
        "networks": Network.objects.values_list(
            "id",
            "name",
            "family",
            "level",
            "kind",
            "owner_id",
            "owner__name",
            "division_id",
            "status",
            "established_on",
            "annual_om_cost_10k_yuan",
            "attestation_ref",
        ),
        "carried": ApplicationSystem.objects.filter(current_dedicated_network__isnull=False).values_list(
            "current_dedicated_network_id", "is_classified"
        ),
        "divisions": Division.objects.values_list("code", "level", "province_code", "name"),
        "deviations": PolicyDeviation.objects.values_list("rule", "subject_id", "reason", "expires", "approver_id"),
    }
    rows: dict[str, int] = {}
    started = time.perf_counter()
    for name, qs in reads.items():
        n = 0
        for _row in qs.order_by().iterator(chunk_size=5000):
            n += 1
        rows[name] = n
    return time.perf_counter() - started, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="sweeps to run (best and median are reported)")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    setup_database(args.seed)

    from django.db import connection

    from egovnet.core.services import system_actor
    from egovnet.policy.sweep import run_sweep

    actor = system_actor()
    raw_read()  # warm the page cache first, then measure
    read_gc_s, rows = raw_read()
    # the sweep pauses the cyclic garbage collector; the raw read gets the same chance (the faster one counts)
    gc.disable()
    try:
        read_nogc_s, _rows = raw_read()
    finally:
        gc.enable()
    read_s = min(read_gc_s, read_nogc_s)
    print(f"raw read: {read_s:.2f} s (collector on {read_gc_s:.2f} s, paused {read_nogc_s:.2f} s) {rows}", flush=True)
    runs = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        run = run_sweep(actor=actor, batch_size=args.batch_size)
        wall = time.perf_counter() - started
        runs.append((wall, run))
        print(f"sweep #{run.pk}: {wall:.2f} s, {run.subjects} subjects, {run.findings} findings, {run.timings}")
    wall, run = min(runs, key=lambda r: r[0])
    walls = sorted(w for w, _ in runs)
    median = walls[len(walls) // 2] if len(walls) % 2 else (walls[len(walls) // 2 - 1] + walls[len(walls) // 2]) / 2
    evaluate_only = run.timings["read"] + run.timings["evaluate"]
    result = {
        "benchmark": "sweep",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "batch_size": args.batch_size,
        "rows_read": rows,
        "raw_read_s": round(read_s, 3),
        "raw_read_collector_on_s": round(read_gc_s, 3),
        "raw_read_collector_paused_s": round(read_nogc_s, 3),
        "sweep_s": round(wall, 3),
        "sweep_runs_s": [round(w, 3) for w in walls],
        "sweep_median_s": round(median, 3),
        "ratio_median_sweep_to_read": round(median / read_s, 2),
        "sweep_timings_s": run.timings,
        "subjects": run.subjects,
        "findings": run.findings,
        "ratio_sweep_to_read": round(wall / read_s, 2),
        "ratio_read_and_evaluate_to_read": round(evaluate_only / read_s, 2),
        "target_ratio": 3.0,
        "counts_by_article": run.counts.get("by_article"),
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"sweep-{connection.vendor}-{args.label + '-' if args.label else ''}{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}"
    (out / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    md = [
        f"# Sweep benchmark ({connection.vendor}, {result['when']})",
        "",
        f"Rows read: {rows}",
        "",
        "| measure | seconds |",
        "|---|---|",
        f"| raw read (values_list over the same rows; faster of collector on {read_gc_s:.2f} / paused "
        f"{read_nogc_s:.2f}) | {read_s:.2f} |",
        f"| sweep total, best of {len(walls)} (read + evaluate + delete + write + audit, one transaction) | {wall:.2f} |",
        f"| sweep total, median of {len(walls)} | {median:.2f} |",
        *[f"| — sweep {k} | {v} |" for k, v in run.timings.items()],
        "",
        f"Ratio sweep / raw read: **{result['ratio_sweep_to_read']}** best, {result['ratio_median_sweep_to_read']} "
        "median (target ≤ 3); "
        f"read + evaluate only / raw read: {result['ratio_read_and_evaluate_to_read']}.",
        f"Subjects {run.subjects}, findings stored {run.findings}.",
    ]
    (out / f"{stem}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
