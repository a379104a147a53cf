"""Benchmark: the national policy sweep against a plain read of the same rows.

Usage (from the repository root, with the project's venv)::

    EGOVNET_DATA_DIR=/tmp/egovnet-bench .venv/bin/python benchmarks/sweep.py [--seed 1] [--repeat 3]
    DATABASE_URL=postgresql://… .venv/bin/python benchmarks/sweep.py

It migrates the database, generates the national dataset if absent (``egovnet generate --scale national
--seed N``), then in the same process:

1. **raw read** — iterates ``values_list`` (Django's usual read, converters included) over the same tables
   and columns the sweep's subject sources read (live systems with their owner's columns and the coverage
   levels as text, organisations, networks, systems' carrying networks, divisions, connections, deviations), no
   evaluation, no writes; measured with the cyclic garbage collector on and paused (the sweep pauses it),
   and the faster of the two is the baseline;
2. **sweep** — ``run_sweep`` (read, evaluate every registry rule, replace the stored findings in one
   transaction, audit once), ``--repeat`` times, with its own read / evaluate / write / delete split.

Raw read and sweep are measured as ``--repeat`` back-to-back pairs, so both meet the same machine load (the
shared 2-core machine swings ±20 % within minutes); the best, median and worst ratio sweep / raw read
(target ≤ 3) are written to ``benchmarks/results/sweep-*.{json,md}``.
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

from _common import national_dataset  # noqa: E402


def setup_database(seed: int) -> None:
    national_dataset(seed, divisions=True)


def raw_read() -> tuple[float, dict[str, int]]:
    """Plain iteration over the same rows and columns the sources read (no annotations, no evaluation)."""
    from egovnet.geo.models import Division
    from egovnet.networks.models import Connection, Network
    from egovnet.orgs.models import Organisation
    from egovnet.policy.models import PolicyDeviation
    from egovnet.systems.fact_source import SystemSource
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
        # the organisation source reads the departments' connections (R-3.2)
        "connections": Connection.objects.values_list(
            "organisation_id", "platform_id", "connected_on", "disconnected_on"
        ),
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


def best_raw_read() -> tuple[float, float, float, dict[str, int]]:
    """The raw read with the cyclic collector on and paused (the sweep pauses it): the faster counts."""
    read_gc_s, rows = raw_read()
    gc.disable()
    try:
        read_nogc_s, _rows = raw_read()
    finally:
        gc.enable()
    return min(read_gc_s, read_nogc_s), read_gc_s, read_nogc_s, rows


def _median(values: list[float]) -> float:
    n = len(values)
    return values[n // 2] if n % 2 else (values[n // 2 - 1] + values[n // 2]) / 2


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5, help="raw read + sweep pairs (best, median, worst ratio)")
    parser.add_argument("--batch-size", type=int, default=5000)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    setup_database(args.seed)

    from django.db import connection

    from egovnet.core.services import system_actor
    from egovnet.policy.sweep import run_sweep

    actor = system_actor()
    raw_read()  # warm the page cache first, then measure
    pairs = []  # (raw read, sweep wall, run): measured back to back, so both meet the same machine load
    for _ in range(args.repeat):
        read_s, read_gc_s, read_nogc_s, rows = best_raw_read()
        started = time.perf_counter()
        run = run_sweep(actor=actor, batch_size=args.batch_size)
        wall = time.perf_counter() - started
        pairs.append((read_s, wall, run))
        print(
            f"raw read {read_s:.2f} s (collector on {read_gc_s:.2f}, paused {read_nogc_s:.2f}) · sweep #{run.pk} "
            f"{wall:.2f} s · ratio {wall / read_s:.2f} · {run.subjects} subjects, {run.findings} findings, "
            f"{run.timings}",
            flush=True,
        )
    ratios = sorted(w / r for r, w, _ in pairs)
    median_ratio = _median(ratios)
    read_s, wall, run = min(pairs, key=lambda p: p[1] / p[0])
    evaluate_only = run.timings["read"] + run.timings["evaluate"]
    result = {
        "benchmark": "sweep",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "batch_size": args.batch_size,
        "rows_read": rows,
        "pairs": [
            {"raw_read_s": round(r, 3), "sweep_s": round(w, 3), "ratio": round(w / r, 2), "timings": x.timings}
            for r, w, x in pairs
        ],
        "raw_read_s": round(read_s, 3),
        "sweep_s": round(wall, 3),
        "sweep_timings_s": run.timings,
        "subjects": run.subjects,
        "findings": run.findings,
        "ratio_sweep_to_read": round(ratios[0], 2),
        "ratio_median": round(median_ratio, 2),
        "ratio_worst": round(ratios[-1], 2),
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
        "Each pair is a raw read (values_list over the same rows; the faster of collector on / paused) and a "
        "sweep (read + evaluate + delete + write + audit, one transaction) measured back to back.",
        "",
        "| pair | raw read (s) | sweep (s) | ratio | sweep read / evaluate / write / delete (s) |",
        "|---|---|---|---|---|",
        *[
            f"| {i} | {r:.2f} | {w:.2f} | {w / r:.2f} | {x.timings['read']} / {x.timings['evaluate']} / "
            f"{x.timings['write']} / {x.timings['delete']} |"
            for i, (r, w, x) in enumerate(pairs, 1)
        ],
        "",
        f"Ratio sweep / raw read: **{result['ratio_sweep_to_read']}** best, **{result['ratio_median']}** median, "
        f"{result['ratio_worst']} worst (target ≤ 3); read + evaluate only / raw read (best pair): "
        f"{result['ratio_read_and_evaluate_to_read']}.",
        f"Subjects {run.subjects}, findings stored {run.findings}.",
    ]
    (out / f"{stem}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
