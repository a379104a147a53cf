"""The capacity what-if as a form: add an application, change one's bandwidth, remove one — picked by name
from the reader's scope, turned into the ``{add, move, remove}`` scenario the capacity service takes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.forms import ObjectRefField
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import CoverageLevel
from egovnet.systems.models import ApplicationSystem


def _orgs(user: Any):
    return permissions.restrict(Organisation.objects.all(), user, "view")


def _systems(user: Any):
    return permissions.restrict(ApplicationSystem.objects.all(), user, "view")


class CapacityWhatIfForm(forms.Form):
    add_name = forms.CharField(label=_("New application"), max_length=200, required=False)
    add_owner = ObjectRefField(label=_("Its owner"), queryset_for=_orgs, lookup_url_name="orgs:organisation_lookup",
                               required=False)  # fmt: skip
    add_coverage = forms.MultipleChoiceField(label=_("Levels it covers"), choices=CoverageLevel.choices,
                                             widget=forms.CheckboxSelectMultiple, required=False)  # fmt: skip
    add_bandwidth = forms.IntegerField(label=_("Its bandwidth (Mbps)"), min_value=1, required=False)
    change_system = ObjectRefField(label=_("Application whose bandwidth changes"), queryset_for=_systems,
                                   lookup_url_name="systems:system_lookup", required=False)  # fmt: skip
    change_bandwidth = forms.IntegerField(label=_("New bandwidth (Mbps)"), min_value=1, required=False)
    remove_system = ObjectRefField(label=_("Application taken off the extranet"), queryset_for=_systems,
                                   lookup_url_name="systems:system_lookup", required=False)  # fmt: skip

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("add_owner", "change_system", "remove_system"):
            self.fields[name].bind(name, user)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        adding = any(data.get(k) for k in ("add_name", "add_owner", "add_coverage", "add_bandwidth"))
        if adding:
            for name in ("add_owner", "add_coverage", "add_bandwidth"):
                if not data.get(name) and name not in self.errors:
                    self.add_error(name, _("Needed to add an application."))
        if data.get("change_system") and not data.get("change_bandwidth"):
            self.add_error("change_bandwidth", _("Give the new bandwidth."))
        if not self.errors and not (adding or data.get("change_system") or data.get("remove_system")):
            raise forms.ValidationError(_("Describe at least one change."))
        return data

    def scenario(self) -> dict[str, list]:
        """The ``{add, move, remove}`` scenario of the capacity service (ids stay inside the server)."""
        d = self.cleaned_data
        spec: dict[str, list] = {}
        if d.get("add_owner"):
            spec["add"] = [{"name": d.get("add_name") or str(_("New application")), "owner": d["add_owner"].pk,
                            "coverage_levels": list(d["add_coverage"]), "bandwidth_mbps": d["add_bandwidth"]}]  # fmt: skip
        if d.get("change_system"):
            spec["move"] = [{"system": d["change_system"].pk, "bandwidth_mbps": d["change_bandwidth"]}]
        if d.get("remove_system"):
            spec["remove"] = [d["remove_system"].pk]
        return spec
