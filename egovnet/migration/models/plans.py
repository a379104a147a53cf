"""Migration plans of dedicated business networks (第四条): plan, versions, items, status history.

Plan *content* (scheme, items, targets, dates) is versioned: only a draft version can change, an
approved version is read-only, a change starts a new draft copied from the approved one. The
*execution* of the in-force version (item status and evidence references) is recorded on the items of
the effective version and carried into later versions (docs/decisions/0600).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec
from egovnet.systems.choices import TargetNetwork

from ..choices import ItemStatus, PlanStatus


class MigrationPlan(BaseModel):
    """One department's migration plan; its content lives in versions."""

    department = models.OneToOneField(
        "orgs.Organisation", verbose_name=_("department"), on_delete=models.PROTECT, related_name="migration_plan"
    )
    title = models.CharField(_("title"), max_length=200)
    # The version whose items count for progress and funding: the latest approved, else the latest draft.
    effective_version = models.ForeignKey(
        "PlanVersion",
        verbose_name=_("effective version"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    has_approved = models.BooleanField(_("has an approved version"), default=False, db_index=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    SCOPE = ScopeSpec(org="department__")

    class Meta:
        verbose_name = _("migration plan")
        verbose_name_plural = _("migration plans")
        ordering = ["title", "id"]
        indexes = [models.Index(fields=["title", "id"], name="mig_plan_title_id")]

    def __str__(self) -> str:
        return self.title


class PlanVersion(BaseModel):
    plan = models.ForeignKey(MigrationPlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version number"))
    status = models.CharField(_("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    scheme = models.TextField(_("implementation scheme"), blank=True)
    phases = models.JSONField(_("phases"), default=list, blank=True)
    based_on = models.ForeignKey(
        "self", verbose_name=_("based on"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        "core.User", verbose_name=_("submitted by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        "core.User", verbose_name=_("approved by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approval_ref = models.CharField(_("approval reference"), max_length=120, blank=True)

    SCOPE = ScopeSpec(org="plan__department__")

    class Meta:
        verbose_name = _("migration plan version")
        verbose_name_plural = _("migration plan versions")
        ordering = ["plan_id", "-number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="mig_version_unique_number")]
        indexes = [models.Index(fields=["status", "plan"], name="mig_version_status")]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number}"


class MigrationItem(BaseModel):
    """One application system's move from a dedicated network to its target network."""

    plan_version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="items"
    )
    system = models.ForeignKey(
        "systems.ApplicationSystem", verbose_name=_("application system"), on_delete=models.PROTECT, related_name="+"
    )
    from_network = models.ForeignKey(
        "networks.Network", verbose_name=_("from network"), on_delete=models.PROTECT, related_name="migration_items"
    )
    target_network = models.CharField(_("target network"), max_length=28, choices=TargetNetwork.choices)
    deviation_ref = models.CharField(_("approved deviation reference"), max_length=120, blank=True)
    planned_date = models.DateField(_("planned cut-over date"))
    status = models.CharField(_("status"), max_length=16, choices=ItemStatus.choices, default=ItemStatus.PLANNED)
    cutover_ref = models.CharField(_("cut-over evidence reference"), max_length=120, blank=True)
    cutover_date = models.DateField(_("cut-over date"), null=True, blank=True)
    decommission_ref = models.CharField(_("decommissioning evidence reference"), max_length=120, blank=True)
    decommission_date = models.DateField(_("decommissioning date"), null=True, blank=True)
    notes = models.CharField(_("notes"), max_length=500, blank=True)
    # Denormalised "belongs to its plan's effective version", kept by the services (plan_create, item_add,
    # version_approve), so national progress queries filter one indexed column instead of joining twice.
    is_effective = models.BooleanField(_("in the effective version"), default=False, editable=False)

    SCOPE = ScopeSpec(org="plan_version__plan__department__")

    class Meta:
        verbose_name = _("migration item")
        verbose_name_plural = _("migration items")
        ordering = ["planned_date", "id"]
        constraints = [models.UniqueConstraint(fields=["plan_version", "system"], name="mig_item_unique_system")]
        indexes = [
            models.Index(fields=["plan_version", "planned_date"], name="mig_item_version_date"),
            models.Index(fields=["from_network", "status"], name="mig_item_network_status"),
            models.Index(fields=["status", "planned_date"], name="mig_item_status_date"),
            models.Index(fields=["planned_date", "id"], name="mig_item_date_id"),
            models.Index(fields=["is_effective", "planned_date"], name="mig_item_effective_date"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_version} · {self.system}"


class ItemStatusChange(models.Model):
    """Append-only history of item status changes, keyed by plan and system so it survives versions."""

    plan = models.ForeignKey(MigrationPlan, on_delete=models.CASCADE, related_name="status_changes")
    system = models.ForeignKey("systems.ApplicationSystem", on_delete=models.PROTECT, related_name="+")
    from_network = models.ForeignKey("networks.Network", on_delete=models.PROTECT, related_name="+")
    from_status = models.CharField(max_length=16, choices=ItemStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ItemStatus.choices)
    effective_on = models.DateField(_("effective on"))
    recorded_at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey("core.User", null=True, on_delete=models.SET_NULL, related_name="+")

    SCOPE = ScopeSpec(org="plan__department__")

    class Meta:
        verbose_name = _("item status change")
        verbose_name_plural = _("item status changes")
        ordering = ["effective_on", "id"]
        indexes = [models.Index(fields=["to_status", "effective_on"], name="mig_change_status_date")]

    def __str__(self) -> str:
        return f"{self.system} {self.from_status}→{self.to_status} {self.effective_on}"
