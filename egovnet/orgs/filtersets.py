import django_filters as df
from django.db.models import Q

from egovnet.core.filtersets import FilterSet, IdFilter
from egovnet.core.permissions import _PREFIX_LENGTH
from egovnet.geo.models import Division

from .choices import Level, OrgKind
from .models import Organisation


def division_subtree(queryset, field: str, code: str):
    """Rows whose ``field`` (a division code) lies in the subtree of division ``code``."""
    division = Division.objects.filter(code=code).only("code", "level").first()
    if division is None:
        return queryset.none()
    # Django refuses lookups on the FK column itself ("division_id__startswith"); use the target key.
    lookup = field.removesuffix("_id") + "__code" if field.endswith("division_id") else field
    return queryset.filter(**{f"{lookup}__startswith": code[: _PREFIX_LENGTH.get(division.level, 6)]})


# Filters on the model's own columns never duplicate rows: no SELECT DISTINCT (it defeated the indexes).
class OrganisationFilterSet(FilterSet):
    q = df.CharFilter(method="search", label="搜索 Search")
    kind = df.MultipleChoiceFilter(choices=OrgKind.choices, distinct=False)
    level = df.MultipleChoiceFilter(choices=Level.choices, distinct=False)
    division = df.CharFilter(method="in_division", label="行政区划（含下级） Division (subtree)")
    parent = IdFilter(field_name="parent_id")
    in_beijing = df.BooleanFilter()
    is_demo = df.BooleanFilter()

    class Meta:
        model = Organisation
        fields = ["kind", "level", "division", "parent", "in_beijing", "is_demo"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(short_name__icontains=value))

    def in_division(self, queryset, name, value):
        return division_subtree(queryset, "division__code", value)
