"""Rows the background workers keep: their heartbeat, and which scheduled runs were already enqueued."""

from django.db import models


class WorkerHeartbeat(models.Model):
    """One row per running ``egovnet worker``; a row not seen for a while means its worker died."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    hostname = models.CharField(max_length=255)
    pid = models.PositiveIntegerField()
    started = models.DateTimeField()
    last_seen = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.worker_id} ({self.hostname}:{self.pid})"


class ScheduledRun(models.Model):
    """A schedule entry's run for one period (e.g. ``sweep`` / ``2026-12-03``): unique, so it is enqueued once."""

    name = models.CharField(max_length=64)
    period = models.CharField(max_length=32)
    enqueued = models.DateTimeField(auto_now_add=True)
    task_id = models.CharField(max_length=64, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["name", "period"], name="scheduled_run_once_per_period")]

    def __str__(self) -> str:
        return f"{self.name}@{self.period}"
