"""Stored policy findings, recorded deviations and sweep runs.

A finding is the engine's verdict of one rule on one subject (a system, a network, an organisation, a
province or — once the projects app plugs in its subject source — a project), stored with the pack id and
version and the evaluation time. Findings are replaced per subject (and per the rules of the source that
produced them) on every re-evaluation; they are never edited by hand.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, ScopeSpec

from .choices import FindingOutcome, RuleStrength, SubjectType, SweepStatus


class Finding(models.Model):
    subject_type = models.CharField(_("subject type"), max_length=16, choices=SubjectType.choices)
    subject_id = models.CharField(_("subject id"), max_length=40)
    # Never a classified name: classified systems are labelled "涉密系统 #<id>".
    subject_label = models.CharField(_("subject"), max_length=200, blank=True)
    owner = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_constraint=False,
        db_index=False,  # finding_owner (owner, id) serves every lookup by owner
    )
    province_code = models.CharField(_("province"), max_length=6, blank=True)
    secrecy_rank = models.PositiveSmallIntegerField(_("secrecy rank"), default=0)  # 0 none, 1 秘密, 2 机密, 3 绝密
    rule = models.CharField(_("rule"), max_length=16)
    article = models.PositiveSmallIntegerField(_("article"))
    paragraph = models.PositiveSmallIntegerField(_("paragraph"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=FindingOutcome.choices)
    strength = models.CharField(_("strength"), max_length=14, choices=RuleStrength.choices)
    blocking = models.BooleanField(_("blocking"), default=False)
    message_zh = models.TextField(_("message (zh)"), blank=True)
    message_en = models.TextField(_("message (en)"), blank=True)
    remediation_zh = models.TextField(_("remediation (zh)"), blank=True)
    remediation_en = models.TextField(_("remediation (en)"), blank=True)
    evidence = models.JSONField(_("evidence read"), default=list, blank=True)
    deviation = models.CharField(_("deviation"), max_length=80, blank=True)
    error = models.TextField(_("error"), blank=True)
    pack = models.CharField(_("pack"), max_length=40)
    pack_version = models.CharField(_("pack version"), max_length=40)
    evaluated_at = models.DateTimeField(_("evaluated at"))
    sweep = models.ForeignKey(  # provenance only, never filtered on: no index to maintain on a national insert
        "policy.SweepRun",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_constraint=False,
        db_index=False,
    )

    SCOPE = ScopeSpec(org="owner__")

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "rule"], name="finding_subject"),
            models.Index(fields=["owner", "id"], name="finding_owner"),
            models.Index(fields=["rule", "outcome"], name="finding_rule_outcome"),
            # No article or province index: only actionable findings are stored (ADR 0351), a scan of them takes
            # tens of milliseconds nationally, and each index costs a tenth of a national sweep's insert.
        ]

    def __str__(self) -> str:
        return f"{self.rule} {self.outcome} {self.subject_type}:{self.subject_id}"

    @property
    def citation(self):
        """The full clause (《发改高技〔2012〕1986号》第九条 / NDRC [2012] No. 1986, art. 9) from the stored pack."""
        from egovnet.policy.engine.registry import citation_of

        return citation_of(self.pack, self.rule, self.article, self.paragraph)


class PolicyDeviation(BaseModel):
    """An approved exception to an IN-PRINCIPLE rule for one registry subject (rule, subject, reason, basis,
    approver, expiry). The engine turns the rule's fail into waived while it is approved and unexpired."""

    rule = models.CharField(_("rule"), max_length=16)
    subject_type = models.CharField(_("subject type"), max_length=16, choices=SubjectType.choices)
    subject_id = models.PositiveBigIntegerField(_("subject id"))
    owner = models.ForeignKey(
        "orgs.Organisation", verbose_name=_("owner"), on_delete=models.CASCADE, related_name="policy_deviations"
    )
    reason = models.TextField(_("reason"))
    legal_basis = models.CharField(_("legal basis"), max_length=200)
    approver = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("approver"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="approved_policy_deviations",
    )
    expires = models.DateField(_("expires"), null=True, blank=True)
    approved = models.BooleanField(_("approved"), default=True)

    SCOPE = ScopeSpec(org="owner__")

    class Meta:
        verbose_name = _("policy deviation")
        verbose_name_plural = _("policy deviations")
        ordering = ["id"]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="deviation_subject")]

    def __str__(self) -> str:
        return f"{self.rule} {self.subject_type}:{self.subject_id}"


class SweepRun(models.Model):
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SweepStatus.choices, default=SweepStatus.RUNNING)
    province = models.CharField(_("province"), max_length=6, blank=True)
    actor_name = models.CharField(_("actor"), max_length=150, blank=True)
    subjects = models.PositiveIntegerField(_("subjects"), default=0)
    findings = models.PositiveIntegerField(_("findings"), default=0)
    batches = models.PositiveIntegerField(_("batches"), default=0)
    duration_s = models.FloatField(_("duration (s)"), default=0)
    timings = models.JSONField(_("timings"), default=dict, blank=True)  # seconds per phase and source
    counts = models.JSONField(_("counts"), default=dict, blank=True)  # by_article / by_province / by_rule
    packs = models.JSONField(_("packs"), default=list, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        verbose_name = _("sweep run")
        verbose_name_plural = _("sweep runs")
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"sweep #{self.pk} {self.status}"
