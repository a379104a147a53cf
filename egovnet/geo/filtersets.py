import django_filters as df
from django.db.models import Q

from egovnet.core.filtersets import FilterSet

from .choices import DivisionLevel
from .models import Division


class DivisionFilterSet(FilterSet):
    q = df.CharFilter(method="search", label="搜索 Search")
    level = df.ChoiceFilter(choices=DivisionLevel.choices)
    parent = df.CharFilter(field_name="parent_id")
    province = df.CharFilter(field_name="province_code")
    valid = df.BooleanFilter(field_name="valid_to", lookup_expr="isnull", label="有效 Valid")

    class Meta:
        model = Division
        fields = ["level", "parent", "province", "valid"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(code__startswith=value))
