"""egovnet targets [--format text|json] [--date YYYY-MM-DD]"""

import datetime as dt
import json

from django.core.management.base import BaseCommand

from egovnet.networks.planning.targets import targets_report

from .coverage import _date


class Command(BaseCommand):
    help = "Programme targets (articles 1–3 and administrator-added): met / on track / late, with forecast."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument("--date", type=_date, default=None)

    def handle(self, *args, **opts):
        report = targets_report(opts["date"] or dt.date.today())
        if opts["format"] == "json":
            self.stdout.write(json.dumps(report, ensure_ascii=False, indent=1))
            return
        self.stdout.write(f"targets {report['date']} ({report['snapshots']} snapshots)")
        for t in report["targets"]:
            self.stdout.write(f"[{t['status']}] {t['code']}: {t['explanation']}")
