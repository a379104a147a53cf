"""Requests from a department to a competent authority (同级), decided in the authority's inbox."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from ..choices import RequestKind, RequestStatus


class AuthorityRequest(BaseModel):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="requests")
    local_part = models.ForeignKey(
        "projects.LocalPart", null=True, blank=True, on_delete=models.CASCADE, related_name="requests"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=RequestKind.choices)
    authority = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("competent authority"), on_delete=models.PROTECT, related_name="inbox"
    )
    resolver_explanation = models.TextField(_("why this authority"), blank=True)
    applications = models.ManyToManyField(
        "projects.ProjectApplication", verbose_name=_("applications"), blank=True, related_name="requests"
    )
    note = models.TextField(_("note"), blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    submitted_on = models.DateField(_("submitted on"))
    due_on = models.DateField(_("statutory deadline"))
    status = models.CharField(_("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_ref = models.CharField(_("decision reference number"), max_length=120, blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    evidence = models.OneToOneField(
        "projects.Evidence", null=True, blank=True, on_delete=models.SET_NULL, related_name="request"
    )

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("request to an authority")
        verbose_name_plural = _("requests to authorities")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["authority", "status", "due_on"], name="req_inbox"),
            models.Index(fields=["project", "kind"], name="req_project_kind"),
            models.Index(fields=["status", "due_on"], name="req_status_due"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} #{self.pk}"
