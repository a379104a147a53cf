"""Inbox work on the task queue: the daily reminders run (notices for everyone, then the e-mail digest)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from . import notify


@task()
def daily_reminders() -> dict:
    """What ``egovnet reminders`` does, on the schedule: new notices for every user, then the digests."""
    day = timezone.localdate()
    return {"notices": notify.sweep(day), "digests": notify.send_digests(day)}
