"""Projects, their applications, co-built local parts and the stage-transition log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec
from egovnet.networks.choices import BuiltOn, ComponentKind
from egovnet.systems.choices import CurrentNetwork

from ..choices import (
    ApprovalPath,
    ApprovalRegime,
    ProjectKind,
    ProjectStatus,
    Stage,
    TransitionKind,
)


class Project(BaseModel):
    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("owner department"), on_delete=models.PROTECT, related_name="projects"
    )
    approver = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("approving authority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_projects",
        help_text=_("The development and reform commission that approves the project."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ProjectKind.choices, default=ProjectKind.NEW)
    cobuilt = models.BooleanField(_("central–local co-built"), default=False)
    approval_path = models.CharField(
        _("approval path"), max_length=12, choices=ApprovalPath.choices, default=ApprovalPath.FULL
    )
    approval_regime = models.CharField(
        _("approval regime"), max_length=12, choices=ApprovalRegime.choices, default=ApprovalRegime.NDRC
    )
    simplified_basis = models.CharField(_("basis for the simplified path"), max_length=200, blank=True)
    stage = models.CharField(_("stage"), max_length=24, choices=Stage.choices, default=Stage.NEEDS_ANALYSIS)
    status = models.CharField(_("status"), max_length=12, choices=ProjectStatus.choices, default=ProjectStatus.ACTIVE)
    act_date = models.DateField(
        _("date of the act judged"), null=True, blank=True, help_text=_("Selects the policy packs in force.")
    )
    total_investment_10k_yuan = models.DecimalField(
        _("total investment (10k yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    national_approval_ref = models.CharField(_("national approval reference"), max_length=120, blank=True)
    network_use_requirements = models.TextField(_("network-use requirements of the national approval"), blank=True)
    network_use_na_reason = models.CharField(_("reason no e-gov network is used"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    SCOPE = ScopeSpec(org="owner__")

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["owner", "-id"], name="prj_owner_id"),
            models.Index(fields=["stage", "status"], name="prj_stage_status"),
            models.Index(fields=["approver", "stage"], name="prj_approver_stage"),
            models.Index(fields=["name", "id"], name="prj_name_id"),
        ]

    def __str__(self) -> str:
        return self.name


class LocalPart(BaseModel):
    """The part of a co-built project built by one province (article 10)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="local_parts")
    name = models.CharField(_("name"), max_length=200)
    division = models.ForeignKey("geo.Division", verbose_name=_("province"), on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("local owner department"), on_delete=models.PROTECT, related_name="+"
    )
    local_drc = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("local DRC"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("local part")
        verbose_name_plural = _("local parts")
        ordering = ["project", "division"]
        constraints = [models.UniqueConstraint(fields=["project", "division"], name="localpart_one_per_province")]

    def __str__(self) -> str:
        return self.name


class ProjectApplication(models.Model):
    """A registered application system the project builds or changes, with its actual deployment."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="applications")
    system = models.ForeignKey(
        "systems.ApplicationSystem", verbose_name=_("application system"), on_delete=models.PROTECT, related_name="+"
    )
    local_part = models.ForeignKey(LocalPart, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    deployed_network = models.CharField(
        _("network actually used"), max_length=24, choices=CurrentNetwork.choices, blank=True
    )

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("project application")
        verbose_name_plural = _("project applications")
        ordering = ["project", "id"]
        constraints = [models.UniqueConstraint(fields=["project", "system"], name="prjapp_unique_system")]

    def __str__(self) -> str:
        return f"{self.project_id}/{self.system}"


class StageTransition(models.Model):
    """An immutable record of one move of a project (advance, accept, send back, withdraw)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="transitions")
    kind = models.CharField(_("kind"), max_length=12, choices=TransitionKind.choices)
    from_stage = models.CharField(_("from"), max_length=24, choices=Stage.choices)
    to_stage = models.CharField(_("to"), max_length=24, choices=Stage.choices)
    gate = models.CharField(_("gate"), max_length=120, blank=True)
    evidence_used = models.JSONField(_("evidence used"), default=list, blank=True)
    # The date the gate was judged on (the act's date then): a passed gate stays judged by the packs of that date.
    judged_on = models.DateField(_("judged on"), null=True, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("stage transition")
        verbose_name_plural = _("stage transitions")
        ordering = ["project", "at", "id"]
        indexes = [models.Index(fields=["project", "at"], name="prjtr_project_at")]

    def __str__(self) -> str:
        return f"{self.project_id}: {self.from_stage} → {self.to_stage}"


class NetworkComponent(BaseModel):
    """A network component the project (or one local part) builds: what article 10 and 12 judge."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="network_components")
    local_part = models.ForeignKey(LocalPart, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=ComponentKind.choices)
    built_on = models.CharField(_("built on"), max_length=20, choices=BuiltOn.choices)
    dedicated_to_single_department = models.BooleanField(_("dedicated to one department"), default=False)
    new_or_extended = models.BooleanField(_("new or extended by the project"), default=True)
    interconnects_own_sites = models.BooleanField(_("interconnects the department's own sites"), default=False)
    serves = models.ManyToManyField(ProjectApplication, blank=True, related_name="+", verbose_name=_("serves"))

    SCOPE = ScopeSpec(org="project__owner__")

    class Meta:
        verbose_name = _("network component")
        verbose_name_plural = _("network components")
        ordering = ["project", "id"]

    def __str__(self) -> str:
        return self.name
