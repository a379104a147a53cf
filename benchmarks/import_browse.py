"""Benchmark: two users browsing while a 100k-row import runs through the queue (issue 17's import benchmark).

    EGOVNET_DATA_DIR=/tmp/egovnet-bench-import python benchmarks/import_browse.py [--rows 100000] [--seconds 30]
        [--app-workers 2] [--label …]

Uses the data directory, national organisations and file of ``import_speed.py`` (set up on first use, restored
before the run). Starts ``egovnet serve --server gunicorn`` (``--app-workers`` processes) and one ``egovnet
worker`` on a free loopback port, logs two users in (a national administrator and a 广东省 DRC reviewer: their
sessions are created in the database, as a login would), and lets each browse in a loop — the dashboard ``/``,
the organisation list, one organisation's page — over keep-alive HTTP:

1. **without**: ``--seconds`` of browsing with nothing else running;
2. **during**: an import job of the file enqueued as the import page does (``exchange.jobs.start``: validation on
   the worker, then the confirmed write), browsing until the job is done.

Reports per phase and page the requests, p50, p95 and max latency and errors (status ≥ 400 or no answer), the job's
own validation and write times, and the load average; writes
``benchmarks/results/import_browse-<vendor>-[<label>-]<UTC>.{json,md}``. Every request loop is bounded (it stops
when the phase ends, or after ``--max-minutes``) and talks only to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
from importlib import import_module
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import import_speed as base  # noqa: E402  (the data set-up is shared)

PROVINCE = "440000"
READER = "bench_browse_gd_drc"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(args: list[str], log: Path) -> subprocess.Popen:
    """An ``egovnet`` process of this installation; its output goes to ``log`` in the data directory."""
    cmd = [sys.executable, "-c", "import sys; from egovnet.cli import main; sys.exit(main())", *args]
    env = {**os.environ, "EGOVNET_SCHEDULE_OFF": "1"}  # the data directory's key: the audit chain's too
    with log.open("w") as out:
        return subprocess.Popen(cmd, env=env, stdout=out, stderr=subprocess.STDOUT)


def wait_up(port: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    sys.exit("server did not start")


def readers() -> list:
    """The administrator of import_speed and a provincial DRC reviewer."""
    from egovnet.core.choices import Clearance, Role
    from egovnet.core.models import RoleAssignment, User
    from egovnet.geo.models import Division

    reader, created = User.objects.get_or_create(username=READER, defaults={"clearance": Clearance.MIMI})
    if created:
        RoleAssignment.objects.create(
            user=reader, role=Role.DRC_REVIEWER, division_scope=Division.objects.get(code=PROVINCE)
        )
    return [User.objects.get(username=base.ADMIN), reader]


def session_cookie(user) -> str:
    """A logged-in session, stored as ``login()`` stores it."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = next(  # as the test client's force_login picks it
        path for path in settings.AUTHENTICATION_BACKENDS if hasattr(import_string(path), "get_user")
    )
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def pages_for(user) -> list[tuple[str, str]]:
    from django.urls import reverse

    from egovnet.core import permissions
    from egovnet.orgs.models import Organisation

    visible = permissions.restrict(Organisation.objects.all(), user, "view").order_by("id")
    org = visible.values_list("pk", flat=True)[len(visible) // 2 if user.is_superuser else 0]
    return [
        ("dashboard", "/"),
        ("organisations", reverse("orgs:organisation_list")),
        ("organisation", reverse("orgs:organisation_detail", args=[org])),
    ]


class Browser(threading.Thread):
    """One user clicking through the pages in a loop, as fast as the answers come."""

    def __init__(self, name: str, port: int, cookie: str, pages: list[tuple[str, str]], stop: threading.Event):
        super().__init__(daemon=True)
        self.user, self.port, self.cookie, self.pages, self.stop = name, port, cookie, pages, stop
        self.samples: list[tuple[float, str, float, int]] = []  # (at, page, seconds, status)

    def run(self) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        headers = {"Cookie": self.cookie}
        while not self.stop.is_set():
            for page, path in self.pages:
                start = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except OSError:
                    status = 0
                    conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                self.samples.append((time.monotonic(), page, time.perf_counter() - start, status))
                if self.stop.is_set():
                    return


def stats(samples: list[tuple[float, str, float, int]]) -> dict:
    ms = sorted(s[2] * 1000 for s in samples)
    if not ms:
        return {"requests": 0}
    q = statistics.quantiles(ms, n=100, method="inclusive") if len(ms) > 1 else [ms[0]] * 99
    errors = sum(1 for s in samples if s[3] == 0 or s[3] >= 400)
    return {"requests": len(ms), "p50_ms": round(q[49], 1), "p95_ms": round(q[94], 1), "max_ms": round(ms[-1], 1),
            "errors": errors}  # fmt: skip


def phase_stats(samples: list, start: float, end: float) -> dict:
    inside = [s for s in samples if start <= s[0] < end]
    out = {"all": stats(inside)}
    for page in sorted({s[1] for s in inside}):
        out[page] = stats([s for s in inside if s[1] == page])
    return out


def run_job(path: Path, actor, max_minutes: float) -> dict:
    """The import page's path: upload kept under media, validation enqueued, then the confirmed write."""
    from egovnet.exchange import jobs
    from egovnet.exchange.choices import JobStatus
    from egovnet.exchange.models import ImportJob

    stored = jobs.upload_dir() / f"bench-{int(time.time())}.xlsx"
    shutil.copyfile(path, stored)
    job = ImportJob.objects.create(user=actor, registry="systems", original_name=path.name, stored_path=str(stored),
                                   fmt="xlsx")  # fmt: skip
    marks = {"enqueued": time.monotonic()}
    deadline = marks["enqueued"] + max_minutes * 60
    jobs.start(job, write=False)
    for wanted, write_next in ((JobStatus.VALIDATED, True), (JobStatus.DONE, False)):
        while True:
            job.refresh_from_db()
            if job.status == wanted:
                break
            if job.status in (JobStatus.FAILED, JobStatus.REJECTED) or time.monotonic() > deadline:
                raise SystemExit(f"import job {job.pk} ended as {job.status}: {job.message or job.report}")
            time.sleep(0.5)
        marks[str(wanted)] = time.monotonic()
        if write_next:
            jobs.start(job, write=True)
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--seconds", type=float, default=30, help="browsing without the import")
    parser.add_argument("--app-workers", type=int, default=2)
    parser.add_argument("--max-minutes", type=float, default=30, help="give up on the import after this")
    parser.add_argument("--label", default="")
    args = parser.parse_args()
    data_dir = Path(os.environ.get("EGOVNET_DATA_DIR", "/tmp/egovnet-bench-import"))
    data_dir.mkdir(parents=True, exist_ok=True)
    base.setup_django(data_dir)
    from django.db import connection, connections

    restorer = base.Restorer(data_dir)
    fresh = restorer.vendor == "sqlite" and not restorer.template.exists()
    base.build_world(args.orgs, args.seed)
    if fresh or restorer.vendor != "sqlite":
        restorer.save()
    path = data_dir / f"systems-{args.rows}-seed{args.seed}.xlsx"
    if not path.exists():
        base.write_file(path, args.rows, args.seed)
    restorer.restore()
    users = readers()
    cookies = [session_cookie(u) for u in users]
    pages = [pages_for(u) for u in users]
    connections.close_all()

    port = free_port()
    server = spawn(["serve", "--server", "gunicorn", "--workers", str(args.app_workers), "--port", str(port)],
                   data_dir / "browse-server.log")  # fmt: skip
    worker = spawn(["worker", "--interval", "0.5"], data_dir / "browse-worker.log")
    result: dict = {"rows": args.rows, "app_workers": args.app_workers, "vendor": connection.vendor,
                    "label": args.label}  # fmt: skip
    try:
        wait_up(port, server)
        stop = threading.Event()
        browsers = [Browser(u.username, port, c, p, stop) for u, c, p in zip(users, cookies, pages, strict=True)]
        for b in browsers:
            b.start()
        time.sleep(5)  # warm-up: every app process imports and connects
        result["load_average_without"] = base.load()
        t0 = time.monotonic()
        time.sleep(args.seconds)
        t1 = time.monotonic()
        result["load_average_during_start"] = base.load()
        marks = run_job(path, users[0], args.max_minutes)
        result["load_average_during_end"] = base.load()
        stop.set()
        for b in browsers:
            b.join(70)
    finally:
        for proc in (server, worker):
            proc.terminate()
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    done = marks["done"]
    result["job_s"] = {"validation": round(marks["validated"] - marks["enqueued"], 1),
                       "write": round(done - marks["validated"], 1), "total": round(done - marks["enqueued"], 1)}  # fmt: skip
    result["users"] = {}
    for b in browsers:
        result["users"][b.user] = {
            "without": phase_stats(b.samples, t0, t1),
            "during": phase_stats(b.samples, marks["enqueued"], done),
            "during_write": phase_stats(b.samples, marks["validated"], done),
        }
    print(json.dumps(result, ensure_ascii=False, indent=1))
    write(result)
    restorer.restore()
    return 0


def write(result: dict) -> None:
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    label = f"{result['label']}-" if result["label"] else ""
    out = base.RESULTS / f"import_browse-{result['vendor']}-{label}{stamp}"
    out.with_suffix(".json").write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n")
    job = result["job_s"]
    lines = [
        f"# import_browse {result['vendor']} {result['label']}".rstrip(),
        "",
        f"{result['rows']:,}-row systems import through the queue (one worker; validation {job['validation']} s,"
        f" write {job['write']} s after confirmation, {job['total']} s in all) while two users browse;"
        f" {result['app_workers']} gunicorn processes. Load average: without {result['load_average_without']},"
        f" during {result['load_average_during_start']} → {result['load_average_during_end']}.",
        "",
        "| user | page | without: n · p50 · p95 · max (ms) · errors | during the import | during its write |",
        "|---|---|---|---|---|",
    ]
    for user, phases in result["users"].items():
        for page in phases["without"]:
            cells = []
            for phase in ("without", "during", "during_write"):
                s = phases[phase].get(page, {"requests": 0})
                cells.append(
                    f"{s['requests']} · {s['p50_ms']} · **{s['p95_ms']}** · {s['max_ms']} · {s['errors']}"
                    if s["requests"] else "—"
                )  # fmt: skip
            lines.append(f"| {user} | {page} | " + " | ".join(cells) + " |")
    out.with_suffix(".md").write_text("\n".join(lines) + "\n")
    print(f"wrote {out}.{{json,md}}")


if __name__ == "__main__":
    raise SystemExit(main())
