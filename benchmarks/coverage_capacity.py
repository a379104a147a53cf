"""Benchmark: national coverage and article-6 capacity routing for 200k applications.

    python benchmarks/coverage_capacity.py [--systems 200000] [--orgs 20000] [--data-dir /tmp/egovnet-bench]

Uses the scale generator's data when ``egovnet generate`` exists and the database already holds systems;
otherwise it builds its own national dataset in a fresh SQLite database (or ``DATABASE_URL``): the 3,209 real
divisions, the demo topology (every province, ~2.9k platforms and links), ``--orgs`` organisations spread over
the levels and ``--systems`` extranet applications (bulk inserts, no audit: this is a load generator, not a
registry write path). It then times, in the same run:

* coverage: ``compute_coverage`` (five GROUP BY queries over divisions, platforms, departments, connections);
* capacity: ``capacity_report`` (read every extranet application, route over the topology, name hot spots);
* raw: reading the same rows with a bare cursor (the floor any implementation pays),
* capacity again with nothing changed (the routed state is reused; only names are resolved),

and prints the times and the ratio of each to the raw read.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _setup(data_dir: str) -> None:
    os.environ.setdefault("EGOVNET_MODE", "dev")
    os.environ.setdefault("EGOVNET_DATA_DIR", data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _populate(n_orgs: int, n_systems: int, seed: int) -> None:
    from django.contrib.auth import get_user_model

    from egovnet.geo.models import Division
    from egovnet.geo.services import divisions_load
    from egovnet.networks.demo_topology import load_demo_topology
    from egovnet.orgs.models import Organisation
    from egovnet.systems.models import ApplicationSystem

    rng = random.Random(seed)
    user = get_user_model().objects.filter(username="bench").first() or get_user_model().objects.create_superuser(
        "bench", "", "bench"
    )
    if not Division.objects.exists():
        divisions_load(actor=user)
    t = time.perf_counter()
    load_demo_topology(user)
    print(f"topology loaded in {time.perf_counter() - t:.1f}s")
    existing = Organisation.objects.filter(name__startswith="BENCH-").count()
    divisions = {
        lv: list(Division.objects.current().filter(level=lv).values_list("code", flat=True))
        for lv in ("province", "prefecture", "county")
    }
    plan = [("central", 0.01), ("provincial", 0.09), ("prefecture", 0.3), ("county", 0.6)]
    rows = []
    for i in range(existing, n_orgs):
        level = rng.choices([p[0] for p in plan], [p[1] for p in plan])[0]
        division = (
            "110000"
            if level == "central"
            else rng.choice(
                divisions[{"provincial": "province", "prefecture": "prefecture", "county": "county"}[level]]
            )
        )
        rows.append(
            Organisation(
                name=f"BENCH-{i}", kind="government_department", level=level, division_id=division, path=f"/b{i}/"
            )
        )
    Organisation.objects.bulk_create(rows, batch_size=5000)
    owners = list(Organisation.objects.filter(name__startswith="BENCH-").values_list("id", "level"))
    have = ApplicationSystem.objects.filter(name__startswith="BENCH-").count()
    coverages = {
        "central": [["central", "provincial"], ["central", "provincial", "prefecture"], ["central"]],
        "provincial": [["provincial", "prefecture"], ["provincial", "prefecture", "county"], ["provincial", "central"]],
        "prefecture": [["prefecture", "county"], ["prefecture", "provincial"], ["prefecture"]],
        "county": [["county", "prefecture"], ["county"], ["county", "provincial"]],
    }
    batch = []
    for i in range(have, n_systems):
        owner, level = rng.choice(owners)
        batch.append(
            ApplicationSystem(
                name=f"BENCH-{i}",
                owner_id=owner,
                target_network="extranet",
                current_network="extranet",
                coverage_levels=rng.choice(coverages[level]),
                bandwidth_mbps=rng.choice([1, 2, 2, 4, 8, 10, 20]),
            )
        )
        if len(batch) == 10000:
            ApplicationSystem.objects.bulk_create(batch)
            batch = []
    ApplicationSystem.objects.bulk_create(batch)


def _raw_read() -> int:
    from django.db import connection

    sql = (
        "SELECT s.id, s.owner_id, o.level, o.division_id, s.coverage_levels, s.bandwidth_mbps "
        "FROM systems_applicationsystem s JOIN orgs_organisation o ON o.id = s.owner_id "
        "WHERE s.target_network = 'extranet' AND s.status <> 'retired'"
    )
    n = 0
    with connection.cursor() as cur:
        cur.execute(sql)
        for rows in iter(lambda: cur.fetchmany(5000), []):
            n += len(rows)
        cur.execute("SELECT code, level, parent_id, province_code FROM geo_division")
        cur.fetchall()
        cur.execute("SELECT id, division_id, level, kind FROM networks_network")
        cur.fetchall()
    return n


def _timed(fn, repeat: int):
    best, value = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        value = fn()
        best = min(best, time.perf_counter() - t)
    return best, value


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--systems", type=int, default=200_000)
    parser.add_argument("--orgs", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", default=os.path.join(tempfile.gettempdir(), "egovnet-bench-coverage"))
    args = parser.parse_args()
    os.makedirs(args.data_dir, exist_ok=True)
    _setup(args.data_dir)
    from egovnet.networks.planning.coverage import compute_coverage
    from egovnet.networks.planning.hotspots import capacity_report
    from egovnet.systems.models import ApplicationSystem

    if ApplicationSystem.objects.count() < args.systems:
        t = time.perf_counter()
        _populate(args.orgs, args.systems, args.seed)
        print(f"dataset built in {time.perf_counter() - t:.1f}s")
    raw_t, n = _timed(_raw_read, args.repeat)
    cov_t, cov = _timed(compute_coverage, args.repeat)
    from egovnet.networks.planning import current

    def cold():
        current.clear()  # route from scratch: the cost after a restart
        return capacity_report(None)

    cap_t, cap = _timed(cold, args.repeat)
    warm_t, _ = _timed(lambda: capacity_report(None), args.repeat)
    print(f"rows: {n} extranet applications, {len(cap['links'])} links, {cov.national.counties_total} county units")
    print(f"raw read (same rows)   : {raw_t * 1000:8.1f} ms")
    print(f"coverage (national)    : {cov_t * 1000:8.1f} ms  ratio {cov_t / raw_t:5.2f}× raw")
    print(f"capacity (routing+names): {cap_t * 1000:8.1f} ms  ratio {cap_t / raw_t:5.2f}× raw")
    print(f"capacity, unchanged data (cached baseline, names only): {warm_t * 1000:8.1f} ms")
    print(
        f"over-subscribed links: {len(cap['oversubscribed'])}; routed {cap['systems_routed']}, "
        f"unroutable {cap['systems_unroutable']}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
