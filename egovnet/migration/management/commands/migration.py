"""``egovnet migration plans|progress|overdue [--format text|json] [--user NAME]`` (第四条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from egovnet.core import permissions
from egovnet.migration.models import MigrationPlan
from egovnet.migration.services import progress
from egovnet.systems.queries import shown_name

from ._cli import dump_json, reader


class Command(BaseCommand):
    help = "迁移计划、进度与逾期事项 / Migration plans, progress and overdue items (article 4)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("report", choices=["plans", "progress", "overdue"])
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--user", help="report as this user (scope and clearance); default: whole database")
        parser.add_argument("--as-of", help="date for overdue status (YYYY-MM-DD), default today")

    def handle(self, *args: Any, **opts: Any) -> None:
        user = reader(opts["user"])
        try:
            as_of = dt.date.fromisoformat(opts["as_of"]) if opts["as_of"] else None
        except ValueError:
            raise CommandError("--as-of 须为 YYYY-MM-DD / --as-of must be YYYY-MM-DD") from None
        data = getattr(self, f"_{opts['report']}")(user, as_of)
        if opts["format"] == "json":
            self.stdout.write(dump_json(data))
            return
        for line in self._text(opts["report"], data):
            self.stdout.write(line)

    def _plans(self, user: Any, as_of: dt.date | None) -> list[dict[str, Any]]:
        counts = {r["plan_id"]: r for r in progress.by_department(user, as_of)}
        plans = (
            permissions.restrict(MigrationPlan.objects.all(), user, "view")
            .select_related("department", "effective_version")
            .order_by("title", "id")
        )
        out = []
        for plan in plans:
            c = counts.get(plan.pk, {"total": 0, "migrated": 0, "overdue": 0, "percent": 0.0})
            v = plan.effective_version
            out.append(
                {
                    "id": plan.pk,
                    "department": plan.department.name,
                    "title": plan.title,
                    "version": v.number if v else None,
                    "status": v.status if v else None,
                    "approved": plan.has_approved,
                    **{k: c[k] for k in ("total", "migrated", "overdue", "percent")},
                }
            )
        return out

    def _progress(self, user: Any, as_of: dt.date | None) -> dict[str, Any]:
        return {
            "nation": progress.nation(user, as_of),
            "provinces": progress.by_province(user, as_of),
            "departments": progress.by_department(user, as_of),
            "networks": progress.by_network(user, as_of),
            "trend": progress.trend(user),
            "departments_without_plan": [
                {"id": o.pk, "name": o.name, "dedicated_networks": o.dedicated_count, "draft_plan": o.plan_id}
                for o in progress.with_dedicated_counts(list(progress.departments_without_plan(user)))
            ],
        }

    def _overdue(self, user: Any, as_of: dt.date | None) -> list[dict[str, Any]]:
        today = as_of or dt.date.today()
        return [
            {
                "item": i.pk,
                "department": i.plan_version.plan.department.name,
                "system": shown_name(user, i.system),
                "from_network": i.from_network.name,
                "planned_date": i.planned_date.isoformat(),
                "days_late": (today - i.planned_date).days,
                "status": i.status,
            }
            for i in progress.overdue_items(user, as_of).select_related("system")
        ]

    def _text(self, report: str, data: Any) -> list[str]:
        if report == "plans":
            return [
                f"{p['id']}\t{p['department']}\tv{p['version']} {p['status']}\t已迁 migrated {p['migrated']}/{p['total']} "
                f"({p['percent']}%)\t逾期 overdue {p['overdue']}"
                for p in data
            ] or ["（无迁移计划 / no migration plans）"]
        if report == "overdue":
            return [
                f"#{i['item']}\t{i['department']}\t{i['system']}\t{i['from_network']}\t计划 planned {i['planned_date']}"
                f"\t逾期 {i['days_late']} 天 days late"
                for i in data
            ] or ["（无逾期事项 / no overdue items）"]
        n = data["nation"]
        lines = [
            f"全国 nation: 已迁 migrated {n['migrated']}/{n['total']} ({n['percent']}%), 逾期 overdue {n['overdue']}"
        ]
        lines += [
            f"  {r['name']}\t{r['migrated']}/{r['total']} ({r['percent']}%)\t逾期 {r['overdue']}"
            for r in data["provinces"]
        ]
        lines += [f"待退役专网 ready to retire: {r['network_name']}" for r in data["networks"] if r["ready_to_retire"]]
        lines += [f"  {t['month']}\t累计已迁 cumulative {t['cumulative']}" for t in data["trend"]]
        lines += [
            f"R-4.1 第四条 无已批准迁移计划 no approved plan: {d['name']} ({d['dedicated_networks']} 专网 dedicated networks)"
            for d in data["departments_without_plan"]
        ]
        return lines
