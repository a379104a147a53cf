"""Admin: read-mostly views of the lifecycle. Changes go through the services (UI, API, CLI), so the admin
only lets administrators maintain the reference tables (holidays, agency qualifications) and browse the rest.
"""

from __future__ import annotations

from django.contrib import admin

from egovnet.core.admin import ReadOnlyAdmin

from .models import (
    AssessmentAgency,
    AssessmentCommission,
    AuthorityRequest,
    Evidence,
    Holiday,
    Project,
    ReviewMeeting,
    StageTransition,
)
from .services import holiday_set


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["id", "name", "owner", "stage", "status", "approval_path", "cobuilt"]
    list_filter = ["stage", "status", "approval_path", "cobuilt"]
    list_select_related = ["owner"]
    search_fields = ["name"]


@admin.register(AssessmentCommission)
class AssessmentCommissionAdmin(ReadOnlyAdmin):
    list_display = ["id", "project", "agency", "assessment_type", "status", "result", "report_ref", "report_date"]
    list_filter = ["assessment_type", "status", "result"]
    list_select_related = ["project", "agency__organisation"]


@admin.register(StageTransition)
class StageTransitionAdmin(ReadOnlyAdmin):
    list_display = ["project", "kind", "from_stage", "to_stage", "gate", "actor", "at"]
    list_select_related = ["project", "actor"]


@admin.register(Evidence)
class EvidenceAdmin(ReadOnlyAdmin):
    list_display = ["id", "project", "doc_type", "issuer", "ref_no", "date", "result", "opaque"]
    list_select_related = ["project", "issuer"]
    list_filter = ["doc_type", "opaque"]


@admin.register(AuthorityRequest)
class AuthorityRequestAdmin(ReadOnlyAdmin):
    list_display = ["id", "project", "kind", "authority", "status", "due_on"]
    list_select_related = ["project", "authority"]
    list_filter = ["kind", "status"]


@admin.register(ReviewMeeting)
class ReviewMeetingAdmin(ReadOnlyAdmin):
    list_display = ["id", "project", "review_type", "organiser", "date"]
    list_select_related = ["project", "organiser"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    """The holidays table an administrator fills (make-up working days marked ``is_workday``)."""

    list_display = ["date", "name", "is_workday"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        # through the service: authorized and audited like every other write
        holiday_set(actor=request.user, date=obj.date, name=obj.name, is_workday=obj.is_workday)


@admin.register(AssessmentAgency)
class AssessmentAgencyAdmin(ReadOnlyAdmin):
    list_display = ["organisation", "qualification", "certificate_no", "valid_from", "valid_to"]
    list_select_related = ["organisation"]
