"""Filter sets of the migration app (every filtered field is indexed or a foreign key)."""

from __future__ import annotations

import django_filters

from egovnet.core.filtersets import FilterSet

from .choices import ItemStatus, PlanStatus, ProposalStatus
from .models import BudgetLine, MigrationItem, MigrationPlan, OmProposal, OmProposalLine, PlanVersion


class MigrationPlanFilterSet(FilterSet):
    class Meta:
        model = MigrationPlan
        fields = ["department", "has_approved"]


class PlanVersionFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=PlanStatus.choices)

    class Meta:
        model = PlanVersion
        fields = ["plan", "status"]


class MigrationItemFilterSet(FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=ItemStatus.choices)
    planned_before = django_filters.DateFilter(field_name="planned_date", lookup_expr="lt")

    class Meta:
        model = MigrationItem
        fields = ["plan_version", "from_network", "status", "target_network", "is_effective"]


class BudgetLineFilterSet(FilterSet):
    year = django_filters.NumberFilter(field_name="fiscal_year")  # the list page's parameter

    class Meta:
        model = BudgetLine
        fields = ["department", "fiscal_year", "object_kind", "network"]


class OmProposalFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(choices=ProposalStatus.choices)

    class Meta:
        model = OmProposal
        fields = ["department", "fiscal_year", "status"]


class OmProposalLineFilterSet(FilterSet):
    class Meta:
        model = OmProposalLine
        fields = ["proposal", "rule", "flag_review", "decision"]
