"""Benchmark: import N application systems from .xlsx vs. openpyxl alone reading the same file.

    python benchmarks/import_systems.py [--rows 100000] [--data-dir /tmp/egovnet-bench] [--tracemalloc]

Sets up a fresh SQLite database (or ``DATABASE_URL``) in ``--data-dir`` with the shipped divisions,
200 owning organisations in 31 provinces and a national department lead, writes an .xlsx of N rows
(the import template's columns), then measures in the same run:

1. openpyxl read-only: iterating every row of the file (values only) — the floor;
2. the full import (pass 1 validation + pass 2 write, one transaction, audited);

and prints both, their ratio, and the peak RSS growth of the import (``resource``; with
``--tracemalloc`` also the Python-heap peak, which slows the run down).
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def setup_django(data_dir: Path) -> None:
    os.environ.setdefault("EGOVNET_MODE", "dev")
    os.environ["EGOVNET_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load-divisions", verbosity=0)


def make_world(owners: int):
    from egovnet.core.choices import Clearance, Role
    from egovnet.core.models import RoleAssignment, User
    from egovnet.geo.models import Division
    from egovnet.orgs.models import Organisation

    provinces = list(Division.objects.filter(level="province").order_by("code"))
    orgs = []
    for i in range(owners):
        division = provinces[i % len(provinces)]
        org = Organisation.objects.create(
            name=f"基准单位{i:04d}", kind="government_department", level="provincial", division=division
        )
        Organisation.objects.filter(pk=org.pk).update(path=f"/{org.pk}/")
        orgs.append(org.pk)
    user, _ = User.objects.get_or_create(username="bench", defaults={"clearance": Clearance.MIMI})
    RoleAssignment.objects.get_or_create(user=user, role=Role.DEPARTMENT_LEAD)
    return user, orgs


def write_file(path: Path, rows: int, owners: list[int]) -> None:
    from openpyxl import Workbook

    from egovnet.exchange.importers import get_spec
    from egovnet.exchange.importers.reader import DATA_SHEET

    spec = get_spec("systems")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    ws.append(spec.headers())
    nets = ["政务外网", "互联网", "未联网", "政务内网"]
    for i in range(rows):
        classified = i % 20 == 0
        ws.append(
            [
                None,
                None,
                f"基准系统{i:06d}",
                owners[i % len(owners)],
                None,
                "是" if classified else "否",
                "秘密" if classified else None,
                None if classified else 1 + i % 4,
                "政务内网" if classified else nets[i % 3],
                None,
                None,
                "政务内网" if classified else "政务外网",
                "是" if i % 3 == 0 else "否",
                "否",
                "是",
                "否",
                "省级、地市级",
                10 + i % 90,
                "运行中",
                f"秘定〔2024〕{i}号" if classified else None,
            ]
        )
    wb.save(path)


def openpyxl_read(path: Path) -> tuple[int, float]:
    from openpyxl import load_workbook

    start = time.perf_counter()
    wb = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in wb.worksheets[0].iter_rows(values_only=True))
    wb.close()
    return count - 1, time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--owners", type=int, default=200)
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--reuse-file", action="store_true", help="keep an existing generated file of that size")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="egovnet-bench-"))
    data_dir.mkdir(parents=True, exist_ok=True)
    db = data_dir / "egovnet.sqlite3"
    if db.exists() and "DATABASE_URL" not in os.environ:
        db.unlink()
    setup_django(data_dir)
    from egovnet.exchange.importers import get_spec, run_import
    from egovnet.systems.models import ApplicationSystem

    user, owners = make_world(args.owners)
    path = data_dir / f"systems-{args.rows}.xlsx"
    t0 = time.perf_counter()
    if not (args.reuse_file and path.exists()):
        write_file(path, args.rows, owners)
    print(f"file: {path} ({path.stat().st_size / 1e6:.1f} MB, ready in {time.perf_counter() - t0:.1f} s)")

    rows, read_s = openpyxl_read(path)
    print(f"openpyxl read-only, values only: {rows} rows in {read_s:.1f} s ({rows / read_s:,.0f} rows/s)")

    rss_before = rss_mb()
    if args.tracemalloc:
        tracemalloc.start()
    phases: dict[str, float] = {}
    started = time.perf_counter()

    def progress(phase: str, done: int, total: int) -> None:
        phases[phase] = time.perf_counter() - started
        if done % 20_000 < 1000 or done >= total:
            print(f"  {phase}: {done}/{total} at {phases[phase]:.1f} s", file=sys.stderr)

    report = run_import(path, get_spec("systems"), actor=user, progress=progress)
    import_s = time.perf_counter() - started
    heap_peak = tracemalloc.get_traced_memory()[1] / 2**20 if args.tracemalloc else None
    print(report.summary())
    assert report.applied and ApplicationSystem.objects.count() == args.rows, report.errors[:5]
    print(
        f"import (validate + write, one transaction): {import_s:.1f} s ({args.rows / import_s:,.0f} rows/s);"
        f" validation done at {phases.get('validate', 0):.1f} s"
    )
    print(f"ratio import / openpyxl read: {import_s / read_s:.2f}")
    print(f"peak RSS: {rss_mb():.0f} MB (before the import {rss_before:.0f} MB, growth {rss_mb() - rss_before:.0f} MB)")
    if heap_peak is not None:
        print(f"tracemalloc peak of the import: {heap_peak:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
