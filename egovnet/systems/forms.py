"""Application-system form: input validation only; ``system_create`` / ``system_update`` decide and write.

The grade choices offered are only those within the user's clearance (the service refuses the rest).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.forms import ObjectRefField, RegistryForm
from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Network
from egovnet.orgs.forms import organisations_in_scope

from .choices import GRADE_RANK, CoverageLevel, SecrecyGrade
from .models import ApplicationSystem


def dedicated_networks_in_scope(user):
    return permissions.restrict(Network.objects.filter(family=NetworkFamily.DEDICATED), user, "view")


class ApplicationSystemForm(RegistryForm):
    owner = ObjectRefField(
        label=_("owner"), queryset_for=organisations_in_scope, lookup_url_name="orgs:organisation_lookup"
    )
    current_dedicated_network = ObjectRefField(
        label=_("dedicated network"),
        queryset_for=dedicated_networks_in_scope,
        lookup_url_name="networks:network_lookup",
        required=False,
        help_text=_("Only when the current network is a dedicated network."),
    )
    coverage_levels = forms.MultipleChoiceField(
        label=_("coverage"), choices=CoverageLevel.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ApplicationSystem
        fields = [
            "name",
            "owner",
            "is_classified",
            "secrecy_grade",
            "secrecy_ref",
            "mlps_level",
            "current_network",
            "current_dedicated_network",
            "target_network",
            "public_facing",
            "cross_region",
            "cross_department",
            "shares_basic_info",
            "coverage_levels",
            "bandwidth_mbps",
            "status",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rank = permissions.clearance_rank(self.user)
        allowed = [("", "—")] + [(g.value, g.label) for g in SecrecyGrade if GRADE_RANK[g] <= rank]
        self.fields["secrecy_grade"] = forms.ChoiceField(
            label=_("secrecy grade"),
            choices=allowed,
            required=False,
            help_text=_("Only the grades within your clearance are offered."),
        )
        self.fields["mlps_level"].widget.attrs.update({"min": 1, "max": 5})

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # The service checks the grade against the clearance before the model rules run, so an empty
        # grade would come back as 403; say what is missing instead.
        if data.get("is_classified") and not data.get("secrecy_grade") and "secrecy_grade" not in self.errors:
            self.add_error("secrecy_grade", _("A classified system needs its secrecy grade (秘密 / 机密 / 绝密)."))
        return data
