"""``{% load policy_findings %}{% policy_findings object %}``: the stored findings of a registry object,
scoped to the reader and redacted above the reader's clearance (one query)."""

from __future__ import annotations

from typing import Any

from django import template

from egovnet.policy.choices import SubjectType
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
    qs = scoped_findings(request.user).filter(subject_type=subject_type, subject_id=str(obj.pk))
    rows = list(qs.order_by("-blocking", "article", "rule", "id")[:LIMIT])
    return {"findings": redact(rows, request.user), "request": request}
