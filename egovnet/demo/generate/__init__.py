"""The national-scale synthetic dataset (``egovnet generate``): deterministic, bulk-written, audited once.

Same seed and same starting database → the same rows (ids included). Rows are planned in memory with
their final ids and paths, then written with ``bulk_create`` in one transaction; the generation is
recorded as ONE audit event (docs/decisions/0280-synthetic-bulk-data-audited-as-one-event.md).
"""

from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import asdict, dataclass, field
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from egovnet.core import audit
from egovnet.core.choices import AuditAction
from egovnet.core.dbstats import refresh_planner_statistics
from egovnet.core.models import AuditEntry
from egovnet.geo.models import KINMEN_CODE, Division
from egovnet.networks.models import Connection, Network
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

from .assets import plan_connections, plan_networks, plan_systems
from .orgs import Div, plan_organisations

EVENT_TYPE = "core.generation"
SCALES = {"national": (100_000, 200_000), "small": (4_000, 6_000)}
BATCH = 2_000


class GenerateRefused(Exception):
    """The database is not one the generator may fill (non-demo data, or already generated)."""


@dataclass
class GenerateReport:
    seed: int
    scale: str
    organisations: int = 0
    networks: int = 0
    systems: int = 0
    connections: int = 0
    id_ranges: dict[str, list[int]] = field(default_factory=dict)
    digest: str = ""
    seconds: dict[str, float] = field(default_factory=dict)


def refusal(force: bool) -> str | None:
    """Why the generator must not run here (None = it may)."""
    if force:
        return None
    for model in (Organisation, Network, ApplicationSystem):
        if model.objects.filter(is_demo=False).exists():
            return (
                f"数据库中已有非演示数据（{model._meta.verbose_name}）：合成数据不得混入真实登记，如确需请加 --force。"
                f" / The database holds non-demo {model._meta.verbose_name_plural}; synthetic data must not be mixed"
                " into a real registry (use --force to override)."
            )
    if AuditEntry.objects.filter(object_type=EVENT_TYPE).exists():
        return (
            "该数据库已生成过合成数据；请使用新的数据目录，或加 --force 再生成一批。"
            " / Synthetic data was already generated here; use a fresh data directory, or --force to add another set."
        )
    return None


def _divisions() -> list[Div]:
    # 金门县 is in the code list but out of reach of mainland e-government: no organisations there.
    current = Division.objects.current().exclude(code=KINMEN_CODE).order_by("code")
    rows = list(current.values_list("code", "name", "level", "parent_id"))
    by_code = {code: name for code, name, _, _ in rows}
    municipalities = {"110000", "120000", "310000", "500000"}
    divs = []
    for code, name, level, parent in rows:
        if level == "county" and parent and (parent not in municipalities and parent.endswith("0000")):
            display = name  # a county-level unit directly under a province (济源市)
        else:
            display = f"{by_code[parent]}{name}" if level == "county" and parent else name
        divs.append(Div(code, name, level, display))
    return divs


def _next_id(model: Any) -> int:
    return (model.objects.aggregate(m=Max("id"))["m"] or 0) + 1


def _digest(*tables: list[dict[str, Any]]) -> str:
    h = hashlib.sha256()
    for table in tables:
        for row in table:
            h.update(json.dumps(row, sort_keys=True, default=str, ensure_ascii=False).encode())
    return h.hexdigest()


def _write(model: Any, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        model.objects.bulk_create([model(is_demo=True, **r) for r in rows[start : start + BATCH]], batch_size=BATCH)


def _reset_sequences() -> None:
    """Explicit ids do not advance PostgreSQL sequences: move them past the generated ids."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Organisation, Network, ApplicationSystem, Connection])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def generate(*, actor: Any, seed: int, scale: str = "national", orgs: int | None = None, systems: int | None = None,
             force: bool = False) -> GenerateReport:  # fmt: skip
    """Fill the database with a synthetic national dataset; all-or-nothing, one audit event."""
    default_orgs, default_systems = SCALES[scale]
    n_orgs, n_systems = orgs or default_orgs, systems or default_systems
    report = GenerateReport(seed=seed, scale=scale)
    clock = time.perf_counter()
    with transaction.atomic():
        reason = refusal(force)
        if reason:
            raise GenerateRefused(reason)
        rng = random.Random(seed)
        org_rows = plan_organisations(rng, _next_id(Organisation), n_orgs, _divisions())
        org_dicts = [asdict(r) for r in org_rows]
        net_rows = plan_networks(rng, _next_id(Network), org_rows, max(10, n_orgs // 33))
        dedicated = [n["id"] for n in net_rows if n["family"] == "dedicated"]
        sys_rows = plan_systems(rng, _next_id(ApplicationSystem), n_systems, org_rows, dedicated)
        # planned last, so the same seed still gives the same organisations, networks and systems as before
        conn_rows = plan_connections(rng, _next_id(Connection), org_rows, net_rows)
        report.seconds["plan"] = round(time.perf_counter() - clock, 2)
        _write(Organisation, org_dicts)
        _write(Network, net_rows)
        _write(ApplicationSystem, sys_rows)
        _write(Connection, conn_rows)
        _reset_sequences()
        refresh_planner_statistics([Organisation, Network, ApplicationSystem, Connection])
        report.seconds["write"] = round(time.perf_counter() - clock - report.seconds["plan"], 2)
        report.organisations, report.networks, report.systems = len(org_rows), len(net_rows), len(sys_rows)
        report.connections = len(conn_rows)
        report.id_ranges = {
            "orgs.organisation": [org_rows[0].id, org_rows[-1].id],
            "networks.network": [net_rows[0]["id"], net_rows[-1]["id"]],
            "systems.applicationsystem": [sys_rows[0]["id"], sys_rows[-1]["id"]] if sys_rows else [],
            "networks.connection": [conn_rows[0]["id"], conn_rows[-1]["id"]] if conn_rows else [],
        }
        report.digest = _digest(org_dicts, net_rows, sys_rows, conn_rows)
        audit.record_event(
            actor=actor,
            action=AuditAction.IMPORT,
            object_type=EVENT_TYPE,
            object_id=f"seed={seed}",
            description=f"合成数据生成 synthetic dataset ({scale}, seed {seed}): {len(org_rows)} organisations, "
            f"{len(net_rows)} networks, {len(sys_rows)} systems, {len(conn_rows)} connections",
            after={k: v for k, v in asdict(report).items() if k != "seconds"},
            reason="合成演示数据（is_demo），批量写入，整体记一条审计事件 / synthetic demo data written in bulk, audited as one event",
        )
    report.seconds["total"] = round(time.perf_counter() - clock, 2)
    return report
