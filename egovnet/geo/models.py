"""Administrative divisions (GB/T 2260 codes, MCA list) with validity dates.

A code that disappears from a newer list is marked invalid from that date, never deleted, so that
coverage denominators of earlier dates stay reproducible.
"""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import DivisionLevel

KINMEN_CODE = "350527"  # 金门县: in the MCA list, never reachable by mainland e-government


class DivisionQuerySet(models.QuerySet):
    def valid_on(self, day: dt.date) -> DivisionQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gt=day)
        )

    def current(self) -> DivisionQuerySet:
        return self.filter(valid_to__isnull=True)


class Division(models.Model):
    code = models.CharField(_("code"), max_length=6, primary_key=True)
    name = models.CharField(_("name"), max_length=50, db_index=True)
    level = models.CharField(_("level"), max_length=12, choices=DivisionLevel.choices, db_index=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    kind = models.CharField(_("type"), max_length=20, blank=True)
    province_code = models.CharField(max_length=6, db_index=True)
    prefecture_code = models.CharField(max_length=6, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("invalid from"), null=True, blank=True, db_index=True)
    name_history = models.JSONField(default=list, blank=True)
    source = models.CharField(_("code list"), max_length=60, blank=True)

    objects = DivisionQuerySet.as_manager()

    SCOPE = None  # reference data: visible to every signed-in user

    class Meta:
        verbose_name = _("administrative division")
        verbose_name_plural = _("administrative divisions")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"

    @property
    def is_valid(self) -> bool:
        return self.valid_to is None

    @property
    def directly_under_province(self) -> bool:
        """County-level units whose parent is a province (municipal districts, 省直辖县级单位)."""
        return self.level == DivisionLevel.COUNTY and self.parent_id == self.province_code
