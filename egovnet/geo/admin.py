"""Divisions in the admin: read-only reference data (changed only by ``egovnet load-divisions``)."""

from django.contrib import admin

from egovnet.core.admin import ReadOnlyAdmin

from .models import Division


@admin.register(Division)
class DivisionAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "level", "parent_id", "province_code", "valid_from", "valid_to")
    list_filter = ("level",)
    search_fields = ("code", "name")
    ordering = ("code",)

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and request.user.is_staff

    def has_view_permission(self, request, obj=None) -> bool:
        return request.user.is_active and request.user.is_staff
