"""Forms of the migration UI (validation of input only; the services decide)."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from egovnet.core.forms import ObjectRefField
from egovnet.systems.choices import TargetNetwork

from .choices import BudgetObjectKind, ExceptionStatus, ItemStatus

ORG_LOOKUP, SYSTEM_LOOKUP, NETWORK_LOOKUP = "orgs:organisation_lookup", "systems:system_lookup", "networks:network_lookup"


def _picker(form: forms.Form, name: str, queryset, lookup: str, **params) -> None:
    """Replace a select over a registry (up to 100k departments or 200k systems nationally) by a searchable
    picker over the same rows: suggestions come from the scoped lookup, the choice is checked against
    ``queryset`` (the rows this form accepts)."""
    old = form.fields[name]
    field = ObjectRefField(label=old.label, required=old.required, queryset=queryset, lookup_url_name=lookup,
                           lookup_params={k: v for k, v in params.items() if v is not None},
                           help_text=_("Type a name to get suggestions."))  # fmt: skip
    form.fields[name] = field
    field.bind(name, None)


class PlanForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("Department"))
    title = forms.CharField(label=_("Title"), max_length=200)
    scheme = forms.CharField(label=_("Implementation scheme"), widget=forms.Textarea, required=False)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        _picker(self, "department", departments, ORG_LOOKUP)


class VersionForm(forms.Form):
    scheme = forms.CharField(label=_("Implementation scheme"), widget=forms.Textarea(attrs={"rows": 8}), required=False)
    phases = forms.CharField(
        label=_("Phases (JSON list)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_('e.g. [{"name": "一期", "until": "2027-06-30"}]'),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean_phases(self):
        raw = self.cleaned_data["phases"].strip()
        if not raw:
            return []
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Not valid JSON: %(e)s") % {"e": exc}) from None
        if not isinstance(value, list):
            raise forms.ValidationError(_("Phases must be a JSON list."))
        return value


class ItemForm(forms.Form):
    system = forms.ModelChoiceField(queryset=None, label=_("Application system"))
    from_network = forms.ModelChoiceField(queryset=None, label=_("From network"))
    target_network = forms.ChoiceField(
        label=_("Target network"), choices=[("", _("By the placement rule")), *TargetNetwork.choices], required=False
    )
    deviation_ref = forms.CharField(label=_("Approved deviation reference"), max_length=120, required=False)
    planned_date = forms.DateField(label=_("Planned cut-over date"), widget=forms.DateInput(attrs={"type": "date"}))
    notes = forms.CharField(label=_("Notes"), max_length=500, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, systems=None, networks=None, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        _picker(self, "system", systems, SYSTEM_LOOKUP, owner=owner)
        _picker(self, "from_network", networks, NETWORK_LOOKUP)
        system = self.initial.get("system")
        if system is not None and not isinstance(system, str):  # the name only where the reader may see it
            shown = systems.filter(pk=system.pk).first()
            name = shown.display_name if shown is not None and shown.display_name else str(system)
            self.initial["system"] = f"{system.pk} {name}"


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ItemStatus.choices)
    effective_on = forms.DateField(
        label=_("Effective on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    cutover_ref = forms.CharField(label=_("Cut-over evidence reference"), max_length=120, required=False)
    cutover_date = forms.DateField(
        label=_("Cut-over date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    decommission_ref = forms.CharField(label=_("Decommissioning evidence reference"), max_length=120, required=False)
    decommission_date = forms.DateField(
        label=_("Decommissioning date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class GenerateForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("Department"))
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    as_of = forms.DateField(label=_("Assessed as of"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        _picker(self, "department", departments, ORG_LOOKUP)


class WhatIfForm(GenerateForm):
    overrides = forms.CharField(
        label=_("Changes (JSON)"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_('{"<item id>": {"planned_date": "2027-06-30", "status": "cut_over", "exclude": false}}'),
    )

    def clean_overrides(self):
        raw = self.cleaned_data["overrides"].strip()
        if not raw:
            return {}
        try:
            value = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(_("Not valid JSON: %(e)s") % {"e": exc}) from None
        if not isinstance(value, dict):
            raise forms.ValidationError(_("Changes must be a JSON object keyed by item id."))
        return value


class DecideForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("amend", _("Amend"))])
    amount = forms.DecimalField(
        label=_("Amount (10k yuan)"), max_digits=12, decimal_places=2, required=False, min_value=0
    )
    reason = forms.CharField(label=_("Reason"), required=False, max_length=1000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class BudgetLineForm(forms.Form):
    department = forms.ModelChoiceField(queryset=None, label=_("Department"))
    fiscal_year = forms.IntegerField(label=_("Fiscal year"), min_value=2000, max_value=2100)
    object_kind = forms.ChoiceField(label=_("Object"), choices=BudgetObjectKind.choices)
    network = forms.ModelChoiceField(queryset=None, label=_("Network"), required=False)
    system = forms.ModelChoiceField(queryset=None, label=_("Application system"), required=False)
    amount_10k_yuan = forms.DecimalField(label=_("Amount (10k yuan)"), max_digits=12, decimal_places=2, min_value=0)
    basis = forms.CharField(label=_("Basis"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

    def __init__(self, *args, departments=None, networks=None, systems=None, **kwargs):
        super().__init__(*args, **kwargs)
        _picker(self, "department", departments, ORG_LOOKUP)
        _picker(self, "network", networks, NETWORK_LOOKUP)
        _picker(self, "system", systems, SYSTEM_LOOKUP)


class BudgetLineEditForm(forms.Form):
    amount_10k_yuan = forms.DecimalField(label=_("Amount (10k yuan)"), max_digits=12, decimal_places=2, min_value=0)
    basis = forms.CharField(label=_("Basis"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class NetworkExceptionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ExceptionStatus.choices)
    reference = forms.CharField(label=_("Approval reference"), max_length=120, required=False)
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300, required=False)
    approved_on = forms.DateField(
        label=_("Approved on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expires_on = forms.DateField(label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
