"""Business application systems: classification, protection level, current and target network.

For classified systems the platform keeps the grade and a name only; both are redacted for users
without the clearance (see ``egovnet.systems.queries``). No content is ever stored.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from .choices import CoverageLevel, CurrentNetwork, SecrecyGrade, SystemStatus, TargetNetwork


class ApplicationSystem(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="systems"
    )
    is_classified = models.BooleanField(_("classified"), default=False)
    secrecy_grade = models.CharField(_("secrecy grade"), max_length=8, choices=SecrecyGrade.choices, blank=True)
    mlps_level = models.PositiveSmallIntegerField(
        _("MLPS level"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    current_network = models.CharField(
        _("current network"), max_length=24, choices=CurrentNetwork.choices, default=CurrentNetwork.NONE
    )
    current_dedicated_network = models.ForeignKey(
        "networks.Network",
        verbose_name=_("dedicated network"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="carried_systems",
    )
    target_network = models.CharField(_("target network"), max_length=28, choices=TargetNetwork.choices, blank=True)
    public_facing = models.BooleanField(_("public-facing"), default=False)
    cross_region = models.BooleanField(_("cross-region"), default=False)
    cross_department = models.BooleanField(_("cross-department"), default=False)
    shares_basic_info = models.BooleanField(_("shares basic information resources"), default=False)
    coverage_levels = models.JSONField(_("coverage"), default=list, blank=True)
    bandwidth_mbps = models.PositiveIntegerField(_("bandwidth need (Mbps)"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=SystemStatus.choices, default=SystemStatus.IN_OPERATION
    )
    secrecy_ref = models.CharField(_("classification reference"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    SCOPE = ScopeSpec(org="owner__")

    class Meta:
        verbose_name = _("application system")
        verbose_name_plural = _("application systems")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"], name="sys_name_id"),
            models.Index(fields=["owner", "id"], name="sys_owner_id"),
            models.Index(fields=["is_classified", "secrecy_grade"], name="sys_classification"),
            models.Index(fields=["current_network", "target_network"], name="sys_networks"),
        ]

    def __str__(self) -> str:
        # Never the name of a classified system: str() reaches logs and the audit log's object_repr.
        return f"涉密系统 #{self.pk}" if self.is_classified else self.name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.is_classified:
            if not self.secrecy_grade:
                errors["secrecy_grade"] = _("A classified system needs its secrecy grade (秘密 / 机密 / 绝密).")
            if self.mlps_level is not None:
                errors["mlps_level"] = _(
                    "MLPS (等保) levels apply to non-classified systems only; "
                    "classified systems are protected under 分级保护."
                )
        elif self.secrecy_grade:
            errors["secrecy_grade"] = _("A non-classified system has no secrecy grade.")
        unknown = [c for c in self.coverage_levels or [] if c not in CoverageLevel.values]
        if not isinstance(self.coverage_levels, list) or unknown:
            errors["coverage_levels"] = _("Unknown coverage level(s): %(v)s; use %(ok)s.") % {
                "v": ", ".join(map(str, unknown or [self.coverage_levels])),
                "ok": ", ".join(CoverageLevel.values),
            }
        if self.current_dedicated_network_id and self.current_network != CurrentNetwork.DEDICATED:
            errors["current_dedicated_network"] = _("Only a system currently on a dedicated network names one.")
        if errors:
            raise ValidationError(errors)
