"""Reference data: registered assessment agencies (article 11) and the working-day calendar."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel

from ..choices import Qualification


class AssessmentAgency(BaseModel):
    """An assessment agency's qualification (分保 / 等保 / 风险评估) and its validity (A-11.1)."""

    organisation = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("agency"), on_delete=models.PROTECT, related_name="qualifications"
    )
    qualification = models.CharField(_("qualification"), max_length=12, choices=Qualification.choices)
    certificate_no = models.CharField(_("certificate number"), max_length=120)
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))

    SCOPE = None  # reference data: every signed-in user reads it, admins maintain it

    class Meta:
        verbose_name = _("assessment agency qualification")
        verbose_name_plural = _("assessment agency qualifications")
        ordering = ["organisation", "qualification"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "qualification"], name="agency_one_per_qualification")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.get_qualification_display()}"

    def valid_on(self, day: dt.date) -> bool:
        return self.valid_from <= day <= self.valid_to


class Holiday(models.Model):
    """A public holiday (no work) or a make-up working day on a weekend (调休)."""

    date = models.DateField(_("date"), primary_key=True)
    name = models.CharField(_("name"), max_length=60)
    is_workday = models.BooleanField(_("make-up working day"), default=False)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"
