"""O&M funding (第十二条): budget lines, exceptions for post-notice networks, adjustment proposals."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from ..choices import BudgetObjectKind, ExceptionStatus, LineDecision, ProposalStatus

AMOUNT = {"max_digits": 12, "decimal_places": 2}


class BudgetLine(BaseModel):
    """An O&M budget line of one department and fiscal year (amount in 10k yuan)."""

    department = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("department"), on_delete=models.PROTECT, related_name="om_budget_lines"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    object_kind = models.CharField(_("object"), max_length=12, choices=BudgetObjectKind.choices)
    network = models.ForeignKey(
        "networks.Network", verbose_name=_("network"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    system = models.ForeignKey(
        "systems.ApplicationSystem",
        verbose_name=_("application system"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    amount_10k_yuan = models.DecimalField(_("amount (10k yuan)"), **AMOUNT)
    basis = models.TextField(_("basis"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    SCOPE = ScopeSpec(org="department__")

    class Meta:
        verbose_name = _("O&M budget line")
        verbose_name_plural = _("O&M budget lines")
        ordering = ["department_id", "fiscal_year", "id"]
        indexes = [models.Index(fields=["department", "fiscal_year"], name="mig_budget_dept_year")]

    def __str__(self) -> str:
        return f"{self.fiscal_year} {self.get_object_kind_display()} #{self.pk}"

    def clean(self) -> None:
        errors = {}
        if self.object_kind == BudgetObjectKind.NETWORK and (not self.network_id or self.system_id):
            errors["network"] = _("A network budget line names a network and no application system.")
        if self.object_kind == BudgetObjectKind.APPLICATION and (not self.system_id or self.network_id):
            errors["system"] = _("An application budget line names an application system and no network.")
        if self.amount_10k_yuan is not None and self.amount_10k_yuan < 0:
            errors["amount_10k_yuan"] = _("The amount cannot be negative.")
        if self.fiscal_year is not None and not 2000 <= self.fiscal_year <= 2100:
            errors["fiscal_year"] = _("The fiscal year must be between 2000 and 2100.")
        if errors:
            raise ValidationError(errors)


class NetworkException(BaseModel):
    """Exception allowing a dedicated network established after the notice (第十二条, context.md A-12.3).

    Holds a reference only (document number, approver, date), never content. ``proposed_by_project_id``
    is the hook for the projects app: the project that proposed the network, once projects exist.
    """

    network = models.OneToOneField(
        "networks.Network", verbose_name=_("network"), on_delete=models.CASCADE, related_name="om_exception"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ExceptionStatus.choices, default=ExceptionStatus.REQUESTED
    )
    reference = models.CharField(_("approval reference"), max_length=120, blank=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300, blank=True)
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    proposed_by_project_id = models.PositiveBigIntegerField(_("proposing project"), null=True, blank=True)

    SCOPE = ScopeSpec(org="network__owner__")

    class Meta:
        verbose_name = _("new dedicated network exception")
        verbose_name_plural = _("new dedicated network exceptions")
        ordering = ["network_id"]

    def __str__(self) -> str:
        return f"{self.network} · {self.get_status_display()}"

    def clean(self) -> None:
        if self.status == ExceptionStatus.APPROVED and not (self.reference and self.approved_on):
            raise ValidationError({"reference": _("An approved exception needs its approval reference and date.")})


class OmProposal(BaseModel):
    """The O&M adjustment proposal of one department for one fiscal year, reviewed by finance."""

    department = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("department"), on_delete=models.PROTECT, related_name="om_proposals"
    )
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    status = models.CharField(_("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.DRAFT)
    as_of = models.DateField(_("assessed as of"))
    generated_by = models.ForeignKey("core.User", null=True, on_delete=models.SET_NULL, related_name="+")
    accepted_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    current_total = models.DecimalField(_("current total"), default=0, **AMOUNT)
    proposed_total = models.DecimalField(_("proposed total"), default=0, **AMOUNT)

    SCOPE = ScopeSpec(org="department__")

    class Meta:
        verbose_name = _("O&M adjustment proposal")
        verbose_name_plural = _("O&M adjustment proposals")
        ordering = ["-fiscal_year", "department_id"]
        constraints = [models.UniqueConstraint(fields=["department", "fiscal_year"], name="mig_proposal_unique")]
        indexes = [models.Index(fields=["fiscal_year", "department"], name="mig_proposal_year_dept")]

    def __str__(self) -> str:
        return f"{self.department} {self.fiscal_year}"


class OmProposalLine(BaseModel):
    proposal = models.ForeignKey(OmProposal, verbose_name=_("proposal"), on_delete=models.CASCADE, related_name="lines")
    budget_line = models.ForeignKey(BudgetLine, null=True, on_delete=models.SET_NULL, related_name="+")
    object_kind = models.CharField(_("object"), max_length=12, choices=BudgetObjectKind.choices)
    network = models.ForeignKey("networks.Network", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    system = models.ForeignKey(
        "systems.ApplicationSystem", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    basis = models.TextField(_("basis"), blank=True)
    current_amount = models.DecimalField(_("current amount"), **AMOUNT)
    proposed_amount = models.DecimalField(_("proposed amount"), **AMOUNT)
    rule = models.CharField(_("rule"), max_length=16)
    article = models.CharField(_("article"), max_length=40)  # the full citation: 《文号》第N条
    reason_zh = models.TextField(_("reason (Chinese)"))
    reason_en = models.TextField(_("reason (English)"))
    flag_review = models.BooleanField(_("flagged for review"), default=False)
    items = models.ManyToManyField("MigrationItem", verbose_name=_("justifying migration items"), blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=LineDecision.choices, default=LineDecision.PENDING
    )
    decided_amount = models.DecimalField(_("decided amount"), null=True, blank=True, **AMOUNT)
    amendment_reason = models.TextField(_("amendment reason"), blank=True)
    decided_by = models.ForeignKey("core.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    SCOPE = ScopeSpec(org="proposal__department__")

    class Meta:
        verbose_name = _("O&M proposal line")
        verbose_name_plural = _("O&M proposal lines")
        ordering = ["proposal_id", "id"]

    def __str__(self) -> str:
        return f"{self.proposal} · {self.rule}"

    @property
    def change(self):
        return self.proposed_amount - self.current_amount
