#!/usr/bin/env python3
"""Benchmark: every registry list page and API list endpoint at national scale.

Usage (from the repository root, with the project's venv)::

    EGOVNET_DATA_DIR=/tmp/egovnet-bench .venv/bin/python benchmarks/registry_lists.py [--requests 20]
    DATABASE_URL=postgresql://… .venv/bin/python benchmarks/registry_lists.py

It migrates the database, generates the national dataset if it is absent (``egovnet generate --scale
national --seed 2026``), creates three benchmark users (national admin, 广东省 DRC reviewer, the staff of
one ministry), discovers the list URLs that exist (missing ones are skipped with a note), and measures
each in-process with Django's test ``Client``: p50/p95 latency over N requests and SQL queries per
request, for the first page, a deep page, a filter, a search, and page_size 10 vs 200. Results go to
``benchmarks/results/`` as JSON and as a Markdown table.
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

from _common import ensure_users, git_head, logged_in_client, measure, national_dataset  # noqa: E402

# UI list pages (URL names) and API list endpoints (paths) expected in issue 2, with a filter for each.
UI_PAGES = {
    "orgs:organisation_list": "level=county",
    "networks:network_list": "family=dedicated",
    "systems:system_list": "mlps_level=3",
    "geo:division_list": "level=county",
}
API_LISTS = {
    "/api/orgs/organisations/": "level=county",
    "/api/networks/networks/": "family=dedicated",
    "/api/systems/systems/": "mlps_level=3",
    "/api/geo/divisions/": "level=county",
}
SEARCH = "q=教育"
USERS = ("bench_admin", "bench_gd_drc", "bench_ministry_staff")


def setup_database(seed: int) -> None:
    national_dataset(seed)


def bench_users() -> dict:
    """Three readers: admin (national), 广东省 DRC reviewer (division scope), one ministry's staff (org scope)."""
    from django.db.models import Count

    from egovnet.core.choices import Clearance, Role
    from egovnet.geo.models import Division
    from egovnet.orgs.choices import Level
    from egovnet.orgs.models import Organisation

    ministry = (
        Organisation.objects.filter(level=Level.CENTRAL, parent__isnull=True, name__endswith="部")
        .annotate(n=Count("children"))
        .order_by("-n", "id")
        .first()
    )
    users = ensure_users(
        {
            "bench_admin": (Role.ADMIN, None, None, Clearance.JIMI, True),
            "bench_gd_drc": (Role.DRC_REVIEWER, None, Division.objects.get(code="440000"), Clearance.MIMI, False),
            "bench_ministry_staff": (Role.DEPARTMENT_STAFF, ministry, None, Clearance.NONE, False),
        }
    )
    scope = f"{ministry.name} subtree ({Organisation.objects.filter(path__startswith=ministry.path).count()} orgs)"
    print(f"users: bench_admin (national, superuser), bench_gd_drc (440000 广东省), bench_ministry_staff ({scope})")
    return users


def discover() -> tuple[list[tuple[str, str, str]], list[str]]:
    """(kind, label, url) of the list endpoints that exist, and notes for the missing ones."""
    from django.urls import NoReverseMatch, Resolver404, resolve, reverse

    found, notes = [], []
    for name, flt in UI_PAGES.items():
        try:
            found.append(("ui", name, reverse(name), flt))
        except NoReverseMatch:
            notes.append(f"skipped UI page {name}: not on this branch yet")
    for path, flt in API_LISTS.items():
        try:
            resolve(path)
            found.append(("api", path, path, flt))
        except Resolver404:
            notes.append(f"skipped API list {path}: not on this branch yet")
    found += [("api", p, p, "") for p in _other_api_lists() if p not in API_LISTS]
    return found, notes


def _other_api_lists() -> list[str]:
    """Any further DRF ``*-list`` route under /api/ (endpoints added after this script was written)."""
    from django.urls import URLPattern, URLResolver, get_resolver

    out: list[str] = []

    def walk(patterns, prefix: str) -> None:
        for p in patterns:
            route = str(p.pattern).lstrip("^").rstrip("$")
            if isinstance(p, URLResolver):
                walk(p.url_patterns, prefix + route)
            elif isinstance(p, URLPattern) and (p.name or "").endswith("-list") and "(?P<" not in route:
                full = "/" + prefix + route
                if full.startswith("/api/") and "<" not in full:
                    out.append(full)

    walk(get_resolver().url_patterns, "")
    return sorted(set(out))


def scenarios(url: str, flt: str) -> list[tuple[str, str]]:
    sep = "&" if "?" in url else "?"
    out = [("first page", url), ("deep page 1000", f"{url}{sep}page=1000")]
    if flt:
        out.append((f"filter {flt}", f"{url}{sep}{flt}"))
    out += [
        (f"search {SEARCH}", f"{url}{sep}{SEARCH}"),
        ("page_size=10", f"{url}{sep}page_size=10"),
        ("page_size=200", f"{url}{sep}page_size=200"),
    ]
    return out


def run(n: int, budget: float) -> tuple[list[dict], list[str]]:
    users = bench_users()
    endpoints, notes = discover()
    for note in notes:
        print(f"note: {note}")
    gc.collect()
    gc.freeze()  # as the server does after warm-up (architecture.md)
    results = []
    for kind, label, url, flt in endpoints:
        for username in USERS:
            client = logged_in_client(users[username])
            for scenario, target in scenarios(url, flt):
                row = measure(client, target, n, budget)
                if scenario.startswith("deep") and row["status"] == 404:  # API: fewer pages than 1000 in scope
                    scenario, target = "deep page last", target.replace("page=1000", "page=last")
                    row = measure(client, target, n, budget)
                row.update(kind=kind, endpoint=label, user=username, scenario=scenario, url=target)
                results.append(row)
                print(f"{kind:3} {label:32} {username:21} {scenario:22} {row['status']} "
                      f"q={row['queries']:<3} p50={row['p50_ms']:7.1f} ms p95={row['p95_ms']:7.1f} ms", flush=True)  # fmt: skip
    return results, notes


def page_size_check(results: list[dict]) -> list[str]:
    """Endpoints whose query count differs between page_size 10 and 200 (it must not grow)."""
    grown = []
    by_key = {(r["endpoint"], r["user"], r["scenario"]): r for r in results}
    for endpoint, user, scenario in by_key:
        if scenario == "page_size=10":
            small, big = by_key[(endpoint, user, scenario)], by_key.get((endpoint, user, "page_size=200"))
            if big and big["queries"] > small["queries"]:
                grown.append(f"{endpoint} as {user}: {small['queries']} → {big['queries']} queries")
    return grown


def write(results: list[dict], notes: list[str], n: int, seconds: float, label: str) -> Path:
    from django.db import connection

    from egovnet.orgs.models import Organisation
    from egovnet.systems.models import ApplicationSystem

    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    meta = {
        "benchmark": "registry_lists",
        "at": stamp,
        "label": label,
        "code": git_head(ROOT),
        "database": connection.vendor,
        "organisations": Organisation.objects.count(),
        "systems": ApplicationSystem.objects.count(),
        "requests_per_measure": n,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "notes": notes,
        "page_size_query_growth": page_size_check(results),
        "runtime_s": round(seconds, 1),
    }
    base = out_dir / f"registry_lists-{connection.vendor}-{label + '-' if label else ''}{stamp}"
    base.with_suffix(".json").write_text(json.dumps({"meta": meta, "results": results}, ensure_ascii=False, indent=1))
    lines = [
        f"# registry_lists — {connection.vendor}, {meta['organisations']:,} organisations, "
        f"{meta['systems']:,} systems ({stamp})",
        "",
        f"Code: `{meta['code']}`{' — ' + label if label else ''}. Machine: {meta['machine']} (load average "
        f"{meta['load_average_at_end'][1]} over the last 5 min at the end), Python {meta['python']}.",
        "",
        f"Up to {n} timed requests per row (n; fewer, at least 5, once a row has used its --budget), in-process Django"
        " test Client; queries counted on the first (warm-up) request.",
        "",
        *[f"- note: {x}" for x in notes],
        *[f"- QUERIES GROW WITH PAGE SIZE: {x}" for x in meta["page_size_query_growth"]],
        "",
        "| kind | endpoint | user | scenario | status | queries | n | p50 ms | p95 ms |",
        "|---|---|---|---|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['kind']} | {r['endpoint']} | {r['user']} | {r['scenario']} | {r['status']} | {r['queries']} | {r['n']} "
        f"| {r['p50_ms']} | {r['p95_ms']} |"
        for r in results
    ]
    base.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per measurement (default 20)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed if the dataset is absent")
    parser.add_argument("--budget", type=float, default=30.0, help="seconds per measurement (min. 5 requests)")
    parser.add_argument("--label", default="", help="tag for the result files (e.g. the branch measured)")
    args = parser.parse_args()
    started = time.perf_counter()
    setup_database(args.seed)
    import logging

    logging.getLogger("django.request").setLevel(logging.ERROR)  # 404s of deep pages are expected
    results, notes = run(args.requests, args.budget)
    if not results:
        print("no list endpoint exists on this branch yet: nothing measured")
    base = write(results, notes, args.requests, time.perf_counter() - started, args.label)
    grown = page_size_check(results)
    print(f"\nresults: {base}.json / .md")
    print("queries grow with page size: " + ("; ".join(grown) if grown else "no (flat for every endpoint)"))
    return 1 if grown else 0


if __name__ == "__main__":
    sys.exit(main())
