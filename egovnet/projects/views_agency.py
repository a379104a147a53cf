"""Article 11 in the UI: the owner commissions an assessment agency; the agency records its result.

An agency sees a commissioned project only on a restricted page: the project's identity, stage and
applications (classified names redacted), and its own commissions — no evidence, requests or findings.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME, annotate_visibility

from . import forms, queries, services
from .choices import Qualification
from .models import AssessmentCommission, Project, ProjectApplication
from .view_helpers import attempt
from .view_helpers import project_or_404 as _project_or_404


def agency_project_page(request, project: Project):
    systems = annotate_visibility(ApplicationSystem.objects.all(), request.user)
    apps = (
        ProjectApplication.objects.filter(project=project)
        .prefetch_related(Prefetch("system", queryset=systems))
        .order_by("id")
    )
    commissions = list(queries.agency_commissions(request.user).filter(project=project).order_by("id"))
    rows = [(c, _result_form(c, initial={"version": c.version})) for c in commissions]
    context = {"project": project, "applications": apps, "rows": rows, "redacted": REDACTED_NAME}
    return render(request, "projects/project_agency.html", context)


def _result_form(c, data=None, initial=None) -> forms.AssessmentResultForm:
    risk = c.assessment_type == Qualification.RISK
    return forms.AssessmentResultForm(data, initial=initial, prefix=f"c{c.pk}", risk=risk)


@login_required
@require_POST
def commission_add(request, pk: int):
    project = _project_or_404(request, pk)
    form = forms.CommissionForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=pk)
    d = form.cleaned_data
    attempt(request, lambda: services.commission_create(actor=request.user, project=project, agency=d["agency"],
                                                        assessment_type=d["assessment_type"], note=d["note"]),
            success="已委托测评机构 / Assessment agency commissioned.")  # fmt: skip
    return redirect("projects:project_detail", pk=pk)


@login_required
@require_POST
def commission_report(request, pk: int):
    commission = get_object_or_404(queries.agency_commissions(request.user), pk=pk)
    form = _result_form(commission, data=request.POST)
    if not form.is_valid():
        messages.error(request, form.errors.as_text())
        return redirect("projects:project_detail", pk=commission.project_id)
    d = form.cleaned_data
    if attempt(request, lambda: services.commission_report(actor=request.user, commission=commission,
                                                           expected_version=d["version"], passed=d["conclusion"],
                                                           ref_no=d["ref_no"], date=d["date"], issues=d["issues"],
                                                           risk_parts=d.get("risk_parts") or []),
               success="测评结果已登记 / Assessment result recorded."):  # fmt: skip
        return redirect("projects:tasks")  # the commission is closed: the project is no longer the agency's to see
    return redirect("projects:project_detail", pk=commission.project_id)


@login_required
@require_POST
def commission_withdraw(request, pk: int):
    owned = AssessmentCommission.objects.filter(project__in=queries.visible_projects(request.user))
    commission = get_object_or_404(owned.select_related("project__owner"), pk=pk)
    version = request.POST.get("version", "")
    attempt(request, lambda: services.commission_withdraw(actor=request.user, commission=commission,
                                                          expected_version=int(version) if version.isdigit() else None,
                                                          reason=request.POST.get("reason", "")),
            success="已撤回测评委托 / Commission withdrawn.")  # fmt: skip
    return redirect("projects:project_detail", pk=commission.project_id)
