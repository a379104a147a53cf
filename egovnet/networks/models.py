"""Networks: intranet and extranet platforms by level and division, and dedicated business networks."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec
from egovnet.orgs.choices import Level

from .choices import BuiltOn, ComponentKind, NetworkFamily, NetworkScope, NetworkStatus


class Network(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    family = models.CharField(_("network"), max_length=12, choices=NetworkFamily.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=ComponentKind.choices, default=ComponentKind.PLATFORM)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    division = models.ForeignKey(
        "geo.Division",
        verbose_name=_("division"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="networks",
    )
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="networks"
    )
    operator = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("operator"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="operated_networks",
    )
    scope = models.CharField(_("scope"), max_length=12, choices=NetworkScope.choices, default=NetworkScope.NATIONAL)
    status = models.CharField(_("status"), max_length=12, choices=NetworkStatus.choices, default=NetworkStatus.ACTIVE)
    built_on = models.CharField(_("built on"), max_length=16, choices=BuiltOn.choices, default=BuiltOn.SELF_BUILT)
    established_on = models.DateField(_("established on"), null=True, blank=True)
    annual_om_cost_10k_yuan = models.DecimalField(
        _("annual O&M cost (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # Intranet: only an attested reference, never topology detail (context.md ).
    attestation_ref = models.CharField(_("attestation reference"), max_length=120, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    SCOPE = ScopeSpec(org="owner__")

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"], name="net_name_id"),
            models.Index(fields=["family", "level"], name="net_family_level"),
            models.Index(fields=["family", "status"], name="net_family_status"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.family == NetworkFamily.DEDICATED and self.kind == ComponentKind.PLATFORM:
            raise ValidationError(
                {"kind": _("A dedicated network needs a kind (WAN backbone, metro, access lines, …).")}
            )
        if self.annual_om_cost_10k_yuan is not None and self.annual_om_cost_10k_yuan < 0:
            raise ValidationError({"annual_om_cost_10k_yuan": _("The O&M cost cannot be negative.")})
        if self.level != Level.CENTRAL and self.division_id is None:
            raise ValidationError({"division": _("A provincial, prefecture or county network needs a division.")})
