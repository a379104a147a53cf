"""Network pages: list, detail, create, edit, delete and the dedicated-network lookup."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render

from egovnet.core import permissions
from egovnet.core.forms import LOOKUP_LIMIT
from egovnet.core.views_base import RegistryDeleteView, RegistryDetailView, RegistryFormView, RegistryListView
from egovnet.systems.queries import REDACTED_NAME, visible_systems

from . import services
from .choices import NetworkFamily
from .filtersets import NetworkFilterSet
from .forms import NetworkForm
from .models import Network
from .tables import NETWORK_COLUMNS, NETWORK_SORTS

DETAIL_ROWS = 20


class NetworkMixin:
    model = Network
    url_prefix = "networks:network"
    select_related = ("division", "owner", "operator")


class NetworkListView(NetworkMixin, RegistryListView):
    export_registry = "networks"
    filterset_class = NetworkFilterSet
    columns = NETWORK_COLUMNS
    sort_fields = NETWORK_SORTS
    default_sort = "name"
    primary_filters = ("family", "status", "level", "division")


class NetworkDetailView(NetworkMixin, RegistryDetailView):
    template_name = "networks/network_detail.html"

    def extra_context(self, obj: Network) -> dict[str, Any]:
        carried = visible_systems(self.request.user).filter(current_dedicated_network=obj)
        return {
            "carried": carried.select_related("owner").order_by("id")[:DETAIL_ROWS],
            "carried_count": carried.count(),
            "detail_rows": DETAIL_ROWS,
            "redacted_name": REDACTED_NAME,
        }


class NetworkFormView(NetworkMixin, RegistryFormView):
    form_class = NetworkForm

    def save(self, form: NetworkForm, obj: Network | None) -> Network:
        if obj is None:
            return services.network_create(actor=self.request.user, reason=form.audit_reason(), **form.changes())
        return services.network_update(
            actor=self.request.user,
            network=obj,
            expected_version=form.expected_version(),
            reason=form.audit_reason(),
            **form.changes(),
        )


class NetworkDeleteView(NetworkMixin, RegistryDeleteView):
    def delete(self, obj: Network, version: int | None, reason: str) -> None:
        services.network_delete(actor=self.request.user, network=obj, expected_version=version, reason=reason)


@login_required
def network_lookup(request):
    """At most 20 dedicated networks in the user's scope matching the typed text."""
    term = (request.GET.get(request.GET.get("field", "")) or request.GET.get("q") or "").strip()
    qs = permissions.restrict(Network.objects.filter(family=NetworkFamily.DEDICATED), request.user, "view")
    if term:
        key = term.split()[0]
        qs = qs.filter(Q(pk=key) if key.isdigit() and len(key) <= 18 else Q(name__icontains=term))
    rows = list(qs.select_related("owner").order_by("name", "id")[:LOOKUP_LIMIT]) if term else []
    return render(
        request, "registry/_lookup_options.html", {"options": [(f"{n.pk} {n.name}", n.owner.name) for n in rows]}
    )
