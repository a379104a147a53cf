"""Web views of O&M funding (第十二条): proposals, line review, Excel export, what-if, new networks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovnet.core import permissions
from egovnet.core.view_helpers import attempt_call
from egovnet.orgs.models import Organisation
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK as NDRC_1986
from egovnet.systems.queries import shown_name

from ..choices import ItemStatus, LineDecision, ProposalStatus
from ..export import item_labels, object_name, proposals_xlsx, stored_sheets
from ..forms import DecideForm, GenerateForm, WhatIfForm
from ..models import BudgetLine, MigrationItem, NetworkException, OmProposal, OmProposalLine
from ..services import funding
from ..services.facts import effective_items
from ..services.queries import new_dedicated_networks, new_network_row
from .base import can, in_scope, page_of


def _departments(user: Any, action: str = "view"):
    """Departments with budget lines that the user may act on."""
    with_lines = BudgetLine.objects.values("department_id")
    return permissions.restrict(Organisation.objects.filter(pk__in=with_lines), user, "view").order_by("name", "id")


@login_required
def proposal_list(request):
    proposals = permissions.restrict(OmProposal.objects.all(), request.user, "view").select_related("department")
    year = request.GET.get("year", "")
    if year.isdigit():
        proposals = proposals.filter(fiscal_year=int(year))
    proposals = proposals.order_by("-fiscal_year", "department__name", "id")
    if request.GET.get("format") == "xlsx":
        return _xlsx(stored_sheets(proposals[:500]), request.user, f"om-proposals-{year or 'all'}.xlsx")
    page = page_of(request, proposals)
    counts = {
        r["proposal_id"]: r
        for r in OmProposalLine.objects.filter(proposal__in=[p.pk for p in page.object_list])
        .values("proposal_id")
        .annotate(
            flagged=Count("pk", filter=Q(flag_review=True)),
            pending=Count("pk", filter=Q(decision=LineDecision.PENDING)),
        )
    }
    for p in page.object_list:
        p.flagged = counts.get(p.pk, {}).get("flagged", 0)
        p.pending = counts.get(p.pk, {}).get("pending", 0)
    may_generate = permissions.has_any_grant(request.user, "add", OmProposal)
    form = GenerateForm(initial={"fiscal_year": timezone.localdate().year + 1}, departments=_departments(request.user))
    ctx = {"page": page, "year": year, "may_generate": may_generate, "form": form}
    return render(request, "migration/proposal_list.html", ctx)


@login_required
@require_POST
def proposal_generate(request):
    form = GenerateForm(request.POST, departments=_departments(request.user))
    if not form.is_valid():
        messages.error(request, " ".join(e for errs in form.errors.values() for e in errs))
        return redirect("migration:proposal_list")
    ok, proposal = attempt_call(request, lambda: funding.proposal_generate(actor=request.user, **form.cleaned_data))
    if ok:
        return redirect("migration:proposal_detail", pk=proposal.pk)
    return redirect("migration:proposal_list")


def _lines(proposal: OmProposal, user: Any) -> list[OmProposalLine]:
    lines = list(
        proposal.lines.select_related("network", "system").prefetch_related("items__system", "items__plan_version")
    )
    for line in lines:
        line.object_name = object_name(line, user)
        line.item_list = [
            {"label": label, "plan_id": item.plan_version.plan_id}
            for label, item in zip(item_labels(line, user), line.items.all(), strict=True)
        ]
    return lines


@login_required
def proposal_detail(request, pk: int):
    proposal = in_scope(request, OmProposal.objects.select_related("department", "accepted_by"), pk)
    if request.GET.get("format") == "xlsx":
        return _xlsx(
            stored_sheets([proposal]), request.user, f"om-proposal-{proposal.department_id}-{proposal.fiscal_year}.xlsx"
        )
    ctx = {
        "proposal": proposal,
        "lines": _lines(proposal, request.user),
        "may_decide": proposal.status == ProposalStatus.DRAFT
        and can(request.user, "decide", OmProposal, proposal.department),
        "LineDecision": LineDecision,
    }
    return render(request, "migration/proposal_detail.html", ctx)


@login_required
@require_POST
def line_decide(request, pk: int):
    line = in_scope(request, OmProposalLine.objects.select_related("proposal__department"), pk)
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Invalid decision: %(e)s") % {"e": form.errors.as_text()})
        return redirect("migration:proposal_detail", pk=line.proposal_id)
    data = form.cleaned_data
    attempt_call(
        request,
        lambda: funding.line_decide(
            actor=request.user,
            line=line,
            expected_version=data["version"],
            accept=data["decision"] == "accept",
            amount=data.get("amount"),
            reason=data.get("reason") or "",
        ),
    )
    return redirect("migration:proposal_detail", pk=line.proposal_id)


@login_required
@require_POST
def proposal_accept(request, pk: int):
    proposal = in_scope(request, OmProposal.objects.select_related("department"), pk)
    expected = int(request.POST.get("version") or 0) or None
    attempt_call(
        request,
        lambda: funding.proposal_accept(actor=request.user, proposal=proposal, expected_version=expected),
        success=_("Proposal accepted."),
    )
    return redirect("migration:proposal_detail", pk=proposal.pk)


def _xlsx(sheets: list, user: Any, filename: str) -> HttpResponse:
    response = HttpResponse(
        proposals_xlsx(sheets, user), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def what_if(request):
    """Change planned dates or scope and see next year's proposal — nothing is saved."""
    departments = _departments(request.user)
    data = request.POST if request.method == "POST" else None
    form = WhatIfForm(data, departments=departments, initial={"fiscal_year": timezone.localdate().year + 1})
    ctx: dict[str, Any] = {"form": form, "statuses": ItemStatus.choices}
    if data is None or not form.is_valid():
        return render(request, "migration/what_if.html", ctx)
    cd = form.cleaned_data
    as_of = cd.get("as_of") or timezone.localdate()
    items = _department_items(request, cd["department"])
    overrides = {**cd["overrides"], **_form_overrides(data, items)}
    common = {"actor": request.user, "department": cd["department"], "fiscal_year": cd["fiscal_year"], "as_of": as_of}
    ok, base = attempt_call(request, lambda: funding.proposal_preview(**common), form=form)
    ok2, changed = (
        attempt_call(request, lambda: funding.proposal_preview(**common, overrides=overrides), form=form)
        if ok
        else (False, None)
    )
    ctx["items"] = items
    if ok and ok2:
        kw = {"department": cd["department"], "fiscal_year": cd["fiscal_year"], "as_of": as_of}
        ctx["base"] = funding.preview_as_proposal(preview=base, **kw)
        ctx["changed"] = funding.preview_as_proposal(preview=changed, **kw)
        for _p, lines in (ctx["base"], ctx["changed"]):
            for line in lines:
                line.object_name = object_name(line, request.user)
        ctx["rows"] = list(zip(ctx["base"][1], ctx["changed"][1], strict=True))
    return render(request, "migration/what_if.html", ctx)


def _form_overrides(data: Any, items: list[MigrationItem]) -> dict[str, dict[str, Any]]:
    """Per-item inputs of the what-if form (date_<id>, status_<id>, exclude_<id>) as overrides."""
    out: dict[str, dict[str, Any]] = {}
    for item in items:
        change: dict[str, Any] = {}
        raw_date = data.get(f"date_{item.pk}", "")
        if raw_date and raw_date != item.planned_date.isoformat():
            change["planned_date"] = raw_date
        raw_status = data.get(f"status_{item.pk}", "")
        if raw_status and raw_status != item.status:
            change["status"] = raw_status
        if data.get(f"exclude_{item.pk}"):
            change["exclude"] = True
        item.input_date = raw_date or item.planned_date.isoformat()
        item.input_status = raw_status or item.status
        item.input_exclude = bool(change.get("exclude"))
        if change:
            out[str(item.pk)] = change
    return out


def _department_items(request, department: Organisation) -> list[MigrationItem]:
    items = list(
        permissions.restrict(effective_items(), request.user, "view")
        .filter(plan_version__plan__department=department)
        .select_related("system", "from_network")
        .order_by("planned_date", "id")[:200]
    )
    for item in items:
        item.shown_name = shown_name(request.user, item.system)
    return items


@login_required
def new_networks(request):
    page = page_of(request, new_dedicated_networks(request.user))
    page.object_list = [new_network_row(n) for n in page.object_list]
    may_record = permissions.has_any_grant(request.user, "add", NetworkException)
    today = timezone.localdate()
    period = NDRC_1986.parameters["notice_date"].period_at(today)
    context = {"page": page, "may_record": may_record, "baseline": period.value, "baseline_reference": period.reference}
    return render(request, "migration/new_networks.html", context)


__all__ = [
    "line_decide",
    "new_networks",
    "proposal_accept",
    "proposal_detail",
    "proposal_generate",
    "proposal_list",
    "what_if",
]
