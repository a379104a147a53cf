"""Summary tables: the aggregates the dashboards show, precomputed so that a page reads a few rows.

``RegistryCount`` holds registry counts per *scope key*, so that a reader's scope is a sum of rows: "" is the
whole registry (central-level owners included), a 2- or 4-digit GB/T 2260 prefix is what a division-scoped role
assignment sees (owners in that province / prefecture, central-level owners excluded: ``core.permissions``).
``ReportSnapshot`` holds national report payloads (coverage, targets, findings, capacity hot spots) that carry
no reader-specific content; per-reader parts (names of classified systems) are resolved when the page renders.
Both are rebuilt by ``egovnet summaries --rebuild`` and by the ``reports.tasks.refresh_summaries`` task.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RegistryCount(models.Model):
    scope = models.CharField(_("scope key"), max_length=6, blank=True)
    metric = models.CharField(_("metric"), max_length=32)
    a = models.CharField(max_length=32, null=True, blank=True)
    b = models.CharField(max_length=32, null=True, blank=True)
    n = models.PositiveIntegerField()

    class Meta:
        verbose_name = _("registry count (summary)")
        verbose_name_plural = _("registry counts (summary)")
        indexes = [models.Index(fields=["scope", "metric"], name="reports_regcount_scope")]

    def __str__(self) -> str:
        return f"{self.scope or '*'} {self.metric} {self.a}/{self.b}: {self.n}"


class ReportSnapshot(models.Model):
    kind = models.CharField(_("kind"), max_length=32, unique=True)
    day = models.DateField(_("figures for"))
    computed_at = models.DateTimeField(_("computed at"))
    seconds = models.FloatField(_("build time (s)"), default=0.0)
    payload = models.JSONField(_("payload"), default=dict)

    class Meta:
        verbose_name = _("report snapshot (summary)")
        verbose_name_plural = _("report snapshots (summary)")

    def __str__(self) -> str:
        return f"{self.kind} {self.day} ({self.computed_at:%Y-%m-%d %H:%M})"
