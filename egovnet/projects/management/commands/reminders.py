"""``egovnet reminders``: requests to authorities that are due soon or overdue (both sides see them)."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from egovnet.projects.reminders import due_requests


class Command(BaseCommand):
    help = "List pending requests to authorities that are overdue or due within N working days."

    def add_arguments(self, parser):
        parser.add_argument("--within", type=int, default=3, help="working days ahead (default 3)")
        parser.add_argument("--today", help="judge as of this date (YYYY-MM-DD)")

    def handle(self, *args, within: int, today: str | None, **options):
        try:
            day = dt.date.fromisoformat(today) if today else timezone.localdate()
        except ValueError as exc:
            raise CommandError(f"--today: {exc}") from exc
        if within < 0:
            raise CommandError("--within must be ≥ 0")
        rows = due_requests(day, within)
        for r in rows:
            state = "OVERDUE 逾期" if r.overdue else "DUE 将到期"
            self.stdout.write(
                f"{state}\t{r.request.due_on}\t#{r.request.pk}\t{r.request.get_kind_display()}\t"
                f"{r.request.project.name}\t→ {r.request.authority.name}\t({r.working_days:+d} working days)"
            )
        self.stdout.write(f"{sum(r.overdue for r in rows)} overdue, {sum(not r.overdue for r in rows)} due soon.")
        from egovnet.tasks import notify  # the same path as the inbox: notices once, then the daily digest

        made = notify.sweep(day)
        mailed = notify.send_digests(day)
        self.stdout.write(f"{made} new notices, {mailed} digests e-mailed.")
