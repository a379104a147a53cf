"""Choices of the migration app (stable lowercase slugs, translatable English labels)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    """Status of one version of a department's migration plan (第四条)."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


EDITABLE_PLAN_STATUSES = frozenset({PlanStatus.DRAFT})


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    CUT_OVER = "cut_over", _("Cut over")
    DECOMMISSIONED = "decommissioned", _("Old network decommissioned")


MIGRATED_STATUSES = frozenset({ItemStatus.CUT_OVER, ItemStatus.DECOMMISSIONED})
ITEM_STATUS_ORDER = {
    ItemStatus.PLANNED: 0,
    ItemStatus.IN_PROGRESS: 1,
    ItemStatus.CUT_OVER: 2,
    ItemStatus.DECOMMISSIONED: 3,
}


class BudgetObjectKind(models.TextChoices):
    NETWORK = "network", _("Network")
    APPLICATION = "application", _("Application system")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Under review")
    ACCEPTED = "accepted", _("Accepted")


class LineDecision(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    AMENDED = "amended", _("Amended")


class ExceptionStatus(models.TextChoices):
    """Status of an exception for a dedicated network established after the notice (第十二条)."""

    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    EXPIRED = "expired", _("Expired")


class FundingRule(models.TextChoices):
    """The pack rules of 第十二条 an O&M proposal line applies (the same ids as the policy pack's findings)."""

    R_12_2 = "R-12.2", _("R-12.2 no O&M for a new dedicated network")
    R_12_3 = "R-12.3", _("R-12.3 O&M follows migration progress (reduction by the share migrated, overdue review)")
    R_12_4 = "R-12.4", _("R-12.4 intranet / extranet O&M retained")
    DATA_MISSING = "data-missing", _("Data missing: review")
    NONE = "none", _("No rule applies")
