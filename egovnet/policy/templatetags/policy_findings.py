"""``{% load policy_findings %}{% policy_findings object %}``: the findings of a registry object, scoped to the
reader and redacted above the reader's clearance.

The rules of the object's own source are evaluated live (every outcome, passes included: passes are counted
by sweeps, not stored — ADR 0351); stored findings of other sources about the object (a provincial network's
R-5.x, from the province source) are added. A few queries."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

from egovnet.core import permissions
from egovnet.policy.choices import SubjectType
from egovnet.policy.findings_store import current_findings
from egovnet.policy.forms import RegistryDeviationForm
from egovnet.policy.models import Finding, PolicyDeviation
from egovnet.policy.views import redact, scoped_findings

register = template.Library()

_TYPES = {
    "systems.ApplicationSystem": SubjectType.SYSTEM,
    "networks.Network": SubjectType.NETWORK,
    "orgs.Organisation": SubjectType.ORGANISATION,
}
LIMIT = 100


@register.inclusion_tag("policy/_findings.html", takes_context=True)
def policy_findings(context: dict[str, Any], obj: Any) -> dict[str, Any]:
    request = context.get("request")
    subject_type = _TYPES.get(obj._meta.label)
    if request is None or subject_type is None:
        return {"findings": []}
    owner = obj if subject_type == SubjectType.ORGANISATION else getattr(obj, "owner", None)
    live = current_findings(subject_type, obj.pk) if _may_view(request.user, owner) else []
    judged = {f.rule for f in live}
    stored = scoped_findings(request.user).filter(subject_type=subject_type, subject_id=str(obj.pk))
    others = list(stored.exclude(rule__in=judged).order_by("article", "rule", "id")[:LIMIT])
    rows = sorted(live, key=_order) + others
    context = {"findings": redact(rows[:LIMIT], request.user), "request": request, "live": bool(live)}
    return context | _deviations(request.user, subject_type, obj, owner)


def _deviations(user: Any, subject_type: str, obj: Any, owner: Any) -> dict[str, Any]:
    """The deviations recorded for the object, and the form to record one for whoever may (a DRC reviewer in
    the owner's scope)."""
    if not _may_view(user, owner):
        return {}
    rows = PolicyDeviation.objects.filter(subject_type=subject_type, subject_id=obj.pk).select_related("approver")
    may_add = permissions.can_for_org(user, "add", PolicyDeviation, owner)
    form = RegistryDeviationForm(subject_type=subject_type, owner=owner) if may_add else None
    return {
        "deviations": list(rows.order_by("-id")[:20]),
        "deviation_form": form if form is not None and form.fields["rule"].choices else None,
        "deviation_url": reverse("policy:deviation_add", args=[subject_type, obj.pk]),
    }


def _may_view(user: Any, owner: Any) -> bool:
    return owner is not None and permissions.can_for_org(user, "view", Finding, owner)


def _order(f: Finding) -> tuple:
    return (not f.blocking, f.article, f.rule)
