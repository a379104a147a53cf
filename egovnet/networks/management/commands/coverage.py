"""egovnet coverage [--format text|json] [--date YYYY-MM-DD] [--snapshot]"""

import datetime as dt
import json

from django.core.management.base import BaseCommand, CommandError

from egovnet.core.services import system_actor
from egovnet.networks.planning.coverage import compute_coverage
from egovnet.networks.planning.snapshots import coverage_snapshot


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"--date: {value!r} is not a date (YYYY-MM-DD) / 日期格式应为 YYYY-MM-DD") from exc


def _fmt(part: int, total: int) -> str:
    return f"{part}/{total}" + (f" ({100 * part / total:.1f}%)" if total else " (—)")


class Command(BaseCommand):
    help = "Extranet coverage of every province, prefecture and county (computed from the registry)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--date", type=_date, default=None, help="coverage on this date (default today)")
        parser.add_argument("--snapshot", action="store_true", help="also store the result as a CoverageSnapshot")

    def handle(self, *args, **opts):
        day = opts["date"] or dt.date.today()
        report = compute_coverage(day)
        if opts["snapshot"]:
            rows = coverage_snapshot(actor=system_actor(), day=day)
            self.stderr.write(f"snapshot {day.isoformat()}: {rows} rows")
        if opts["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(with_regions=True), ensure_ascii=False, indent=1))
            return
        n = report.national
        self.stdout.write(
            f"coverage {day.isoformat()}: provinces linked {_fmt(report.provinces_linked, len(report.provinces))}; "
            f"prefectures {_fmt(n.prefectures_covered, n.prefectures_total)}; "
            f"counties {_fmt(n.counties_covered, n.counties_total)}; "
            f"county-level departments connected {_fmt(n.departments_connected, n.departments_total)}"
        )
        for p in report.provinces:
            c = p.counts
            self.stdout.write(
                f"{p.code} {p.name}: platform={'yes' if p.platform_present else 'no'} "
                f"backbone={'yes' if p.linked_to_backbone else 'no'} "
                f"prefectures {_fmt(c.prefectures_covered, c.prefectures_total)} "
                f"counties {_fmt(c.counties_covered, c.counties_total)} "
                f"departments {_fmt(c.departments_connected, c.departments_total)}"
            )
