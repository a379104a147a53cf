"""Organisations in the admin: scoped, and saved through ``orgs.services``."""

from django.contrib import admin

from egovnet.core.admin import ServiceModelAdmin

from . import services
from .models import Organisation


@admin.register(Organisation)
class OrganisationAdmin(ServiceModelAdmin):
    list_display = ("name", "short_name", "kind", "level", "division", "parent", "in_beijing")
    list_select_related = ("division", "parent")
    list_filter = ("kind", "level", "in_beijing")
    search_fields = ("name", "short_name")
    ordering = ("name", "id")
    raw_id_fields = ("division", "parent")
    readonly_fields = ("path", "version", "created", "last_updated")
    service_fields = services.FIELDS
    service_object_kwarg = "organisation"
    service_create = staticmethod(services.organisation_create)
    service_update = staticmethod(services.organisation_update)
    service_delete = staticmethod(services.organisation_delete)
