"""Import jobs in the admin: read-only (they are written by the import flow only)."""

from django.contrib import admin

from .models import ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "registry", "original_name", "user", "status", "done_rows", "total_rows", "created"]
    list_filter = ["registry", "status"]
    search_fields = ["original_name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
