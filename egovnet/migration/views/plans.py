"""Web views of migration plans (第四条): list, detail, create, edit version, items, progress, timeline."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from egovnet.core import permissions
from egovnet.core.view_helpers import attempt_call
from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Network
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import annotate_visibility, shown_name

from .. import services
from ..choices import MIGRATED_STATUSES, PlanStatus
from ..forms import ItemForm, PlanForm, ProgressForm, VersionForm
from ..models import MigrationItem, MigrationPlan, PlanVersion
from ..services.facts import effective_items
from ..services.progress import timeline
from .base import can, in_scope, page_of

MIGRATED = list(MIGRATED_STATUSES)


@login_required
def plan_list(request):
    plans = (
        permissions.restrict(MigrationPlan.objects.all(), request.user, "view")
        .select_related("department", "effective_version")
        .order_by("title", "id")
    )
    page = page_of(request, plans)
    counts = _page_counts([p.pk for p in page.object_list])  # aggregate the page only, not every plan
    for plan in page.object_list:
        plan.total, plan.migrated, plan.overdue = counts.get(plan.pk, (0, 0, 0))
    may_add = permissions.has_any_grant(request.user, "add", MigrationPlan)
    return render(request, "migration/plan_list.html", {"page": page, "may_add": may_add})


def _page_counts(plan_ids: list[int]) -> dict[int, tuple[int, int, int]]:
    today = timezone.localdate()
    rows = (
        effective_items()
        .filter(plan_version__plan_id__in=plan_ids)
        .values("plan_version__plan_id")
        .annotate(
            total=Count("pk"),
            migrated=Count("pk", filter=Q(status__in=MIGRATED)),
            overdue=Count("pk", filter=Q(planned_date__lt=today) & ~Q(status__in=MIGRATED)),
        )
    )
    return {r["plan_version__plan_id"]: (r["total"], r["migrated"], r["overdue"]) for r in rows}


def _addable_departments(user: Any):
    return (
        permissions.restrict(Organisation.objects.all(), user, "view")
        .filter(migration_plan__isnull=True)
        .order_by("name")
    )


@login_required
def plan_create(request):
    if not permissions.has_any_grant(request.user, "add", MigrationPlan):
        raise PermissionDenied
    form = PlanForm(request.POST or None, departments=_addable_departments(request.user))
    if request.method == "POST" and form.is_valid():
        ok, plan = attempt_call(
            request,
            lambda: services.plan_create(actor=request.user, **form.cleaned_data),
            form=form,
            success=_("Migration plan created."),
        )
        if ok:
            return redirect("migration:plan_detail", pk=plan.pk)
    return render(request, "migration/form.html", {"form": form, "title": _("New migration plan")})


def _version_items(request, version: PlanVersion) -> list[MigrationItem]:
    items = list(version.items.select_related("system", "from_network").order_by("planned_date", "id"))
    today = timezone.localdate()
    for item in items:
        item.shown_name = shown_name(request.user, item.system)
        item.is_overdue = item.status not in MIGRATED_STATUSES and item.planned_date < today
    return items


@login_required
def plan_detail(request, pk: int):
    plan = in_scope(request, MigrationPlan.objects.select_related("department", "effective_version"), pk)
    versions = list(plan.versions.select_related("submitted_by", "approved_by").order_by("-number"))
    shown = next((v for v in versions if str(v.pk) == request.GET.get("version")), plan.effective_version)
    shown = shown or (versions[0] if versions else None)
    user, dept = request.user, plan.department
    ctx = {
        "plan": plan,
        "versions": versions,
        "shown": shown,
        "items": _version_items(request, shown) if shown else [],
        "open_draft": next((v for v in versions if v.status == PlanStatus.DRAFT), None),
        "may_edit": can(user, "change", PlanVersion, dept),
        "may_submit": can(user, "transition", PlanVersion, dept),
        "may_approve": can(user, "decide", PlanVersion, dept),
        "may_new_version": can(user, "add", PlanVersion, dept),
        "may_progress": can(user, "change", MigrationItem, dept),
        "PlanStatus": PlanStatus,
        "summary": _summary(shown) if shown else None,
        "items_export_query": urlencode({"plan_version": shown.pk}) if shown else "",
    }
    return render(request, "migration/plan_detail.html", ctx)


def _summary(version: PlanVersion) -> dict[str, Any]:
    total, migrated, overdue = _version_counts(version)
    return {
        "total": total,
        "migrated": migrated,
        "overdue": overdue,
        "percent": round(migrated / total * 100, 1) if total else 0.0,
    }


def _version_counts(version: PlanVersion) -> tuple[int, int, int]:
    today = timezone.localdate()
    row = version.items.aggregate(
        total=Count("pk"),
        migrated=Count("pk", filter=Q(status__in=MIGRATED)),
        overdue=Count("pk", filter=Q(planned_date__lt=today) & ~Q(status__in=MIGRATED)),
    )
    return row["total"], row["migrated"], row["overdue"]


@login_required
def version_edit(request, pk: int):
    version = in_scope(request, PlanVersion.objects.select_related("plan__department"), pk)
    initial = {"scheme": version.scheme, "phases": _json(version.phases), "version": version.version}
    form = VersionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        expected = data.pop("version")
        ok, _v = attempt_call(
            request,
            lambda: services.version_update(actor=request.user, version=version, expected_version=expected, **data),
            form=form,
        )
        if ok:
            return redirect(f"{_plan_url(version)}?version={version.pk}")
    return render(request, "migration/form.html", {"form": form, "title": f"{version} — {_('Implementation scheme')}"})


def _json(value: Any) -> str:
    import json

    return json.dumps(value, ensure_ascii=False, indent=1) if value else ""


def _plan_url(version: PlanVersion) -> str:
    from django.urls import reverse

    return reverse("migration:plan_detail", kwargs={"pk": version.plan_id})


def _item_form(request, version: PlanVersion, **kw) -> ItemForm:
    dept = version.plan.department
    systems = annotate_visibility(
        permissions.restrict(ApplicationSystem.objects.all(), request.user, "view")
        .filter(owner__path__startswith=dept.path)
        .order_by("id"),
        request.user,
    )
    networks = permissions.restrict(
        Network.objects.filter(family=NetworkFamily.DEDICATED), request.user, "view"
    ).order_by("name")
    return ItemForm(request.POST or None, systems=systems, networks=networks, owner=dept.pk, **kw)


@login_required
def item_add(request, pk: int):
    version = in_scope(request, PlanVersion.objects.select_related("plan__department"), pk)
    form = _item_form(request, version)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        ok, _i = attempt_call(request, lambda: services.item_add(actor=request.user, version=version, **data), form=form)
        if ok:
            return redirect(f"{_plan_url(version)}?version={version.pk}")
    return render(request, "migration/form.html", {"form": form, "title": f"{version} — {_('Add migration item')}"})


@login_required
def item_edit(request, pk: int):
    item = in_scope(request, MigrationItem.objects.select_related("plan_version__plan__department", "system"), pk)
    version = item.plan_version
    initial = {f: getattr(item, f) for f in ("target_network", "deviation_ref", "planned_date", "notes")}
    form = _item_form(
        request,
        version,
        initial={**initial, "system": item.system, "from_network": item.from_network, "version": item.version},
    )
    form.fields["system"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.plans.PLAN_FIELDS}
        ok, _i = attempt_call(
            request,
            lambda: services.item_update(
                actor=request.user, item=item, expected_version=form.cleaned_data["version"], **data
            ),
            form=form,
        )
        if ok:
            return redirect(f"{_plan_url(version)}?version={version.pk}")
    return render(request, "migration/form.html", {"form": form, "title": f"{_('Edit migration item')} #{item.pk}"})


@login_required
def item_progress(request, pk: int):
    item = in_scope(request, MigrationItem.objects.select_related("plan_version__plan__department", "system"), pk)
    fields = ("status", "cutover_ref", "cutover_date", "decommission_ref", "decommission_date")
    form = ProgressForm(
        request.POST or None, initial={**{f: getattr(item, f) for f in fields}, "version": item.version}
    )
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if v not in (None, "")}
        expected = data.pop("version")
        ok, _i = attempt_call(
            request,
            lambda: services.item_record_progress(actor=request.user, item=item, expected_version=expected, **data),
            form=form,
        )
        if ok:
            return redirect("migration:plan_detail", pk=item.plan_version.plan_id)
    title = f"{_('Record progress')} #{item.pk} {shown_name(request.user, item.system)}"
    return render(request, "migration/form.html", {"form": form, "title": title})


@login_required
@require_POST
def version_action(request, pk: int, verb: str):
    version = in_scope(request, PlanVersion.objects.select_related("plan__department"), pk)
    expected = int(request.POST.get("version") or 0) or None
    calls = {
        "submit": lambda: services.version_submit(actor=request.user, version=version, expected_version=expected),
        "approve": lambda: services.version_approve(
            actor=request.user,
            version=version,
            expected_version=expected,
            approval_ref=request.POST.get("approval_ref", ""),
        ),
        "return": lambda: services.version_return(
            actor=request.user, version=version, expected_version=expected, reason=request.POST.get("reason", "")
        ),
        "new": lambda: services.version_new_draft(actor=request.user, plan=version.plan),
    }
    if verb not in calls:
        raise PermissionDenied
    ok, result = attempt_call(request, calls[verb])
    if ok:
        messages.success(request, _("Done."))
        if verb == "new":
            return redirect(f"{_plan_url(version)}?version={result.pk}")
    return redirect(f"{_plan_url(version)}?version={version.pk}")


@login_required
def plan_timeline(request, pk: int):
    plan = in_scope(request, MigrationPlan.objects.select_related("department", "effective_version"), pk)
    version = plan.effective_version
    items = _version_items(request, version) if version else []
    start = timezone.localtime(version.created).date() if version else timezone.localdate()
    bars, ticks = timeline(items, start, timezone.localdate(), version.phases if version else None)
    return render(request, "migration/timeline.html", {"plan": plan, "version": version, "bars": bars, "ticks": ticks})
