"""Filters for systems. Name search and grade filter run on the visibility annotations
(``display_name`` / ``display_grade``), so hidden classified names can never be matched."""

import django_filters as df

from egovnet.core.filtersets import FilterSet, IdFilter
from egovnet.orgs.filtersets import division_subtree

from .choices import CurrentNetwork, SecrecyGrade, SystemStatus, TargetNetwork
from .models import ApplicationSystem


class ApplicationSystemFilterSet(FilterSet):
    q = df.CharFilter(field_name="display_name", lookup_expr="icontains", label="搜索 Search")
    is_classified = df.BooleanFilter()
    secrecy_grade = df.MultipleChoiceFilter(field_name="display_grade", choices=SecrecyGrade.choices, distinct=False)
    mlps_level = df.MultipleChoiceFilter(choices=[(i, str(i)) for i in range(1, 6)], distinct=False)
    current_network = df.MultipleChoiceFilter(choices=CurrentNetwork.choices, distinct=False)
    target_network = df.MultipleChoiceFilter(choices=TargetNetwork.choices, distinct=False)
    status = df.MultipleChoiceFilter(choices=SystemStatus.choices, distinct=False)
    owner = IdFilter(field_name="owner_id")
    division = df.CharFilter(method="in_division", label="行政区划（含下级） Division (subtree)")
    public_facing = df.BooleanFilter()
    cross_region = df.BooleanFilter()
    cross_department = df.BooleanFilter()
    is_demo = df.BooleanFilter()

    class Meta:
        model = ApplicationSystem
        fields = [
            "is_classified",
            "secrecy_grade",
            "mlps_level",
            "current_network",
            "target_network",
            "status",
            "owner",
            "division",
            "public_facing",
            "cross_region",
            "cross_department",
            "is_demo",
        ]

    def in_division(self, queryset, name, value):
        return division_subtree(queryset, "owner__division__code", value)
