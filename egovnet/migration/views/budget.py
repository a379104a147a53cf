"""Web views of O&M budget lines and new-network exceptions (第十二条)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from egovnet.core import permissions
from egovnet.core.view_helpers import attempt_call
from egovnet.networks.models import Network
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import annotate_visibility, shown_name

from .. import services
from ..forms import BudgetLineEditForm, BudgetLineForm, NetworkExceptionForm
from ..models import BudgetLine, NetworkException
from .base import in_scope, page_of, query_without_page


@login_required
def budget_list(request):
    lines = permissions.restrict(BudgetLine.objects.all(), request.user, "view").select_related(
        "department", "network", "system"
    )
    year, dept = request.GET.get("year", ""), request.GET.get("department", "").strip()
    if year.isdigit():
        lines = lines.filter(fiscal_year=int(year))
    if dept:  # a picked department ("12" or "12 水利部"); anything else matches nothing
        key = dept.split()[0]
        lines = lines.filter(department_id=int(key)) if key.isdigit() and len(key) <= 18 else lines.none()
    page = page_of(request, lines.order_by("department_id", "fiscal_year", "id"))
    for line in page.object_list:
        line.object_name = line.network.name if line.network_id else shown_name(request.user, line.system)
    ctx = {
        "page": page,
        "year": year,
        "department": dept,
        "export_query": query_without_page(request),
        "may_add": permissions.has_any_grant(request.user, "add", BudgetLine),
        "may_change": permissions.has_any_grant(request.user, "change", BudgetLine),
    }
    return render(request, "migration/budget_list.html", ctx)


@login_required
def budget_add(request):
    user = request.user
    if not permissions.has_any_grant(user, "add", BudgetLine):
        raise PermissionDenied
    form = BudgetLineForm(
        request.POST or None,
        departments=permissions.restrict(Organisation.objects.all(), user, "view").order_by("name", "id"),
        networks=permissions.restrict(Network.objects.all(), user, "view").order_by("name", "id"),
        systems=annotate_visibility(
            permissions.restrict(ApplicationSystem.objects.all(), user, "view").order_by("id"), user
        ),
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v is not None}
        ok, _line = attempt_call(
            request, lambda: services.budget_line_create(actor=user, **data), form=form, success=_("Budget line saved.")
        )
        if ok:
            return redirect("migration:budget_list")
    return render(request, "migration/form.html", {"form": form, "title": _("New O&M budget line")})


@login_required
def budget_edit(request, pk: int):
    line = in_scope(request, BudgetLine.objects.select_related("department"), pk)
    initial = {"amount_10k_yuan": line.amount_10k_yuan, "basis": line.basis, "version": line.version}
    form = BudgetLineEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        ok, _l = attempt_call(
            request,
            lambda: services.budget_line_update(actor=request.user, line=line, expected_version=expected, **data),
            form=form,
        )
        if ok:
            return redirect("migration:budget_list")
    return render(request, "migration/form.html", {"form": form, "title": f"{_('Edit O&M budget line')} {line}"})


@login_required
def network_exception(request, pk: int):
    """Record the exception of a post-notice dedicated network (references only)."""
    network = in_scope(request, Network.objects.select_related("owner"), pk)
    existing = NetworkException.objects.filter(network=network).first()
    fields = ("status", "reference", "legal_basis", "approved_on", "expires_on")
    initial = {f: getattr(existing, f) for f in fields} if existing else {}
    form = NetworkExceptionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data: dict[str, Any] = dict(form.cleaned_data)
        if existing:
            data["expected_version"] = existing.version
        ok, _e = attempt_call(
            request, lambda: services.network_exception_record(actor=request.user, network=network, **data), form=form
        )
        if ok:
            return redirect("migration:new_networks")
    return render(request, "migration/form.html", {"form": form, "title": f"{network} — {_('Exception')}"})
