"""Admin: read-only views of the migration models (every write goes through the services)."""

from django.contrib import admin

from egovnet.core.admin import ReadOnlyAdmin

from .models import (
    BudgetLine,
    ItemStatusChange,
    MigrationItem,
    MigrationPlan,
    NetworkException,
    OmProposal,
    OmProposalLine,
    PlanVersion,
)


@admin.register(MigrationPlan)
class MigrationPlanAdmin(ReadOnlyAdmin):
    list_display = ["title", "department", "has_approved", "effective_version"]
    list_select_related = ["department", "effective_version"]
    raw_id_fields = ["department", "effective_version"]


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ["plan", "number", "status", "approved_at"]
    list_filter = ["status"]
    list_select_related = ["plan"]


@admin.register(MigrationItem)
class MigrationItemAdmin(ReadOnlyAdmin):
    list_display = ["id", "plan_version", "from_network", "target_network", "planned_date", "status"]
    list_filter = ["status", "target_network"]
    list_select_related = ["plan_version__plan", "from_network"]
    raw_id_fields = ["plan_version", "system", "from_network"]


@admin.register(ItemStatusChange)
class ItemStatusChangeAdmin(ReadOnlyAdmin):
    list_display = ["plan", "from_status", "to_status", "effective_on"]
    list_select_related = ["plan"]


@admin.register(BudgetLine)
class BudgetLineAdmin(ReadOnlyAdmin):
    list_display = ["department", "fiscal_year", "object_kind", "amount_10k_yuan"]
    list_filter = ["fiscal_year", "object_kind"]
    list_select_related = ["department"]


@admin.register(NetworkException)
class NetworkExceptionAdmin(ReadOnlyAdmin):
    list_display = ["network", "status", "reference", "approved_on"]
    list_select_related = ["network"]


@admin.register(OmProposal)
class OmProposalAdmin(ReadOnlyAdmin):
    list_display = ["department", "fiscal_year", "status", "current_total", "proposed_total"]
    list_filter = ["fiscal_year", "status"]
    list_select_related = ["department"]


@admin.register(OmProposalLine)
class OmProposalLineAdmin(ReadOnlyAdmin):
    list_display = ["proposal", "rule", "current_amount", "proposed_amount", "decision"]
    list_filter = ["rule", "decision"]
    list_select_related = ["proposal__department"]
