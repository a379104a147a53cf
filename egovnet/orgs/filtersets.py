import django_filters as df
from django.db.models import Q

from egovnet.core.filtersets import FilterSet, IdFilter
from egovnet.core.permissions import _PREFIX_LENGTH
from egovnet.geo.models import Division

from .choices import Level, OrgKind
from .models import Organisation


def _division(value: str) -> Division | None:
    """The division a filter names: its code ("410000", "410000 河南省", as a picked suggestion gives it) or,
    typed by hand, its name ("河南省", or "河南" where that starts exactly one current division's name)."""
    value = (value or "").strip()
    code = value.split()[0] if value else ""
    if code.isdigit():
        return Division.objects.filter(code=code).only("code", "level").first()
    if not value:
        return None
    current = Division.objects.current().only("code", "level")
    exact = list(current.filter(name=value)[:2])
    if len(exact) == 1:
        return exact[0]
    starting = list(current.filter(name__startswith=value).order_by("code")[:2])
    return starting[0] if len(starting) == 1 else None


def division_subtree(queryset, field: str, value: str):
    """Rows whose ``field`` (a division code) lies in the subtree of the division ``value`` names (a code, or a
    name typed by hand); none when it names no division or several."""
    division = _division(value)
    if division is None:
        return queryset.none()
    code = division.code
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
