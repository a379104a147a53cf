"""Application-system pages. Every read goes through ``visible_systems(user)``: hidden classified
names and grades are redacted in lists, details, search and sorting, and cannot be edited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext as _

from egovnet.core import permissions
from egovnet.core.forms import LOOKUP_LIMIT
from egovnet.core.tables import choice_label
from egovnet.core.views_base import RegistryDeleteView, RegistryDetailView, RegistryFormView, RegistryListView
from egovnet.orgs.models import Organisation

from . import redaction, services
from .choices import GRADE_RANK, CoverageLevel, SecrecyGrade
from .filtersets import ApplicationSystemFilterSet
from .forms import ApplicationSystemForm
from .models import ApplicationSystem
from .queries import REDACTED_NAME_EN, visible_systems
from .tables import SYSTEM_COLUMNS, SYSTEM_SORTS, annotated_name, shown_grade


class SystemMixin:
    model = ApplicationSystem
    url_prefix = "systems:system"
    select_related = ("owner", "current_dedicated_network")

    def base_queryset(self, action: str = "view"):
        return visible_systems(self.request.user, action).select_related(*self.select_related)

    def object_label(self, obj: ApplicationSystem) -> str:
        # A freshly saved object has no annotations: the writer could see it, so its name is shown.
        return annotated_name(obj) if hasattr(obj, "name_visible") else obj.name

    def check_visible(self, obj: ApplicationSystem) -> None:
        if not obj.name_visible:
            raise PermissionDenied(
                _("Your clearance does not cover this classified system; it cannot be changed from your account.")
            )


class SystemListView(SystemMixin, RegistryListView):
    export_registry = "systems"
    filterset_class = ApplicationSystemFilterSet
    columns = SYSTEM_COLUMNS
    sort_fields = SYSTEM_SORTS
    default_sort = "owner"
    primary_filters = ("is_classified", "secrecy_grade", "current_network", "target_network", "division")

    def extra_context(self, filterset: Any) -> dict[str, Any]:
        field = filterset.form.fields["secrecy_grade"]
        field.label = _("secrecy grade")
        rank = permissions.clearance_rank(self.request.user)
        field.choices = [(g.value, g.label) for g in SecrecyGrade if GRADE_RANK[g] <= rank]
        return {}


class SystemDetailView(SystemMixin, RegistryDetailView):
    template_name = "systems/system_detail.html"

    def extra_context(self, obj: ApplicationSystem) -> dict[str, Any]:
        return {
            "title": annotated_name(obj),
            "shown_name": annotated_name(obj),
            "shown_grade": shown_grade(obj),
            "redacted_en": REDACTED_NAME_EN if not obj.name_visible else "",
            "coverage": [choice_label(CoverageLevel, c) for c in obj.coverage_levels or []],
            "edit_url": self.url("edit", obj.pk) if obj.name_visible and self.may("change", obj) else "",
            "delete_url": self.url("delete", obj.pk) if obj.name_visible and self.may("delete", obj) else "",
        }


class SystemFormView(SystemMixin, RegistryFormView):
    form_class = ApplicationSystemForm

    def check_object(self, obj: ApplicationSystem) -> None:
        self.check_visible(obj)
        super().check_object(obj)

    def save(self, form: ApplicationSystemForm, obj: ApplicationSystem | None) -> ApplicationSystem:
        changes = form.changes()
        changes["secrecy_grade"] = changes.get("secrecy_grade") or ""
        if obj is None:
            return services.system_create(actor=self.request.user, reason=form.audit_reason(), **changes)
        return services.system_update(
            actor=self.request.user,
            system=obj,
            expected_version=form.expected_version(),
            reason=form.audit_reason(),
            **changes,
        )


class SystemDeleteView(SystemMixin, RegistryDeleteView):
    def get_object(self, pk: Any) -> ApplicationSystem:
        obj = super().get_object(pk)
        self.check_visible(obj)
        return obj

    def delete(self, obj: ApplicationSystem, version: int | None, reason: str) -> None:
        services.system_delete(actor=self.request.user, system=obj, expected_version=version, reason=reason)


@login_required
def system_lookup(request):
    """At most 20 systems in the reader's scope whose name the reader may see, matching the typed text
    (HTMX datalist options). A classified system above the reader's clearance is never offered, and the
    typed text is never matched against a hidden name (a search must not reveal that such a name exists).
    ``owner=<id>`` narrows to that organisation's subtree (a department's migration items)."""
    term = (request.GET.get(request.GET.get("field", "")) or request.GET.get("q") or "").strip()
    rows: list[ApplicationSystem] = []
    if term:
        qs = permissions.restrict(ApplicationSystem.objects.all(), request.user, "view").filter(
            redaction.shown_q(request.user)
        )
        owner = request.GET.get("owner", "")
        if owner.isdigit():
            org = permissions.restrict(Organisation.objects.all(), request.user, "view").filter(pk=owner).first()
            qs = qs.filter(owner__path__startswith=org.path) if org is not None else qs.none()
        key = term.split()[0]
        qs = qs.filter(Q(pk=key) if key.isdigit() and len(key) <= 18 else Q(name__icontains=term))
        rows = list(qs.select_related("owner").order_by("name", "id")[:LOOKUP_LIMIT])
    options = [(f"{s.pk} {s.name}", s.owner.name) for s in rows]
    return render(request, "registry/_lookup_options.html", {"options": options})
