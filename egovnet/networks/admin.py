"""Networks in the admin: scoped by owner, and saved through ``networks.services``."""

from django.contrib import admin

from egovnet.core.admin import ServiceModelAdmin

from . import services
from .models import Network

FIELDS = services.FIELDS


@admin.register(Network)
class NetworkAdmin(ServiceModelAdmin):
    list_display = ("name", "family", "kind", "level", "division", "owner", "status")
    list_select_related = ("division", "owner")
    list_filter = ("family", "kind", "level", "status")
    search_fields = ("name",)
    ordering = ("name", "id")
    raw_id_fields = ("division", "owner", "operator")
    readonly_fields = ("version", "created", "last_updated")
    service_fields = FIELDS
    service_object_kwarg = "network"
    service_create = staticmethod(services.network_create)
    service_update = staticmethod(services.network_update)
    service_delete = staticmethod(services.network_delete)

    def owner_of(self, obj):
        return obj.owner
