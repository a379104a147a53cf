"""Network form: input validation only; ``network_create`` / ``network_update`` decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egovnet.core.forms import ObjectRefField, RegistryForm
from egovnet.orgs.forms import current_divisions, organisations_in_scope

from .models import Network


class NetworkForm(RegistryForm):
    owner = ObjectRefField(
        label=_("owner"), queryset_for=organisations_in_scope, lookup_url_name="orgs:organisation_lookup"
    )
    operator = ObjectRefField(
        label=_("operator"),
        queryset_for=organisations_in_scope,
        lookup_url_name="orgs:organisation_lookup",
        required=False,
    )
    division = ObjectRefField(
        label=_("division"),
        queryset_for=current_divisions,
        lookup_url_name="geo:division_lookup",
        key_digits=6,
        required=False,
        help_text=_("Required for provincial, prefecture and county networks."),
    )

    class Meta:
        model = Network
        fields = [
            "name",
            "family",
            "kind",
            "level",
            "division",
            "owner",
            "operator",
            "scope",
            "status",
            "built_on",
            "established_on",
            "annual_om_cost_10k_yuan",
            "attestation_ref",
            "notes",
        ]
        widgets = {"established_on": forms.DateInput(attrs={"type": "date"})}
