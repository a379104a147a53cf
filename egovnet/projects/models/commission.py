"""The project owner commissions a registered, qualified assessment agency (article 11, A-11.1)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from ..choices import CommissionStatus, DocumentResult, Qualification


class AssessmentCommission(BaseModel):
    """One assessment (分保 / 等保 / 风险评估 / 密评) commissioned from one agency qualification.

    The agency's users see the project only through this row (scope), and record the result on it;
    the result becomes the assessment report evidence the engine's G-ACCEPT-APPLY gate reads.
    """

    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="commissions")
    agency = models.ForeignKey(
        "projects.AssessmentAgency",
        verbose_name=_("assessment agency qualification"),
        on_delete=models.PROTECT,
        related_name="commissions",
    )
    assessment_type = models.CharField(_("assessment type"), max_length=12, choices=Qualification.choices)
    status = models.CharField(
        _("status"), max_length=14, choices=CommissionStatus.choices, default=CommissionStatus.COMMISSIONED
    )
    commissioned_on = models.DateField(_("commissioned on"))
    commissioned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(_("note"), max_length=300, blank=True)
    result = models.CharField(_("conclusion"), max_length=12, choices=DocumentResult.choices, blank=True)
    report_ref = models.CharField(_("report reference number"), max_length=120, blank=True)
    report_date = models.DateField(_("report date"), null=True, blank=True)
    issues = models.TextField(_("issues found"), blank=True)
    withdrawn_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    report = models.ForeignKey("projects.Evidence", null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("assessment commission")
        verbose_name_plural = _("assessment commissions")
        ordering = ["project", "id"]
        indexes = [
            models.Index(fields=["agency", "status"], name="acomm_agency_status"),
            models.Index(fields=["project", "assessment_type"], name="acomm_project_type"),
        ]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.get_assessment_type_display()}"
