import django_filters as df

from egovnet.core.filtersets import FilterSet, IdFilter
from egovnet.orgs.choices import Level
from egovnet.orgs.filtersets import division_subtree

from .choices import BuiltOn, ComponentKind, NetworkFamily, NetworkScope, NetworkStatus
from .models import Network


class NetworkFilterSet(FilterSet):
    q = df.CharFilter(field_name="name", lookup_expr="icontains", label="搜索 Search")
    family = df.MultipleChoiceFilter(choices=NetworkFamily.choices, distinct=False)
    kind = df.MultipleChoiceFilter(choices=ComponentKind.choices, distinct=False)
    level = df.MultipleChoiceFilter(choices=Level.choices, distinct=False)
    scope = df.MultipleChoiceFilter(choices=NetworkScope.choices, distinct=False)
    status = df.MultipleChoiceFilter(choices=NetworkStatus.choices, distinct=False)
    built_on = df.MultipleChoiceFilter(choices=BuiltOn.choices, distinct=False)
    owner = IdFilter(field_name="owner_id")
    division = df.CharFilter(method="in_division", label="行政区划（含下级） Division (subtree)")
    is_demo = df.BooleanFilter()

    class Meta:
        model = Network
        fields = ["family", "kind", "level", "scope", "status", "built_on", "owner", "division", "is_demo"]

    def in_division(self, queryset, name, value):
        return division_subtree(queryset, "division__code", value)
