"""Home (dashboard), audit log, users & role assignments, and the error pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import CharField, Prefetch, Q
from django.db.models.functions import Cast
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import permissions
from .audit_view import redact_entries
from .choices import AuditAction, Role
from .models import AuditEntry, RoleAssignment
from .registry import dashboard_context, scoped_models
from .views_base import may_read_audit, reads_whole_audit

PAGE_SIZE = 50
AUDIT_PAGE_SIZE = 20  # an entry with its diff is several lines tall: 20 keep the page within ~3 screens


@login_required
def home(request):
    from .home import attention

    return render(request, "core/home.html", dashboard_context(request.user) | {"attention": attention(request.user)})


def _national_role(user: Any, *roles: str) -> bool:
    if user.is_superuser:
        return True
    return any(
        a.role in roles and not a.org_scope_id and not a.division_scope_id for a in permissions.assignments(user)
    )


OBJECT_TYPES = [
    ("orgs.organisation", gettext_lazy("organisation")),
    ("networks.network", gettext_lazy("network")),
    ("systems.applicationsystem", gettext_lazy("application system")),
    ("geo.division", gettext_lazy("administrative division")),
    ("core.user", gettext_lazy("user")),
]


class AuditFilterForm(forms.Form):
    object_type = forms.ChoiceField(
        label=gettext_lazy("object type"), required=False, choices=[("", "—"), *OBJECT_TYPES]
    )
    actor = forms.CharField(label=gettext_lazy("actor"), required=False, max_length=150)
    action = forms.ChoiceField(label=gettext_lazy("action"), required=False, choices=[("", "—"), *AuditAction.choices])
    object_id = forms.CharField(label=gettext_lazy("object id"), required=False, max_length=64)


def _audit_entries(user: Any):
    """Entries the reader may see: all for national auditors/admins; otherwise only the entries about
    organisations, networks and systems in the reader's scope (an id subquery per type, never a list)."""
    qs = AuditEntry.objects.all()
    if reads_whole_audit(user):
        return qs
    scoped = Q(pk__in=[])
    for model in scoped_models():
        ids = permissions.restrict(model._default_manager.all(), user, "view").annotate(
            sid=Cast("pk", output_field=CharField())
        )
        scoped |= Q(object_type=model._meta.label_lower, object_id__in=ids.values("sid"))
    return qs.filter(scoped)


@login_required
def audit_log(request):
    """The audit log for auditors and administrators, within their scope; classified names redacted."""
    if not may_read_audit(request.user):
        raise PermissionDenied(_("Only auditors and administrators may read the audit log."))
    form = AuditFilterForm(request.GET or None)
    qs = _audit_entries(request.user).order_by("-seq")
    if form.is_valid():
        data = form.cleaned_data
        if data["object_type"]:
            qs = qs.filter(object_type=data["object_type"])
        if data["actor"]:
            qs = qs.filter(actor_name=data["actor"])
        if data["action"]:
            qs = qs.filter(action=data["action"])
        if data["object_id"]:
            qs = qs.filter(object_id=data["object_id"])
    page = Paginator(qs, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "title": _("Audit log"),
        "form": form,
        "page": page,
        "entries": redact_entries(list(page.object_list), request.user),
        "page_query": params.urlencode(),
    }
    return render(request, "core/audit_list.html", context)


def _users_in_admin_scope(user: Any):
    users = get_user_model().objects.exclude(username="system")
    if _national_role(user, Role.ADMIN):
        return users
    combined = None
    for a in permissions.assignments(user):
        if a.role != Role.ADMIN:
            continue
        q = permissions._assignment_q(a, "organisation__")
        combined = q if combined is None else combined | q
    if combined is None:
        raise PermissionDenied(_("Only administrators may list users and role assignments."))
    return users.filter(combined)


def _with_assignments(qs):
    ras = RoleAssignment.objects.select_related("org_scope", "division_scope").order_by("role", "id")
    return qs.select_related("organisation").prefetch_related(Prefetch("role_assignments", queryset=ras))


@login_required
def user_list(request):
    qs = _users_in_admin_scope(request.user)
    term = request.GET.get("q", "").strip()
    if term:
        qs = qs.filter(Q(username__icontains=term) | Q(display_name__icontains=term))
    page = Paginator(_with_assignments(qs).order_by("username"), PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "core/user_list.html",
        {"title": _("Users and roles"), "page": page, "q": term, "page_query": params.urlencode()},
    )


@login_required
def user_detail(request, pk: int):
    target = _with_assignments(_users_in_admin_scope(request.user)).filter(pk=pk).first()
    if target is None:
        raise Http404(_("Not found, or outside your scope."))
    return render(request, "core/user_detail.html", {"title": str(target), "target": target})


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _error(request, status: int, title_zh: str, title_en: str, hint: str = ""):
    if _is_api(request):  # the API answers in JSON everywhere, an unknown URL included (its schema says so)
        return JsonResponse({"detail": f"{title_zh}。 / {title_en}."}, status=status)
    return render(
        request,
        "core/error.html",
        {"status": status, "title_zh": title_zh, "title_en": title_en, "hint": hint},
        status=status,
    )


def bad_request(request, exception=None):
    return _error(request, 400, "请求有误", "Bad request", "请检查输入后重试。 Check your input and try again.")


def permission_denied(request, exception=None):
    return _error(request, 403, "无权访问", "Permission denied", str(exception or ""))


def page_not_found(request, exception=None):
    return _error(request, 404, "页面不存在或不在您的管辖范围内", "Not found, or outside your scope")


def server_error(request):
    # No base layout here: it reads the user and roles from the database, which may be what failed.
    from django.template import loader

    from .audit import request_id_var

    if _is_api(request):
        detail = "服务器内部错误。 / Internal server error."
        return JsonResponse({"detail": detail, "request_id": request_id_var.get()}, status=500)
    body = loader.get_template("core/error_500.html").render({"request_id": request_id_var.get()})
    return HttpResponseServerError(body)


FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.ico"


def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico`` (browsers ask for it at the root, whatever the page links to)."""
    response = HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = "public, max-age=604800"
    return response
