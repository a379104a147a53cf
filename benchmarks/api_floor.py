#!/usr/bin/env python3
"""Benchmark: the organisation API page against its floor, in one run; optionally a cProfile of the page.

Usage (from the repository root, with the project's venv and the test extra, which brings orjson)::

    EGOVNET_DATA_DIR=/tmp/egovnet-bench .venv/bin/python benchmarks/api_floor.py [--requests 200] [--profile]
    DATABASE_URL=postgresql://… .venv/bin/python benchmarks/api_floor.py

It migrates, loads divisions and generates data if absent (``egovnet generate --scale national --seed 1``, or
``--orgs N --systems N`` for a smaller set), creates a national reader with an API token, then measures,
interleaved request by request (so load swings on a shared machine hit both alike):

* **egovnet**: ``GET /api/orgs/organisations/`` (first page of 50, ``Authorization: Token …``) through egovnet's
  WSGI application (``egovnet.wsgi``, heap frozen after warm-up as in production), called in-process: no socket;
* **floor**: a minimal WSGI application that authenticates the same token with one query, reads the same 50 rows
  (organisation + division + parent, the same ordering ``name, id``) with the database driver (sqlite3 or psycopg)
  and writes the same JSON document (the same keys, the same URLs, ``count`` from ``COUNT(*)``) with orjson.

Prints p50/p95 of both and egovnet/floor (the goal is ≤ 3×), and writes
``benchmarks/results/api_floor-<vendor>-[<label>-]<UTC time>.{json,md}``. ``--profile`` adds the top functions of a
cProfile over ``--requests`` egovnet requests (ms per request) to the output.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import gc
import io
import json
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("EGOVNET_MODE", "dev")
os.environ.setdefault("EGOVNET_DATA_DIR", str(ROOT / "var" / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egovnet.settings")
os.environ.setdefault("EGOVNET_WSGI_FREEZE", "0")  # frozen below, after both applications are warm
PATH = "/api/orgs/organisations/"
HOST = "testserver"


def prepare(args) -> str:
    """Migrate, generate if needed, and return an API token of a national reader."""
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from rest_framework.authtoken.models import Token

    from egovnet.core.choices import Role
    from egovnet.core.models import AuditEntry, RoleAssignment, User
    from egovnet.geo.models import Division

    if HOST not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, HOST]
    call_command("migrate", interactive=False, verbosity=0)
    if not Division.objects.exists():
        call_command("load-divisions", verbosity=0)
    if not AuditEntry.objects.filter(object_type="core.generation").exists():
        extra = [a for n, v in (("--orgs", args.orgs), ("--systems", args.systems)) if v for a in (n, str(v))]
        print(f"generating data (seed {args.seed}) …", flush=True)
        call_command("generate", "--scale", "national", "--seed", str(args.seed), *extra)
    user, created = User.objects.get_or_create(username="bench_floor", defaults={"is_superuser": True})
    if created:
        RoleAssignment.objects.create(user=user, role=Role.ADMIN)
    token, _ = Token.objects.get_or_create(user=user)
    return token.key


# --- the floor -------------------------------------------------------------------------------------------------

FLOOR_SQL = """
SELECT o.id, o.name, o.short_name, o.kind, o.level, o.path, o.in_beijing, o.is_demo, o.notes, o.created,
       o.last_updated, o.version, d.code, d.name, d.level, p.id, p.name, p.level
FROM orgs_organisation o
JOIN geo_division d ON d.code = o.division_id
LEFT JOIN orgs_organisation p ON p.id = o.parent_id
ORDER BY o.name, o.id
LIMIT 50
"""


def floor_app(connect, placeholder: str):
    """A WSGI application doing the least work that answers the same request: one token look-up, one count, one
    page query, one JSON encoding."""
    import orjson

    conn = connect()
    token_sql = f"SELECT user_id FROM authtoken_token WHERE key = {placeholder}"

    from zoneinfo import ZoneInfo

    from django.conf import settings

    zone = ZoneInfo(settings.TIME_ZONE)

    def iso(value) -> str:
        """The timestamp in the site's zone, as DRF writes it (SQLite hands back naive UTC text)."""
        if isinstance(value, str):
            value = dt.datetime.fromisoformat(value).replace(tzinfo=dt.UTC)
        return value.astimezone(zone).isoformat().replace("+00:00", "Z")

    def app(environ, start_response):
        key = environ.get("HTTP_AUTHORIZATION", "")[6:]
        cur = conn.cursor()
        cur.execute(token_sql, (key,))
        if cur.fetchone() is None:
            start_response("401 Unauthorized", [("Content-Type", "application/json")])
            return [b'{"detail":"unauthorized"}']
        base = f"http://{environ['HTTP_HOST']}"
        cur.execute("SELECT COUNT(*) FROM orgs_organisation")
        count = cur.fetchone()[0]
        cur.execute(FLOOR_SQL)
        results = [
            {
                "id": r[0],
                "url": f"{base}/api/orgs/organisations/{r[0]}/",
                "display": r[1],
                "name": r[1],
                "short_name": r[2],
                "kind": r[3],
                "level": r[4],
                "division": {"code": r[12], "url": f"{base}/api/geo/divisions/{r[12]}/", "name": r[13], "level": r[14]},
                "parent": None
                if r[15] is None
                else {"id": r[15], "url": f"{base}/api/orgs/organisations/{r[15]}/", "display": r[16], "level": r[17]},
                "path": r[5],
                "in_beijing": bool(r[6]),
                "is_demo": bool(r[7]),
                "notes": r[8],
                "created": iso(r[9]),
                "last_updated": iso(r[10]),
                "version": r[11],
            }
            for r in cur.fetchall()
        ]
        body = orjson.dumps(
            {
                "count": count,
                "next": f"{base}{PATH}?page=2" if count > 50 else None,
                "previous": None,
                "results": results,
            }
        )
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]

    return app


def floor_connection():
    """(connect, placeholder) for the configured database, with the driver only (no Django)."""
    from django.db import connection

    params = connection.get_connection_params()
    if connection.vendor == "sqlite":
        import sqlite3

        return (lambda: sqlite3.connect(params["database"], check_same_thread=False)), "?"
    import psycopg

    conninfo = {k: v for k, v in params.items() if k in ("dbname", "user", "password", "host", "port")}
    return (lambda: psycopg.connect(**conninfo, autocommit=True)), "%s"


# --- measuring -------------------------------------------------------------------------------------------------


def environ(token: str) -> dict:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": PATH,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "80",
        "HTTP_HOST": HOST,
        "HTTP_ACCEPT": "application/json",
        "HTTP_AUTHORIZATION": f"Token {token}",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(app, token: str) -> tuple[float, bytes]:
    status: list[str] = []
    start = time.perf_counter()
    chunks = app(environ(token), lambda s, h, exc_info=None: status.append(s))
    body = b"".join(chunks)
    if hasattr(chunks, "close"):
        chunks.close()
    elapsed = time.perf_counter() - start
    if not status[0].startswith("200"):
        sys.exit(f"{status[0]}: {body[:500]!r}")
    return elapsed, body


def same_document(a: bytes, b: bytes) -> list[str]:
    """Keys or values where the floor's answer differs from egovnet's (the floor must answer the same page)."""
    x, y = json.loads(a), json.loads(b)
    problems = [k for k in ("count", "next", "previous") if x[k] != y[k]]
    if [r["id"] for r in x["results"]] != [r["id"] for r in y["results"]]:
        problems.append("row order")
    elif x["results"] != y["results"]:
        problems.append("row values")
    return problems


def quantiles(values: list[float]) -> dict[str, float]:
    ms = sorted(v * 1000 for v in values)
    q = statistics.quantiles(ms, n=100) if len(ms) > 1 else [ms[0]] * 99
    return {"p50_ms": round(q[49], 2), "p95_ms": round(q[94], 2), "p99_ms": round(q[98], 2), "n": len(ms)}


def profile(app, token: str, requests: int, top: int) -> str:
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(requests):
        call(app, token)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out)
    out.write(f"cProfile over {requests} requests (times are totals; divide by {requests} for ms per request)\n")
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return out.getvalue()


def query_count(token: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from egovnet.wsgi import application

    with CaptureQueriesContext(connection) as ctx:
        call(application, token)
    return len(ctx.captured_queries)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--orgs", type=int, help="organisations to generate (default: national scale)")
    parser.add_argument("--systems", type=int, help="systems to generate (default: national scale)")
    parser.add_argument("--profile", action="store_true", help="also profile --requests egovnet requests")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--label", help="tag for the result file names")
    args = parser.parse_args()
    token = prepare(args)
    from django.db import connection

    from egovnet.wsgi import application, warm_up

    connect, placeholder = floor_connection()
    floor = floor_app(connect, placeholder)
    warm_up()
    for _ in range(10):
        _, ours = call(application, token)
        _, theirs = call(floor, token)
    differences = same_document(ours, theirs)
    queries = query_count(token)
    gc.collect()
    gc.freeze()
    load_start = os.getloadavg()
    times: dict[str, list[float]] = {"egovnet": [], "floor": []}
    for _ in range(args.requests):
        times["egovnet"].append(call(application, token)[0])
        times["floor"].append(call(floor, token)[0])
    summary = {name: quantiles(values) for name, values in times.items()}
    ratio = summary["egovnet"]["p50_ms"] / summary["floor"]["p50_ms"]
    result = {
        "meta": {
            "vendor": connection.vendor,
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_start": [round(x, 2) for x in load_start],
            "load_end": [round(x, 2) for x in os.getloadavg()],
            "requests": args.requests,
            "organisations": json.loads(ours)["count"],
            "egovnet_queries": queries,
            "floor_differs_in": differences,
        },
        "summary": summary,
        "ratio_p50": round(ratio, 2),
        "ratio_p95": round(summary["egovnet"]["p95_ms"] / summary["floor"]["p95_ms"], 2),
    }
    text = profile(application, token, args.requests, args.top) if args.profile else ""
    for name, s in summary.items():
        print(f"{name:8} p50 {s['p50_ms']:8.2f} ms   p95 {s['p95_ms']:8.2f} ms   p99 {s['p99_ms']:8.2f} ms")
    print(f"egovnet/floor: p50 {result['ratio_p50']}×, p95 {result['ratio_p95']}×; egovnet queries {queries}")
    if differences:
        print(f"note: the floor's document differs from egovnet's in: {', '.join(differences)}")
    print(f"written: {write(result, text, args.label)}.{{json,md}}")
    if text:
        print(text)
    return 0


def write(result: dict, profile_text: str, label: str | None) -> Path:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    name = "-".join(filter(None, ["api_floor", result["meta"]["vendor"], label, stamp]))
    out = ROOT / "benchmarks" / "results" / name
    out.with_suffix(".json").write_text(json.dumps({**result, "profile": profile_text}, indent=2) + "\n")
    m = result["meta"]
    lines = [
        f"# api_floor {stamp}",
        "",
        f"{m['vendor']}, {m['organisations']} organisations, {m['requests']} interleaved requests each, "
        f"Python {m['python']}, {m['cpus']} CPUs, load average {m['load_start']} → {m['load_end']}; "
        f"egovnet issues {m['egovnet_queries']} queries per page; floor differs in: {m['floor_differs_in'] or 'nothing'}.",
        "",
        "| app | p50 | p95 | p99 |",
        "|---|---|---|---|",
        *(f"| {k} | {v['p50_ms']} ms | {v['p95_ms']} ms | {v['p99_ms']} ms |" for k, v in result["summary"].items()),
        "",
        f"egovnet/floor: p50 **{result['ratio_p50']}×**, p95 {result['ratio_p95']}×",
    ]
    if profile_text:
        lines += ["", "```", profile_text.strip(), "```"]
    out.with_suffix(".md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":
    sys.exit(main())
