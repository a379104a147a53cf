"""Organisation pages: list, detail, create, edit, delete and the owner/parent lookup."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from egovnet.core import permissions
from egovnet.core.forms import LOOKUP_LIMIT
from egovnet.core.views_base import RegistryDeleteView, RegistryDetailView, RegistryFormView, RegistryListView
from egovnet.networks.models import Network
from egovnet.systems.queries import REDACTED_NAME, visible_systems

from . import services
from .filtersets import OrganisationFilterSet
from .forms import OrganisationForm
from .models import Organisation
from .tables import ORGANISATION_COLUMNS, ORGANISATION_SORTS

DETAIL_ROWS = 20


class OrganisationMixin:
    model = Organisation
    url_prefix = "orgs:organisation"
    select_related = ("division", "parent")

    def owner_of(self, obj: Any) -> Any:
        return obj


class OrganisationListView(OrganisationMixin, RegistryListView):
    export_registry = "organisations"
    filterset_class = OrganisationFilterSet
    columns = ORGANISATION_COLUMNS
    sort_fields = ORGANISATION_SORTS
    default_sort = "name"
    primary_filters = ("kind", "level", "division")


class OrganisationDetailView(OrganisationMixin, RegistryDetailView):
    template_name = "orgs/organisation_detail.html"

    def extra_context(self, obj: Organisation) -> dict[str, Any]:
        user = self.request.user
        children = permissions.restrict(Organisation.objects.filter(parent=obj), user, "view")
        networks = permissions.restrict(Network.objects.filter(owner=obj), user, "view")
        systems = visible_systems(user).filter(owner=obj)
        return {
            "children": children.select_related("division").order_by("name", "id")[:DETAIL_ROWS],
            "children_count": children.count(),
            "networks": networks.order_by("name", "id")[:DETAIL_ROWS],
            "networks_count": networks.count(),
            "systems": systems.order_by("id")[:DETAIL_ROWS],
            "systems_count": systems.count(),
            "detail_rows": DETAIL_ROWS,
            "redacted_name": REDACTED_NAME,
        }


class OrganisationFormView(OrganisationMixin, RegistryFormView):
    form_class = OrganisationForm

    def save(self, form: OrganisationForm, obj: Organisation | None) -> Organisation:
        if obj is None:
            return services.organisation_create(actor=self.request.user, reason=form.audit_reason(), **form.changes())
        return services.organisation_update(
            actor=self.request.user,
            organisation=obj,
            expected_version=form.expected_version(),
            reason=form.audit_reason(),
            **form.changes(),
        )


class OrganisationDeleteView(OrganisationMixin, RegistryDeleteView):
    def delete(self, obj: Organisation, version: int | None, reason: str) -> None:
        services.organisation_delete(actor=self.request.user, organisation=obj, expected_version=version, reason=reason)


@login_required
def organisation_lookup(request):
    """At most 20 organisations in the user's scope matching the typed text (HTMX datalist options)."""
    term = (request.GET.get(request.GET.get("field", "")) or request.GET.get("q") or "").strip()
    qs = permissions.restrict(Organisation.objects.all(), request.user, "view").select_related("division")
    if term:
        key = term.split()[0]
        by_id = key.isdigit() and len(key) <= 18  # a bigint; longer digit strings cannot be ids
        qs = qs.filter(Q(pk=key) if by_id else Q(name__icontains=term) | Q(short_name__icontains=term))
    rows = list(qs.order_by("name", "id")[:LOOKUP_LIMIT]) if term else []
    if request.GET.get("plain"):  # filters take the bare id
        options = [(o.pk, f"{o.name} · {o.division.name}") for o in rows]
        return render(request, "registry/_lookup_options.html", {"options": options})
    return render(
        request, "registry/_lookup_options.html", {"options": [(f"{o.pk} {o.name}", o.division.name) for o in rows]}
    )
