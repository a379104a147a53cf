#!/usr/bin/env python3
"""Benchmark: organisation API list throughput with 1, 2 and 4 app processes on one PostgreSQL, 8 clients.

Usage (from the repository root, with the project's venv; PostgreSQL only — several processes share it)::

    DATABASE_URL=postgresql://… .venv/bin/python benchmarks/fleet_throughput.py [--seconds 20] [--clients 8]

It migrates the database, generates the national dataset if absent (``egovnet generate --scale national --seed
2026``), creates a national reader with an API token, then for each process count starts ``egovnet serve --server
gunicorn --workers N`` on a free loopback port and runs C client threads (keep-alive HTTP) against
``/api/orgs/organisations/`` for S seconds after a warm-up. Reports requests/s, p50/p95/p99 latency and errors to
``benchmarks/results/fleet_throughput-<UTC time>.{json,md}``. Compare runs on the same machine only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("EGOVNET_MODE", "dev")
os.environ.setdefault("EGOVNET_DATA_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
PATH = "/api/orgs/organisations/"


def prepare(seed: int) -> str:
    """Migrate, generate if needed, and return an API token of a national reader."""
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from rest_framework.authtoken.models import Token

    from egovnet.core.choices import Role
    from egovnet.core.models import AuditEntry, RoleAssignment, User

    if connection.vendor != "postgresql":
        sys.exit("fleet_throughput needs PostgreSQL (DATABASE_URL): several app processes share the database")
    call_command("migrate", interactive=False, verbosity=0)
    if not AuditEntry.objects.filter(object_type="core.generation").exists() and not User.objects.filter(
        username="bench_fleet"
    ).exists():
        print(f"generating the national dataset (seed {seed}) …", flush=True)
        call_command("generate", "--scale", "national", "--seed", str(seed))
    user, created = User.objects.get_or_create(username="bench_fleet", defaults={"is_superuser": True})
    if created:
        RoleAssignment.objects.create(user=user, role=Role.ADMIN)
    token, _ = Token.objects.get_or_create(user=user)
    return token.key


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(workers: int, port: int) -> subprocess.Popen:
    cmd = [sys.executable, "-c", "import sys; from egovnet.cli import main; sys.exit(main())", "serve",
           "--server", "gunicorn", "--workers", str(workers), "--port", str(port)]
    env = {**os.environ, "EGOVNET_SCHEDULE_OFF": "1", "SECRET_KEY": os.environ.get("SECRET_KEY", "b" * 50)}
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _wait_up(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    sys.exit("server did not start")


def _client(port: int, token: str, stop_at: float, latencies: list[float], errors: list[int]) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Authorization": f"Token {token}", "Accept": "application/json"}
    while time.monotonic() < stop_at:
        start = time.perf_counter()
        try:
            conn.request("GET", PATH, headers=headers)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                errors.append(response.status)
        except OSError:
            errors.append(0)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            continue
        latencies.append(time.perf_counter() - start)


def load(port: int, token: str, clients: int, seconds: float) -> dict:
    _run(port, token, clients, 3.0)  # warm-up: every worker imports, connects and freezes its heap
    return _run(port, token, clients, seconds)


def _run(port: int, token: str, clients: int, seconds: float) -> dict:
    latencies: list[float] = []
    errors: list[int] = []
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=_client, args=(port, token, stop_at, latencies, errors)) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ms = sorted(x * 1000 for x in latencies)
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else [0.0] * 99
    return {"requests": len(ms), "rps": round(len(ms) / seconds, 1), "p50_ms": round(q[49], 1),
            "p95_ms": round(q[94], 1), "p99_ms": round(q[98], 1), "errors": len(errors)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--processes", default="1,2,4", help="comma-separated gunicorn worker counts")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    token = prepare(args.seed)
    from django.db import connections

    connections.close_all()
    rows = []
    for workers in (int(x) for x in args.processes.split(",")):
        port = _free_port()
        server = _serve(workers, port)
        try:
            _wait_up(port, server)
            result = {"processes": workers, "clients": args.clients, **load(port, token, args.clients, args.seconds)}
        finally:
            server.terminate()
            server.wait(30)
        print(json.dumps(result), flush=True)
        rows.append(result)
    write(rows, args)
    return 0


def write(rows: list[dict], args) -> None:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    out = ROOT / "benchmarks" / "results" / f"fleet_throughput-{stamp}"
    meta = {"when": stamp, "machine": platform.platform(), "cpus": os.cpu_count(), "loadavg": os.getloadavg(),
            "path": PATH, "seconds": args.seconds}
    out.with_suffix(".json").write_text(json.dumps({"meta": meta, "rows": rows}, indent=2))
    lines = [f"# fleet throughput {stamp}", "", f"{PATH}, {args.clients} clients, {args.seconds:g} s per run, "
             f"{os.cpu_count()} CPUs, load average before: {meta['loadavg'][0]:.1f}", "",
             "| app processes | req/s | p50 ms | p95 ms | p99 ms | errors |", "|---|---|---|---|---|---|"]
    lines += [f"| {r['processes']} | {r['rps']} | {r['p50_ms']} | {r['p95_ms']} | {r['p99_ms']} | {r['errors']} |"
              for r in rows]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print(f"wrote {out}.md")


if __name__ == "__main__":
    sys.exit(main())
