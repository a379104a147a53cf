"""Evidence: typed documents of a project (the dossier's document types).

Classified material is kept as a reference only (context.md §4.5): ``opaque`` evidence never has a file.
A document belongs to the project, not to a stage, so once it has passed a gate it is reused later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from ..choices import DocumentResult, DocumentType, FilingStage, PlanStage, Stage


class Evidence(BaseModel):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="evidence")
    local_part = models.ForeignKey(
        "projects.LocalPart", null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    doc_type = models.CharField(_("document type"), max_length=40, choices=DocumentType.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    issuer = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("issuer"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="issued_evidence",
    )
    ref_no = models.CharField(_("reference number"), max_length=120, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=12, choices=DocumentResult.choices, blank=True)
    applications = models.ManyToManyField(
        "projects.ProjectApplication", verbose_name=_("applications covered"), blank=True, related_name="evidence"
    )
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    filing_stage = models.CharField(_("filing stage"), max_length=10, choices=FilingStage.choices, blank=True)
    plan_stage = models.CharField(_("plan stage"), max_length=10, choices=PlanStage.choices, blank=True)
    sections = models.JSONField(_("sections"), default=list, blank=True)
    references = models.JSONField(_("references"), default=list, blank=True)
    addresses_network_use = models.BooleanField(_("addresses network use"), default=False)
    approves = models.CharField(_("approves"), max_length=40, choices=DocumentType.choices, blank=True)
    in_lieu_of_proposal = models.BooleanField(_("stands in for the proposal"), default=False)
    agency = models.ForeignKey(
        "projects.AssessmentAgency",
        verbose_name=_("assessment agency qualification"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reports",
    )
    risk_parts = models.JSONField(_("risk assessment parts"), default=list, blank=True)
    checks = models.JSONField(_("sub-checks"), default=dict, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signed_at = models.DateTimeField(_("signed at"), null=True, blank=True)
    opaque = models.BooleanField(_("classified (reference only)"), default=False)
    submitted_stage = models.CharField(_("submitted at stage"), max_length=24, choices=Stage.choices, blank=True)
    # Path in the default storage (under MEDIA_ROOT), named by the SHA-256: the user's file name never
    # reaches the file system. A plain CharField keeps the audit snapshot a simple string.
    file_path = models.CharField(_("stored file"), max_length=200, blank=True)
    file_sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    file_size = models.PositiveBigIntegerField(_("file size"), null=True, blank=True)
    file_content_type = models.CharField(_("file type"), max_length=100, blank=True)
    file_name = models.CharField(_("original file name"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["project", "doc_type", "id"]
        indexes = [models.Index(fields=["project", "doc_type"], name="evid_project_type")]

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()} {self.ref_no}".strip()
