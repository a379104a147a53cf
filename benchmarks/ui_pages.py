#!/usr/bin/env python3
"""Benchmark: every UI page people wait on, at national scale, as admin and as a provincial user.

Usage (from the repository root, with the project's venv)::

    EGOVNET_DATA_DIR=/tmp/egovnet-bench .venv/bin/python benchmarks/ui_pages.py [--requests 20] [--label before]
    DATABASE_URL=postgresql://… .venv/bin/python benchmarks/ui_pages.py

It migrates the database, generates the national dataset if it is absent (``egovnet generate --scale
national --seed 2026``), loads the demo on top of it (projects, migration plans, O&M lines, inboxes: the
generator makes none), creates two readers (``bench_admin``: superuser, national; ``bench_gd_drc``: DRC
reviewer scoped to 440000 广东省, clearance 秘密) and measures each page in-process with Django's test
``Client``: queries of one request, then p50/p95 over N requests (``gc.freeze()`` after warm-up, as the
server does). Pages missing on this branch are skipped with a note. With ``--summaries`` it first rebuilds
the summary tables (``egovnet summaries --rebuild``) where the command exists. Results go to
``benchmarks/results/ui_pages-<vendor>-[<label>-]<UTC>.{json,md}``.
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
os.environ.setdefault("EGOVNET_SCHEDULE_OFF", "1")

from _common import ensure_users, git_head, logged_in_client, measure, national_dataset  # noqa: E402

USERS = ("bench_admin", "bench_gd_drc")
PROVINCE = "440000"
# (label, URL name, kind of object for a detail page or None); role home pages are measured where they exist.
PAGES = [
    ("dashboard /", "home", None),
    ("role home", "core:role_home", None),
    ("orgs list", "orgs:organisation_list", None),
    ("org detail", "orgs:organisation_detail", "org"),
    ("networks list", "networks:network_list", None),
    ("network detail", "networks:network_detail", "network"),
    ("systems list", "systems:system_list", None),
    ("system detail", "systems:system_detail", "system"),
    ("project list", "projects:project_list", None),
    ("project page", "projects:project_detail", "project"),
    ("inbox", "tasks:inbox", None),
    ("/reports/", "reports:dashboard", None),
    ("/reports/capacity/", "reports:capacity", None),
    ("migration progress", "migration:dashboard", None),
    ("migration plans", "migration:plan_list", None),
    ("overdue items", "migration:overdue", None),
    ("departments without plan", "migration:departments_without_plan", None),
    ("O&M proposals", "migration:proposal_list", None),
    ("O&M proposal", "migration:proposal_detail", "proposal"),
    ("O&M budget lines", "migration:budget_list", None),
    ("O&M new networks", "migration:new_networks", None),
]


def setup_database(seed: int, summaries: bool) -> None:
    national_dataset(seed)
    from django.core.management import call_command, get_commands

    from egovnet.demo.loader import demo_present, load_demo

    if not demo_present():
        started = time.perf_counter()
        load_demo()
        print(f"demo loaded on top in {time.perf_counter() - started:.1f} s", flush=True)
    if summaries and "summaries" in get_commands():
        started = time.perf_counter()
        call_command("summaries", "--rebuild")
        print(f"summaries rebuilt in {time.perf_counter() - started:.1f} s", flush=True)


def bench_users() -> dict:
    from egovnet.core.choices import Clearance, Role
    from egovnet.geo.models import Division

    return ensure_users(
        {
            "bench_admin": (Role.ADMIN, None, None, Clearance.JIMI, True),
            "bench_gd_drc": (Role.DRC_REVIEWER, None, Division.objects.get(code=PROVINCE), Clearance.MIMI, False),
        }
    )


def detail_objects(user) -> dict:
    """One object per detail page that ``user`` may open: inside 广东省 for the registries (the same object for
    both readers: the organisation with the most systems), the first project / O&M proposal in the user's scope."""
    from django.db.models import Count

    from egovnet.core import permissions
    from egovnet.networks.models import Network
    from egovnet.orgs.models import Organisation
    from egovnet.systems.models import ApplicationSystem

    prefix = PROVINCE[:2]
    out: dict = {}
    org = (
        Organisation.objects.filter(division__code__startswith=prefix)
        .exclude(level="central")
        .annotate(n=Count("systems"))
        .order_by("-n", "pk")
        .first()
    )
    out["org"] = org.pk if org else None
    net = Network.objects.filter(owner__division__code__startswith=prefix).exclude(owner__level="central")
    out["network"] = net.order_by("pk").values_list("pk", flat=True).first()
    system = ApplicationSystem.objects.filter(owner=org) if org else ApplicationSystem.objects.none()
    out["system"] = system.order_by("pk").values_list("pk", flat=True).first()
    for kind, module, name in (("project", "egovnet.projects.models", "Project"),
                               ("proposal", "egovnet.migration.models", "OmProposal")):  # fmt: skip
        try:
            model = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError):
            out[kind] = None
            continue
        visible = permissions.restrict(model.objects.all(), user, "view")
        out[kind] = visible.order_by("pk").values_list("pk", flat=True).first()
    return out


def discover(objects: dict[str, dict]) -> tuple[list[tuple[str, dict[str, str]]], list[str]]:
    """(label, {user: url}) of the pages that exist; a detail page without an object for a user is skipped for
    that user only."""
    from django.urls import NoReverseMatch, reverse

    found, notes = [], []
    for label, name, kind in PAGES:
        urls = {}
        for username, objs in objects.items():
            if kind and objs.get(kind) is None:
                notes.append(f"skipped {label} for {username}: no {kind} in the user's scope")
                continue
            try:
                urls[username] = reverse(name, args=[objs[kind]] if kind else [])
            except NoReverseMatch:
                notes.append(f"skipped {label} ({name}): not on this branch")
                break
        else:
            found.append((label, urls))
    return found, notes


def profile(client, url: str, top: int = 25) -> str:
    """cProfile of one request of ``url``: the functions with the most cumulative time."""
    import cProfile
    import io
    import pstats

    prof = cProfile.Profile()
    prof.enable()
    client.get(url)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


def run(n: int, budget: float, only: list[str]) -> tuple[list[dict], list[str]]:
    users = bench_users()
    pages, notes = discover({name: detail_objects(user) for name, user in users.items()})
    if only:
        pages = [p for p in pages if any(o in p[0] for o in only)]
    for note in notes:
        print(f"note: {note}")
    clients = {username: logged_in_client(users[username]) for username in USERS}
    gc.collect()
    gc.freeze()
    results = []
    for label, urls in pages:
        for username, url in urls.items():
            row = measure(clients[username], url, n, budget)
            row.update(page=label, user=username, url=url)
            results.append(row)
            print(f"{label:26} {username:13} {row['status']} q={row['queries']:<4} "
                  f"p50={row['p50_ms']:8.1f} ms p95={row['p95_ms']:8.1f} ms", flush=True)  # fmt: skip
    return results, notes


def write(results: list[dict], notes: list[str], n: int, seconds: float, label: str, prof: dict) -> Path:
    from django.db import connection

    from egovnet.orgs.models import Organisation
    from egovnet.systems.models import ApplicationSystem

    out_dir = ROOT / "benchmarks" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    counts = {"organisations": Organisation.objects.count(), "systems": ApplicationSystem.objects.count()}
    try:
        from egovnet.migration.models import MigrationItem

        counts["migration_items"] = MigrationItem.objects.count()
    except ImportError:
        pass
    meta = {
        "benchmark": "ui_pages",
        "at": stamp,
        "label": label,
        "code": git_head(ROOT),
        "database": connection.vendor,
        **counts,
        "requests_per_measure": n,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs (shared with other engineers' work)",
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "notes": notes,
        "runtime_s": round(seconds, 1),
    }
    base = out_dir / f"ui_pages-{connection.vendor}-{label + '-' if label else ''}{stamp}"
    payload = {"meta": meta, "results": results, "profiles": prof}
    base.with_suffix(".json").write_text(json.dumps(payload, ensure_ascii=False, indent=1))
    lines = [
        f"# ui_pages — {connection.vendor}, " + ", ".join(f"{v:,} {k}" for k, v in counts.items()) + f" ({stamp})",
        "",
        f"Code: `{meta['code']}`{' — ' + label if label else ''}. Machine: {meta['machine']}, load average "
        f"{meta['load_average_at_end'][1]} over the last 5 min at the end; Python {meta['python']}.",
        "",
        f"Up to {n} timed requests per row (fewer, at least 5, once a row used its budget), in-process Django test"
        " Client; queries counted on the first (warm-up) request. bench_admin: superuser; bench_gd_drc: DRC reviewer"
        f" scoped to {PROVINCE}, clearance 秘密.",
        "",
        *[f"- note: {x}" for x in notes],
        "",
        "| page | user | status | queries | n | p50 ms | p95 ms | KiB |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    lines += [
        f"| {r['page']} | {r['user']} | {r['status']} | {r['queries']} | {r['n']} | {r['p50_ms']} | {r['p95_ms']} "
        f"| {r['bytes'] // 1024} |"
        for r in results
    ]
    for key, text in prof.items():
        lines += ["", f"## profile: {key}", "", "```", text.strip(), "```"]
    base.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return base


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20, help="timed requests per measurement (default 20)")
    parser.add_argument("--seed", type=int, default=2026, help="generator seed if the dataset is absent")
    parser.add_argument("--budget", type=float, default=20.0, help="seconds per measurement (min. 5 requests)")
    parser.add_argument("--label", default="", help="tag for the result files (e.g. before / after)")
    parser.add_argument("--only", nargs="*", default=[], help="measure only pages whose label contains one of these")
    parser.add_argument("--summaries", action="store_true", help="rebuild the summary tables first")
    parser.add_argument("--profile", nargs="*", default=[], help="labels of pages to profile (as bench_admin)")
    args = parser.parse_args()
    started = time.perf_counter()
    setup_database(args.seed, args.summaries)
    results, notes = run(args.requests, args.budget, args.only)
    prof = {}
    if args.profile:
        from django.test import Client

        client = Client(HTTP_HOST="localhost")
        client.force_login(bench_users()["bench_admin"])
        for r in results:
            if r["user"] == "bench_admin" and r["page"] in args.profile:
                prof[f"{r['page']} (bench_admin)"] = profile(client, r["url"])
    base = write(results, notes, args.requests, time.perf_counter() - started, args.label, prof)
    print(f"\nresults: {base}.json / .md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
