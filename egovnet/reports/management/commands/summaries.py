"""``egovnet summaries [--rebuild] [--date YYYY-MM-DD]``: show or rebuild the dashboards' summary tables."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from egovnet.reports import summaries
from egovnet.reports.models import ReportSnapshot


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date: {value!r} 日期格式应为 YYYY-MM-DD / expected YYYY-MM-DD") from exc


class Command(BaseCommand):
    help = "统计汇总表（仪表盘所示数据）/ The summary tables the dashboards read: show their age, or rebuild them."

    def add_arguments(self, parser):
        parser.add_argument("--rebuild", action="store_true", help="recompute every summary now")
        parser.add_argument("--date", type=_date, default=None, help="figures for this date (default today)")

    def handle(self, *args, **opts):
        if opts["rebuild"]:
            for kind, seconds in summaries.rebuild(opts["date"]).items():
                self.stdout.write(f"rebuilt {kind} in {seconds:.2f} s")
            return
        snaps = list(ReportSnapshot.objects.defer("payload").order_by("kind"))
        if not snaps:
            self.stdout.write("尚无汇总，页面实时计算 / no summaries yet: pages compute live (use --rebuild)")
        for s in snaps:
            self.stdout.write(
                f"{s.kind}: figures for {s.day}, computed {s.computed_at:%Y-%m-%d %H:%M:%S} in {s.seconds} s"
            )
