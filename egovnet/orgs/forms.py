"""Organisation form: input validation only; ``organisation_create`` / ``_update`` decide and write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.forms import ObjectRefField, RegistryForm
from egovnet.geo.models import Division

from .models import Organisation


def current_divisions(user):
    return Division.objects.current()


def organisations_in_scope(user):
    return permissions.restrict(Organisation.objects.all(), user, "view")


class OrganisationForm(RegistryForm):
    division = ObjectRefField(
        label=_("division"),
        queryset_for=current_divisions,
        lookup_url_name="geo:division_lookup",
        key_digits=6,
        help_text=_("GB/T 2260 code, e.g. 110101; type a name to get suggestions."),
    )
    parent = ObjectRefField(
        label=_("parent organisation"),
        queryset_for=organisations_in_scope,
        lookup_url_name="orgs:organisation_lookup",
        required=False,
        help_text=_("Leave empty for a top-level organisation."),
    )

    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "level", "division", "parent", "in_beijing", "notes"]
        widgets = {}
