"""What several benchmarks share: the national dataset's set-up, the benchmark users, a logged-in test client,
the timing loop of a page and the commit a result was measured on. Imported by scripts run as
``python benchmarks/<name>.py`` (their folder is first on ``sys.path``)."""

from __future__ import annotations

import statistics
import subprocess
import time
from pathlib import Path
from typing import Any


def national_dataset(seed: int, *, divisions: bool = False, timed: bool = True) -> None:
    """``django.setup()``, migrate, and ``egovnet generate --scale national --seed SEED`` unless a generation
    event is in the audit log; ``divisions`` loads the shipped divisions first where there are none."""
    import django

    django.setup()
    from django.core.management import call_command

    from egovnet.core.models import AuditEntry
    from egovnet.demo.generate import EVENT_TYPE
    from egovnet.geo.models import Division

    call_command("migrate", interactive=False, verbosity=0)
    if divisions and not Division.objects.exists():
        call_command("load-divisions")
    if not AuditEntry.objects.filter(object_type=EVENT_TYPE).exists():
        print(f"generating the national dataset (seed {seed}) …", flush=True)
        started = time.perf_counter()
        call_command("generate", "--scale", "national", "--seed", str(seed))
        if timed:
            print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)


def ensure_users(specs: dict[str, tuple[str, Any, Any, int, bool]]) -> dict[str, Any]:
    """username → (role, organisation scope, division scope, clearance, superuser): created once, then reused."""
    from egovnet.core.models import RoleAssignment, User

    users = {}
    for name, (role, org, division, clearance, superuser) in specs.items():
        user, created = User.objects.get_or_create(
            username=name, defaults={"clearance": clearance, "is_superuser": superuser, "is_staff": superuser}
        )
        if created:
            RoleAssignment.objects.create(user=user, role=role, org_scope=org, division_scope=division)
        users[name] = user
    return users


def logged_in_client(user: Any) -> Any:
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def measure(client: Any, url: str, n: int, budget_s: float = 30.0) -> dict:
    """Queries of one request, then p50/p95 over ``n`` requests (fewer, at least 5, past ``budget_s``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:  # warm-up request, counted for queries
        response = client.get(url)
    queries = len(ctx.captured_queries)  # read now: the next request resets the connection's query log
    times = []
    for _ in range(n):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        if len(times) >= 5 and sum(times) > budget_s * 1000:
            break
    times.sort()
    p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
    return {
        "status": response.status_code,
        "queries": queries,
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(p95, 1),
        "bytes": len(response.content),
        "n": len(times),
    }


def git_head(root: Path) -> str:
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%h %s"], capture_output=True, text=True)
        return out.stdout.strip()
    except OSError:
        return ""
