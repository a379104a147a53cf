"""Benchmark: article-6 capacity routing of the national dataset, from scratch and after one edit.

    EGOVNET_DATA_DIR=/tmp/egovnet-bench-capacity python benchmarks/capacity_routing.py [--repeat 5] [--label …]
    DATABASE_URL=postgresql://… python benchmarks/capacity_routing.py

Migrates, generates the national dataset if absent (``egovnet generate --scale national --seed 1``: 100,000
organisations, 200,000 systems, ~84,000 connections) and, when no extranet link exists yet, loads the demo
topology (backbone, 31 provinces, ~2.9k prefecture and county platforms and their links), then measures in one
run, each ``--repeat`` times (median and best):

1. **raw read**: a bare cursor over the rows routing reads (extranet applications with their owner's level,
   division and coverage, networks, links, connections) — the floor any implementation pays;
2. **from scratch**: ``capacity_report(None)`` with the routed cache cleared (the cost after a restart): the
   routing plus the report (every link with its utilisation, the five heaviest applications on every hot link
   and their names — on this dataset every link is hot, so that is ~16,000 names);
3. **unchanged**: ``capacity_report(None)`` again, nothing edited;
4. **after one application edit**: ``system_update`` of one extranet application's bandwidth (a different
   one each time, through the service, audited), then ``capacity_report(None)``; the edit is undone after
   (and the routing alone is timed after that second edit: ``route_app_edit``);
5. **after one link edit**: ``link_update`` of one link's capacity, then ``capacity_report(None)``;
6. **routing only from scratch** (``route_scratch``): the routed state without the report;

and checks that the report after the edits equals the report routed from scratch. Works on any commit that
has ``capacity_report`` (the cache is cleared through whichever module holds it), so the same script measures
before and after. Writes ``benchmarks/results/capacity_routing-<vendor>-[<label>-]<UTC>.{json,md}``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("EGOVNET_MODE", "dev")
os.environ.setdefault("EGOVNET_DATA_DIR", "/tmp/egovnet-bench-capacity")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")

from _common import national_dataset  # noqa: E402


def setup_database(seed: int) -> None:
    national_dataset(seed, divisions=True, timed=False)
    from egovnet.networks.demo_topology import load_demo_topology
    from egovnet.networks.models import NetworkLink

    if not NetworkLink.objects.filter(a__family="extranet").exists():
        started = time.perf_counter()
        load_demo_topology(bench_user())
        print(f"demo topology loaded in {time.perf_counter() - started:.1f} s", flush=True)


def bench_user():
    """A superuser for the edits (the services authorise and audit them)."""
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return model.objects.filter(username="bench").first() or model.objects.create_superuser("bench", "", "bench")


def raw_read() -> int:
    from django.db import connection

    n = 0
    with connection.cursor() as cur:
        cur.execute(
            "SELECT s.id, s.owner_id, o.level, o.division_id, s.coverage_levels, s.bandwidth_mbps "
            "FROM systems_applicationsystem s JOIN orgs_organisation o ON o.id = s.owner_id "
            "WHERE s.target_network = 'extranet' AND s.status <> 'retired'"
        )
        while rows := cur.fetchmany(5000):
            n += len(rows)
        for sql in (
            "SELECT id, name, kind, level, division_id FROM networks_network WHERE family = 'extranet'",
            "SELECT id, a_id, b_id, capacity_mbps FROM networks_networklink",
            "SELECT organisation_id, platform_id FROM networks_connection",
        ):
            cur.execute(sql)
            cur.fetchall()
    return n


def clear_cache() -> None:
    """Forget the routed state, whichever module holds it on this commit."""
    try:
        from egovnet.networks.planning import current
    except ImportError:
        from egovnet.networks.planning import hotspots

        hotspots._ROUTED.clear()
    else:
        current.clear()


def routing_only() -> object:
    """The routed state without the report (summary, heaviest applications, names)."""
    try:
        from egovnet.networks.planning import current
    except ImportError:
        from egovnet.networks.planning import hotspots

        return hotspots._routed(False)
    return current.routed_state(False)


def timed(fn) -> tuple[float, object]:
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def figures(report: dict) -> dict:
    """What must agree between an incremental and a from-scratch report."""
    keys = ("systems_routed", "systems_unroutable", "systems_without_bandwidth", "oversubscribed")
    return {
        "links": {r["link"]: (r["demand_mbps"], r["capacity_mbps"], r["top_systems"]) for r in report["links"]},
        **{k: report.get(k) for k in keys},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    setup_database(args.seed)

    from django.db import connection

    from egovnet.networks.models import NetworkLink
    from egovnet.networks.planning.hotspots import capacity_report
    from egovnet.networks.planning.topology import link_update
    from egovnet.systems.models import ApplicationSystem
    from egovnet.systems.services import system_update

    actor = bench_user()
    raw_read()  # warm the page cache
    steps = ("raw", "scratch", "unchanged", "app_edit", "link_edit", "route_scratch", "route_app_edit")
    runs: dict[str, list[float]] = {k: [] for k in steps}
    candidates = list(
        ApplicationSystem.objects.filter(target_network="extranet", bandwidth_mbps__isnull=False)
        .exclude(status="retired")
        .exclude(coverage_levels=[])
        .order_by("id")
        .values_list("id", flat=True)[: 50 * args.repeat : 50]
    )
    link = NetworkLink.objects.filter(a__family="extranet", capacity_mbps__isnull=False).order_by("id").first()
    rows = 0
    for i in range(args.repeat):
        t, rows = timed(raw_read)
        runs["raw"].append(t)
        clear_cache()
        runs["scratch"].append(timed(lambda: capacity_report(None))[0])
        runs["unchanged"].append(timed(lambda: capacity_report(None))[0])
        system = ApplicationSystem.objects.get(pk=candidates[i])
        original = system.bandwidth_mbps
        system_update(actor=actor, system=system, expected_version=system.version, bandwidth_mbps=original + 7)
        runs["app_edit"].append(timed(lambda: capacity_report(None))[0])
        system.refresh_from_db()
        system_update(actor=actor, system=system, expected_version=system.version, bandwidth_mbps=original)
        runs["route_app_edit"].append(timed(routing_only)[0])
        clear_cache()
        runs["route_scratch"].append(timed(routing_only)[0])
        capacity_report(None)
        link.refresh_from_db()
        cap = link.capacity_mbps
        link_update(actor=actor, link=link, expected_version=link.version, capacity_mbps=cap + 1)
        runs["link_edit"].append(timed(lambda: capacity_report(None))[0])
        link.refresh_from_db()
        link_update(actor=actor, link=link, expected_version=link.version, capacity_mbps=cap)
        print(
            f"pass {i + 1}: raw {runs['raw'][-1] * 1000:.0f} ms · scratch {runs['scratch'][-1] * 1000:.0f} ms · "
            f"unchanged {runs['unchanged'][-1] * 1000:.0f} ms · app edit {runs['app_edit'][-1] * 1000:.0f} ms · "
            f"link edit {runs['link_edit'][-1] * 1000:.0f} ms · routing only: scratch "
            f"{runs['route_scratch'][-1] * 1000:.0f} ms, after an edit {runs['route_app_edit'][-1] * 1000:.0f} ms",
            flush=True,
        )
    # one more edit of coverage (the application changes group), then compare with a from-scratch report
    system = ApplicationSystem.objects.get(pk=candidates[0])
    levels = list(system.coverage_levels)
    system_update(actor=actor, system=system, expected_version=system.version, coverage_levels=levels[:1])
    incremental = capacity_report(None)
    clear_cache()
    consistent = figures(incremental) == figures(capacity_report(None))
    system.refresh_from_db()
    system_update(actor=actor, system=system, expected_version=system.version, coverage_levels=levels)

    med = {k: statistics.median(v) for k, v in runs.items()}
    best = {k: min(v) for k, v in runs.items()}
    report = capacity_report(None)
    result = {
        "benchmark": "capacity_routing",
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "vendor": connection.vendor,
        "label": args.label,
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
            "platform": platform.platform(),
        },
        "applications_read": rows,
        "links": len(report["links"]),
        "systems_routed": report["systems_routed"],
        "oversubscribed": len(report["oversubscribed"]),
        "runs_s": {k: [round(x, 4) for x in v] for k, v in runs.items()},
        "median_ms": {k: round(v * 1000, 1) for k, v in med.items()},
        "best_ms": {k: round(v * 1000, 1) for k, v in best.items()},
        "median_ratio_to_raw": {k: round(v / med["raw"], 2) for k, v in med.items()},
        "incremental_equals_scratch": consistent,
        "targets_ms": {"scratch": 2000, "app_edit": 100},
    }
    out = ROOT / "benchmarks" / "results"
    out.mkdir(parents=True, exist_ok=True)
    stem = f"capacity_routing-{connection.vendor}-{args.label + '-' if args.label else ''}"
    stem += f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}"
    (out / f"{stem}.json").write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    md = [
        f"# Capacity routing benchmark ({connection.vendor}, {result['when']}{', ' + args.label if args.label else ''})",
        "",
        f"{rows} extranet applications, {result['links']} links, {result['systems_routed']} routed, "
        f"{result['oversubscribed']} over-subscribed; load average at the end {result['machine']['load_average']}.",
        "",
        "| step | median ms | best ms | median / raw read |",
        "|---|---|---|---|",
        *[
            f"| {k} | {result['median_ms'][k]} | {result['best_ms'][k]} | {result['median_ratio_to_raw'][k]} |"
            for k in runs
        ],
        "",
        f"Report after the edits equals the report routed from scratch: **{consistent}**.",
    ]
    (out / f"{stem}.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))
    return 0 if consistent else 1


if __name__ == "__main__":
    raise SystemExit(main())
