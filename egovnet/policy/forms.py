"""Forms of the policy pages: recording a deviation for a registry subject (system, network, organisation)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.policy.engine.model import Strength
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.subjects import source_for


def waivable_rules(subject_type: str) -> list[tuple[str, str]]:
    """The rules of a subject's source a deviation can waive: IN-PRINCIPLE and waivable (e.g. R-4.2/R-4.3)."""
    wanted = set(source_for(subject_type).rule_ids)
    rules = {r.id: r for p in all_packs() for r in p.rules.values() if r.id in wanted}
    return [
        (rid, f"{rid} {r.title.zh} / {r.title.en}")
        for rid, r in sorted(rules.items())
        if r.strength == Strength.IN_PRINCIPLE and r.waivable
    ]


class RegistryDeviationForm(forms.Form):
    """An approved exception to an IN-PRINCIPLE rule for one registry object: reason, legal basis, approving
    development-and-reform commission (R-4.5: the DRC approves placement deviations) and expiry."""

    rule = forms.ChoiceField(label=_("Rule"), choices=())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=200)
    approver = forms.ModelChoiceField(label=_("Approved by"), queryset=Organisation.objects.none())
    expires = forms.DateField(label=_("Expires"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, subject_type: str, owner: Organisation, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["rule"].choices = waivable_rules(subject_type)
        # the national DRC, and the DRCs of the owner's province (not every county DRC of the nation)
        approvers = Q(kind=OrgKind.DEVELOPMENT_REFORM, level=Level.CENTRAL)
        if owner.division_id:
            province = permissions.division_code_q(owner.division_id[:2], "division__code")
            approvers |= Q(kind=OrgKind.DEVELOPMENT_REFORM) & province
        self.fields["approver"].queryset = Organisation.objects.filter(approvers).order_by("path")
