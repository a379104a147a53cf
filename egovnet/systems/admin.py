"""Application systems in the admin: scoped, redacted, and saved through ``systems.services``.

Lists show the redacted display name and grade (``annotate_visibility``); search and sort use them
too, and the change / delete / history pages of a system hidden from the reader are forbidden.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied

from egovnet.core.admin import ServiceModelAdmin

from . import services
from .models import ApplicationSystem
from .queries import REDACTED_NAME, annotate_visibility, may_see

FIELDS = services.FIELDS


@admin.register(ApplicationSystem)
class ApplicationSystemAdmin(ServiceModelAdmin):
    list_display = ("id", "shown_name", "owner", "is_classified", "shown_grade", "current_network", "status")
    list_display_links = ("id", "shown_name")
    list_select_related = ("owner",)
    list_filter = ("is_classified", "current_network", "target_network", "status")  # never the raw grade
    ordering = ("id",)  # never the raw name: its order would leak hidden names
    search_fields = ("display_name",)
    raw_id_fields = ("owner", "current_dedicated_network")
    readonly_fields = ("version", "created", "last_updated")
    service_fields = FIELDS
    service_object_kwarg = "system"
    service_create = staticmethod(services.system_create)
    service_update = staticmethod(services.system_update)
    service_delete = staticmethod(services.system_delete)

    def owner_of(self, obj):
        return obj.owner

    def get_queryset(self, request):
        return annotate_visibility(super().get_queryset(request), request.user)

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(display_name__icontains=search_term), False

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not may_see(request.user, obj):
            raise PermissionDenied(
                "您的涉密资格不足以查看该涉密系统。 / Your clearance does not cover this classified system."
            )
        return obj

    @admin.display(description="名称 Name", ordering="display_name")
    def shown_name(self, obj) -> str:
        return obj.display_name if obj.name_visible else REDACTED_NAME

    @admin.display(description="密级 Grade")
    def shown_grade(self, obj) -> str:
        return obj.display_grade or ("—" if not obj.is_classified else "【不予显示】")
