"""egovnet load-divisions [--file CSV] [--as-of YYYY-MM-DD] [--source LABEL]"""

import datetime as dt
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from egovnet.core.services import system_actor
from egovnet.geo import services


class Command(BaseCommand):
    help = "Load or update the administrative divisions from a GB/T 2260 code list (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=services.DEFAULT_FILE)
        parser.add_argument(
            "--as-of",
            type=dt.date.fromisoformat,
            default=None,
            help="date from which removed codes are invalid and new codes valid",
        )
        parser.add_argument("--source", default=services.DEFAULT_SOURCE)

    def handle(self, *args, **opts):
        if not opts["file"].exists():
            raise CommandError(f"--file: {opts['file']} does not exist")
        try:
            report = services.divisions_load(
                actor=system_actor(), path=opts["file"], as_of=opts["as_of"], source=opts["source"]
            )
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(f"divisions: {report.summary()}")
