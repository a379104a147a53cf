"""Benchmark: a national 100k-row systems import against openpyxl's bare read of the same file (issue 18 goal 4).

    EGOVNET_DATA_DIR=/tmp/egovnet-bench-import python benchmarks/import_speed.py [--rows 100000] [--repeat 3]
        [--orgs 100000] [--profile] [--label …]
    DATABASE_URL=postgresql://… python benchmarks/import_speed.py …

Set-up (once per data directory, kept in a template copy of the database): migrate, the shipped divisions, the
synthetic national organisations and networks (``egovnet generate``'s planner, ``--orgs`` organisations, few
systems), a national administrator with 机密 clearance (the highest the platform grants). The file: ``--rows`` application systems planned by the
generator's own system planner (``demo.generate.assets.plan_systems``: random owners over every organisation,
≈8 % classified, dedicated networks, coverage levels) written as the import template's columns with the
中文 labels a user types.

Each repetition is a pair, measured back to back on the same freshly restored database:

1. **openpyxl**: ``load_workbook(read_only=True)`` and iterating every row's values — the floor;
2. **import**: ``exchange.importers.run_import`` (what ``egovnet import`` and the confirmed import job call):
   validation, the write in one transaction with its audit entries; the findings refresh the import hands to
   the commit is timed on its own (``policy.refresh.refresh_keys``) and reported beside it.

Wall and CPU time (``time.process_time``: both sides are one single-threaded process, so CPU time is far less
disturbed by the other work on a shared machine than wall time). Prints and writes ``benchmarks/results/import_speed-<vendor>-[<label>-]<UTC>.{json,md}``: every pair, the medians
and the median of the paired ratios, the load average at each pair, and with ``--profile`` a cProfile of one more
import (top functions by own and cumulative time).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import random
import shutil
import sqlite3
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS = ROOT / "benchmarks" / "results"
ADMIN = "bench_import_admin"


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def setup_django(data_dir: Path) -> None:
    os.environ.setdefault("EGOVNET_MODE", "dev")
    os.environ["EGOVNET_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
    import django

    django.setup()


def build_world(orgs: int, seed: int) -> None:
    """Divisions, the generator's organisations and networks, and the importing administrator."""
    from django.core.management import call_command

    from egovnet.core.choices import Clearance, Role
    from egovnet.core.models import RoleAssignment, User
    from egovnet.demo.actor import trusted_system_actor
    from egovnet.demo.generate import generate
    from egovnet.geo.models import Division

    call_command("migrate", interactive=False, verbosity=0)
    if not Division.objects.exists():
        call_command("load-divisions", verbosity=0)
    if not User.objects.filter(username=ADMIN).exists():
        t0 = time.perf_counter()
        report = generate(actor=trusted_system_actor(), seed=seed, orgs=orgs, systems=1000)
        print(f"generated {report.organisations} orgs, {report.networks} networks in {time.perf_counter() - t0:.0f} s")
        user = User.objects.create_user(
            username=ADMIN, password="x", clearance=Clearance.JIMI, is_superuser=True, is_staff=True
        )
        RoleAssignment.objects.create(user=user, role=Role.ADMIN)


def write_file(path: Path, rows: int, seed: int) -> None:
    """``rows`` systems as a user fills the template: the generator's plan, written with the 中文 labels."""
    from openpyxl import Workbook

    from egovnet.demo.generate.assets import plan_systems
    from egovnet.demo.generate.orgs import OrgRow
    from egovnet.exchange.importers import get_spec
    from egovnet.exchange.importers.reader import DATA_SHEET
    from egovnet.networks.models import Network
    from egovnet.orgs.models import Organisation

    spec = get_spec("systems")
    fields = ("id", "name", "short_name", "kind", "level", "division_id", "parent_id", "path", "in_beijing")
    owners = [OrgRow(*r) for r in Organisation.objects.order_by("id").values_list(*fields)]
    dedicated = list(Network.objects.filter(family="dedicated").order_by("id").values_list("id", flat=True))
    planned = plan_systems(random.Random(seed), 0, rows, owners, dedicated)
    columns = {c.field: c for c in spec.columns}

    def label(field: str, value):
        column = columns[field]
        if isinstance(value, list):
            return "、".join(column.choices[v] for v in value) or None
        if column.choices is not None:
            return column.choices.get(value) if value else None
        return value

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    ws.append(spec.headers())
    for r in planned:
        ws.append(
            [
                None,
                None,
                r["name"],
                r["owner_id"],
                None,
                "是" if r["is_classified"] else "否",
                label("secrecy_grade", r["secrecy_grade"]),
                r["mlps_level"],
                label("current_network", r["current_network"]),
                r["current_dedicated_network_id"],
                None,
                label("target_network", r["target_network"]),
                "是" if r["public_facing"] else "否",
                "是" if r["cross_region"] else "否",
                "是" if r["cross_department"] else "否",
                "是" if r["shares_basic_info"] else "否",
                label("coverage_levels", r["coverage_levels"]),
                r["bandwidth_mbps"],
                label("status", r["status"]),
                r["secrecy_ref"] or None,
            ]
        )
    wb.save(path)


class Restorer:
    """Puts the database (and the audit checkpoints) back as they were after set-up, before every import."""

    def __init__(self, data_dir: Path) -> None:
        from django.conf import settings
        from django.db import connection

        self.vendor = connection.vendor
        self.data_dir = data_dir
        self.checkpoints = Path(settings.AUDIT_CHECKPOINT_DIR)
        self.saved_checkpoints = data_dir / "template-checkpoints"
        if self.vendor == "sqlite":
            self.db = Path(settings.DATABASES["default"]["NAME"])
            self.template = data_dir / "template.sqlite3"
        else:
            self.name = settings.DATABASES["default"]["NAME"]
            self.template_name = f"{self.name}_tmpl"

    def save(self) -> None:
        from django.db import connections

        connections.close_all()
        if self.checkpoints.exists():
            shutil.rmtree(self.saved_checkpoints, ignore_errors=True)
            shutil.copytree(self.checkpoints, self.saved_checkpoints)
        if self.vendor == "sqlite":
            self._copy_sqlite(self.db, self.template)
        else:
            self._pg(f'DROP DATABASE IF EXISTS "{self.template_name}"')
            self._pg(f'CREATE DATABASE "{self.template_name}" TEMPLATE "{self.name}"')

    def restore(self) -> None:
        from django.db import connections

        connections.close_all()
        if self.saved_checkpoints.exists():
            shutil.rmtree(self.checkpoints, ignore_errors=True)
            shutil.copytree(self.saved_checkpoints, self.checkpoints)
        if self.vendor == "sqlite":
            self._copy_sqlite(self.template, self.db)
        else:
            self._pg(f'DROP DATABASE "{self.name}"')
            self._pg(f'CREATE DATABASE "{self.name}" TEMPLATE "{self.template_name}"')

    @staticmethod
    def _copy_sqlite(src: Path, dst: Path) -> None:
        with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
            a.backup(b)
        a.close()
        b.close()

    def _pg(self, sql: str) -> None:
        import psycopg
        from django.conf import settings

        db = settings.DATABASES["default"]
        with psycopg.connect(
            dbname="postgres",
            user=db.get("USER") or None,
            password=db.get("PASSWORD") or None,
            host=db.get("HOST") or None,
            port=db.get("PORT") or None,
            autocommit=True,
        ) as conn:
            conn.execute(sql)


def openpyxl_read(path: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of opening the file read-only and iterating every row's values."""
    from openpyxl import load_workbook

    start, cpu = time.perf_counter(), time.process_time()
    wb = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    assert count > 1
    return time.perf_counter() - start, time.process_time() - cpu


def run_one(path: Path, rows: int) -> dict:
    """One import through ``run_import``; the findings refresh it triggers on commit is timed separately."""
    from egovnet.core.models import User
    from egovnet.exchange.importers import get_spec, run_import
    from egovnet.policy import refresh

    actor = User.objects.get(username=ADMIN)
    refresh_s, refresh_cpu = [0.0], [0.0]
    original = refresh.refresh_keys

    def timed(keys):
        t, c = time.perf_counter(), time.process_time()
        try:
            return original(keys)
        finally:
            refresh_s[0] += time.perf_counter() - t
            refresh_cpu[0] += time.process_time() - c

    phases: dict[str, float] = {}
    refresh.refresh_keys = timed
    started, cpu = time.perf_counter(), time.process_time()

    def progress(phase: str, done: int, total: int) -> None:
        phases[phase] = round(time.perf_counter() - started, 2)

    try:
        report = run_import(path, get_spec("systems"), actor=actor, progress=progress)
    finally:
        refresh.refresh_keys = original
    total, total_cpu = time.perf_counter() - started, time.process_time() - cpu
    assert report.applied and report.created == rows, (report.summary(), report.errors[:5])
    return {
        "total_s": round(total, 3),
        "refresh_s": round(refresh_s[0], 3),
        "import_s": round(total - refresh_s[0], 3),
        "import_cpu_s": round(total_cpu - refresh_cpu[0], 3),
        "refresh_cpu_s": round(refresh_cpu[0], 3),
        "phases_s": phases,
    }


def verify_audit() -> str:
    from egovnet.core.audit import verify_chain

    broken = verify_chain()
    return "intact" if broken is None else f"BROKEN at #{broken.seq}: {broken.problem}"


def profile_one(path: Path, rows: int, top: int = 30) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    run_one(path, rows)
    profiler.disable()
    out = []
    for key in ("tottime", "cumulative"):
        buf = io.StringIO()
        pstats.Stats(profiler, stream=buf).sort_stats(key).print_stats(top)
        text = buf.getvalue()
        out.append(f"#### by {key}\n\n```\n{text[text.find('   ncalls') :].rstrip()}\n```\n")
    return "\n".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--profile", action="store_true", help="add a cProfile of one more import")
    parser.add_argument("--profile-only", action="store_true", help="only the profile (no timed pairs)")
    parser.add_argument("--label", default="")
    parser.add_argument("--no-write", action="store_true", help="print only, no result files")
    args = parser.parse_args()
    data_dir = Path(os.environ.get("EGOVNET_DATA_DIR", "/tmp/egovnet-bench-import"))
    data_dir.mkdir(parents=True, exist_ok=True)
    setup_django(data_dir)
    from django.db import connection

    restorer = Restorer(data_dir)
    fresh = restorer.vendor == "sqlite" and not restorer.template.exists()
    build_world(args.orgs, args.seed)
    if fresh or restorer.vendor != "sqlite":
        restorer.save()
    path = data_dir / f"systems-{args.rows}-seed{args.seed}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        write_file(path, args.rows, args.seed)
        print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - t0:.0f} s")
    vendor = connection.vendor
    pairs = []
    for i in range(0 if args.profile_only else args.repeat):
        restorer.restore()
        load_at = load()
        read_s, read_cpu = openpyxl_read(path)
        result = run_one(path, args.rows)
        pair = {"load_average": load_at, "openpyxl_s": round(read_s, 3), "openpyxl_cpu_s": round(read_cpu, 3)}
        pair.update(result)
        pair["ratio"] = round(result["import_s"] / read_s, 2)
        pair["ratio_cpu"] = round(result["import_cpu_s"] / read_cpu, 2)
        pair["ratio_with_refresh"] = round(result["total_s"] / read_s, 2)
        pairs.append(pair)
        print(f"pair {i + 1}: {json.dumps(pair, ensure_ascii=False)}", flush=True)
    audit = verify_audit() if pairs else "not checked"
    profile = ""
    if args.profile or args.profile_only:
        restorer.restore()
        profile = profile_one(path, args.rows)
    summary = {}
    if pairs:
        summary = {
            "openpyxl_median_s": statistics.median(p["openpyxl_s"] for p in pairs),
            "import_median_s": statistics.median(p["import_s"] for p in pairs),
            "refresh_median_s": statistics.median(p["refresh_s"] for p in pairs),
            "ratio_median": statistics.median(p["ratio"] for p in pairs),
            "ratio_best": min(p["ratio"] for p in pairs),
            "ratio_worst": max(p["ratio"] for p in pairs),
            "ratio_with_refresh_median": statistics.median(p["ratio_with_refresh"] for p in pairs),
            "ratio_cpu_median": statistics.median(p["ratio_cpu"] for p in pairs),
            "ratio_cpu_best": min(p["ratio_cpu"] for p in pairs),
            "ratio_cpu_worst": max(p["ratio_cpu"] for p in pairs),
        }
        print(json.dumps(summary), f"audit chain after the last import: {audit}")
    restorer.restore()
    if args.no_write:
        print(profile)
        return 0
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    name = f"import_speed-{vendor}-{args.label + '-' if args.label else ''}{stamp}"
    data = {"rows": args.rows, "orgs": args.orgs, "seed": args.seed, "vendor": vendor, "label": args.label,
            "pairs": pairs, "summary": summary, "audit_chain": audit}  # fmt: skip
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"{name}.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    lines = [
        f"# import_speed {vendor} {args.label}".rstrip(),
        "",
        f"{args.rows:,} application systems into {args.orgs:,} generated organisations (seed {args.seed});"
        f" audit chain after the last import: {audit}.",
        "",
        "| pair | load average | openpyxl read wall · CPU (s) | import wall · CPU (s) | findings refresh on commit"
        " wall · CPU (s) | import / read, wall | import / read, CPU | (import + refresh) / read, wall | phases (s) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for i, p in enumerate(pairs, 1):
        lines.append(
            f"| {i} | {p['load_average']} | {p['openpyxl_s']:.1f} · {p['openpyxl_cpu_s']:.1f} |"
            f" {p['import_s']:.1f} · {p['import_cpu_s']:.1f} | {p['refresh_s']:.1f} · {p['refresh_cpu_s']:.1f} |"
            f" {p['ratio']:.2f} | {p['ratio_cpu']:.2f} | {p['ratio_with_refresh']:.2f} | {p['phases_s']} |"
        )
    if summary:
        lines += ["", f"Medians: openpyxl {summary['openpyxl_median_s']:.1f} s, import {summary['import_median_s']:.1f}"
                  f" s, refresh {summary['refresh_median_s']:.1f} s; import / read median {summary['ratio_median']:.2f}"
                  f" (best {summary['ratio_best']:.2f}, worst {summary['ratio_worst']:.2f}); with the refresh"
                  f" {summary['ratio_with_refresh_median']:.2f}; CPU time import / read median"
                  f" {summary['ratio_cpu_median']:.2f} (best {summary['ratio_cpu_best']:.2f}, worst"
                  f" {summary['ratio_cpu_worst']:.2f})."]  # fmt: skip
    if profile:
        lines += ["", "### Profile of one import (cProfile)", "", profile]
    (RESULTS / f"{name}.md").write_text("\n".join(lines) + "\n")
    print(f"wrote {RESULTS / name}.{{json,md}}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
