"""Admin: findings and sweep runs are read-only (written by the engine only); deviations are listed here and
written through the UI/API services."""

from django.contrib import admin

from egovnet.core.admin import ReadOnlyAdmin
from egovnet.policy.models import Finding, PolicyDeviation, SweepRun


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdmin):
    list_display = ("id", "rule", "article", "outcome", "strength", "subject_type", "subject_id", "subject_label")
    list_filter = ("outcome", "article", "strength", "subject_type")
    list_select_related = False
    show_full_result_count = False


@admin.register(SweepRun)
class SweepRunAdmin(ReadOnlyAdmin):
    list_display = ("id", "status", "province", "subjects", "findings", "duration_s", "started_at")


@admin.register(PolicyDeviation)
class PolicyDeviationAdmin(ReadOnlyAdmin):
    list_display = ("id", "rule", "subject_type", "subject_id", "approved", "expires")
    raw_id_fields = ("owner", "approver")
