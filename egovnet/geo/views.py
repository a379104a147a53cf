"""Division pages (read-only reference data) and the division lookup used by forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from egovnet.core.forms import LOOKUP_LIMIT
from egovnet.core.views_base import RegistryDetailView, RegistryListView

from .choices import DivisionLevel
from .filtersets import DivisionFilterSet
from .models import Division
from .tables import DIVISION_COLUMNS, DIVISION_SORTS


class DivisionMixin:
    model = Division
    url_prefix = "geo:division"
    select_related = ("parent",)


class DivisionListView(DivisionMixin, RegistryListView):
    filterset_class = DivisionFilterSet
    columns = DIVISION_COLUMNS
    sort_fields = DIVISION_SORTS
    default_sort = "code"
    can_add = False
    primary_filters = ("level", "province", "valid")

    def extra_context(self, filterset: Any) -> dict[str, Any]:
        provinces = Division.objects.filter(level=DivisionLevel.PROVINCE).order_by("code").values_list("code", "name")
        field = filterset.form.fields["province"]
        field.label = _("province")
        field.widget = forms.Select(choices=[("", "—"), *provinces])
        filterset.form.fields["parent"].widget = forms.HiddenInput()
        return {}


class DivisionDetailView(DivisionMixin, RegistryDetailView):
    template_name = "geo/division_detail.html"
    editable = False

    def extra_context(self, obj: Division) -> dict[str, Any]:
        return {
            "children": list(obj.children.order_by("code")),
            "ancestors": [d for d in (obj.parent, obj.parent.parent if obj.parent else None) if d][::-1],
        }


@login_required
def division_lookup(request):
    """At most 20 current divisions matching a code prefix or a name (HTMX datalist options)."""
    term = (request.GET.get(request.GET.get("field", "")) or request.GET.get("q") or "").strip()
    rows: list[Division] = []
    if term:
        key = term.split()[0]
        cond = Q(code__startswith=key) if key.isdigit() else Q(name__contains=term)
        rows = list(Division.objects.current().filter(cond).select_related("parent").order_by("code")[:LOOKUP_LIMIT])
    if request.GET.get("plain"):  # filters take the bare code
        options = [(d.code, f"{d.name} · {d.get_level_display()}") for d in rows]
    else:
        options = [
            (f"{d.code} {d.name}", f"{d.get_level_display()} · {d.parent.name if d.parent else ''}") for d in rows
        ]
    return render(request, "registry/_lookup_options.html", {"options": options})
