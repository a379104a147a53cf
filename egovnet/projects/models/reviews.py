"""Review meetings (评议 / 评审) and the expert invitations of article 8."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from ..choices import InvitationResponse, InviteeBody, ReviewType


class ReviewMeeting(BaseModel):
    project = models.ForeignKey("projects.Project", on_delete=models.CASCADE, related_name="reviews")
    review_type = models.CharField(_("review type"), max_length=24, choices=ReviewType.choices)
    organiser = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("organiser"), on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField(_("meeting date"))
    opinion = models.TextField(_("panel opinion"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    concluded_at = models.DateTimeField(_("concluded at"), null=True, blank=True)
    # A cancelled meeting no longer counts as a review (article 8); the reason is required and audited.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("review meeting")
        verbose_name_plural = _("review meetings")
        ordering = ["project", "date", "id"]

    def __str__(self) -> str:
        return f"{self.get_review_type_display()} {self.date}"


class ExpertInvitation(BaseModel):
    meeting = models.ForeignKey(ReviewMeeting, on_delete=models.CASCADE, related_name="invitations")
    body = models.CharField(_("invited body"), max_length=24, choices=InviteeBody.choices)
    invitee = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("invited organisation"), on_delete=models.PROTECT, related_name="+"
    )
    sent_on = models.DateField(_("sent on"))
    response = models.CharField(
        _("response"), max_length=12, choices=InvitationResponse.choices, default=InvitationResponse.NO_RESPONSE
    )
    expert_name = models.CharField(_("expert"), max_length=100, blank=True)
    expert_org = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("expert's organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    SCOPE = ScopeSpec(org="meeting__project__owner__")

    class Meta:
        verbose_name = _("expert invitation")
        verbose_name_plural = _("expert invitations")
        ordering = ["meeting", "body"]
        constraints = [models.UniqueConstraint(fields=["meeting", "body"], name="invitation_one_per_body")]

    def __str__(self) -> str:
        return f"{self.get_body_display()} → {self.invitee}"
