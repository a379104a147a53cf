"""Choices of the stored policy findings (values = the engine's slugs)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectType(models.TextChoices):
    SYSTEM = "system", _("Application system")
    NETWORK = "network", _("Network")
    ORGANISATION = "organisation", _("Organisation")
    PROVINCE = "province", _("Province")
    PROJECT = "project", _("Project")


class FindingOutcome(models.TextChoices):
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")
    WAIVED = "waived", _("Waived")
    INDETERMINATE = "indeterminate", _("Indeterminate")


class RuleStrength(models.TextChoices):
    MUST = "MUST", _("MUST")
    IN_PRINCIPLE = "IN_PRINCIPLE", _("IN PRINCIPLE")
    GOAL = "GOAL", _("GOAL")
    INFO = "INFO", _("INFO")


class SweepStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
