"""Generic registry views: list, detail, create, update and delete over the app services.

Views are thin: every queryset goes through ``permissions.restrict`` (out of scope = 404), forms only
validate input, and every write is a call to the app's service with ``actor=request.user`` and the
``expected_version`` the form was rendered with. See docs/decisions/0200-ui-registry-views.md.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from . import permissions
from .choices import Role
from .errors import ConcurrentEditError, ServiceError
from .tables import Column, build_rows

BIGINT = 2**63 - 1
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200

# Filter labels shared by the registries (the filtersets' own labels are bilingual literals).
FILTER_LABELS = {
    "q": gettext_lazy("Search"),
    "division": gettext_lazy("Division (incl. subordinate)"),
    "owner": gettext_lazy("Owner id"),
    "parent": gettext_lazy("Parent id"),
    "valid": gettext_lazy("Valid"),
    "is_demo": gettext_lazy("demo data"),
}
# Filters that take a key typed by hand get server-side suggestions (≤ 20, in scope) as a datalist.
FILTER_LOOKUPS = {
    "division": ("geo:division_lookup", gettext_lazy("Type a name or code…")),
    "owner": ("orgs:organisation_lookup", gettext_lazy("Type a name…")),
    "parent": ("orgs:organisation_lookup", gettext_lazy("Type a name…")),
}


AUDIT_ROLES = frozenset({Role.AUDITOR, Role.ADMIN})


def may_read_audit(user: Any) -> bool:
    """Auditors and administrators (a scoped one sees the entries about records in the scope)."""
    return user.is_superuser or any(a.role in AUDIT_ROLES for a in permissions.assignments(user))


def reads_whole_audit(user: Any) -> bool:
    """National auditors/administrators: every entry, including events that belong to no record."""
    if user.is_superuser:
        return True
    return any(
        a.role in AUDIT_ROLES and not a.org_scope_id and not a.division_scope_id for a in permissions.assignments(user)
    )


def is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


class RegistryMixin(LoginRequiredMixin):
    model: type[models.Model]
    url_prefix: str = ""  # e.g. "orgs:organisation" → orgs:organisation_list / _detail / _add / _edit / _delete
    select_related: tuple[str, ...] = ()

    def base_queryset(self, action: str = "view") -> models.QuerySet:
        qs = permissions.restrict(self.model._default_manager.all(), self.request.user, action)
        return qs.select_related(*self.select_related) if self.select_related else qs

    def owner_of(self, obj: Any) -> Any:
        """The organisation that owns ``obj`` (scope of the write grants)."""
        return getattr(obj, "owner", obj)

    def url(self, action: str, *args: Any) -> str:
        return reverse(f"{self.url_prefix}_{action}", args=args) if self.url_prefix else ""

    @property
    def list_url(self) -> str:
        return self.url("list")

    def may(self, action: str, obj: Any = None) -> bool:
        user = self.request.user
        if obj is None:
            return permissions.has_any_grant(user, action, self.model)
        return permissions.can_for_org(user, action, self.model, self.owner_of(obj))

    def object_label(self, obj: Any) -> str:
        """How the page names ``obj`` (systems override this to respect redaction)."""
        return str(obj)

    def verbose_name(self) -> str:
        return str(self.model._meta.verbose_name)

    def verbose_name_plural(self) -> str:
        return str(self.model._meta.verbose_name_plural)


class RegistryListView(RegistryMixin, View):
    filterset_class: Any = None
    columns: list[Column] = []
    sort_fields: dict[str, tuple[str, ...]] = {}  # whitelist: sort key → index-backed order_by
    default_sort: str = ""
    template_name = "registry/list.html"
    partial_template = "registry/_table.html"
    can_add = True
    primary_filters: tuple[str, ...] = ()  # shown open; the others sit under "More filters"
    filter_labels: dict[str, Any] = {}
    # Name of the egovnet.exchange export spec for this list ("" = no export links).
    export_registry = ""

    def get_queryset(self) -> models.QuerySet:
        return self.base_queryset("view")

    def sort_key(self) -> str:
        raw = self.request.GET.get("sort", "")
        if raw.lstrip("-") in self.sort_fields:
            return raw
        return self.default_sort

    def order_by(self, key: str) -> list[Any]:
        """Field names, or expressions (``collation.pinyin("name")``), reversed for a ``-`` key."""
        desc = key.startswith("-")
        fields = self.sort_fields.get(key.lstrip("-"), ())
        return [
            (f.desc() if desc else f.asc()) if not isinstance(f, str)
            else (f[1:] if f.startswith("-") else "-" + f) if desc else f
            for f in fields
        ]

    def page_size(self) -> int:
        try:
            size = int(self.request.GET.get("page_size", DEFAULT_PAGE_SIZE))
        except ValueError:
            return DEFAULT_PAGE_SIZE
        return max(1, min(size, MAX_PAGE_SIZE))

    def query_without(self, *names: str, **extra: Any) -> str:
        params = [(k, v) for k, vs in self.request.GET.lists() if k not in names for v in vs if v != ""]
        params += [(k, v) for k, v in extra.items() if v not in (None, "")]
        return urlencode(params)

    def headers(self, sort: str) -> list[dict[str, Any]]:
        out = []
        for col in self.columns:
            item: dict[str, Any] = {"label": col.label, "numeric": col.numeric, "sorted": ""}
            if col.sort:
                item["sorted"] = "asc" if sort == col.sort else "desc" if sort == "-" + col.sort else ""
                new = "-" + col.sort if sort == col.sort else col.sort
                item["url"] = "?" + self.query_without("sort", "page", sort=new)
            out.append(item)
        return out

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        filterset = self.filterset_class(request.GET or None, queryset=self.get_queryset(), request=request)
        for f in filterset.filters.values():
            # The registry filters never cross a to-many relation, so the SELECT DISTINCT that
            # MultipleChoiceFilter adds by default only costs a sort of every matching row.
            f.distinct = False
        for field in filterset.form.fields.values():
            if isinstance(field, forms.DecimalField):  # id filters: a number past bigint is a form error, not a crash
                field.validators += [MinValueValidator(-BIGINT), MaxValueValidator(BIGINT)]
        sort = self.sort_key()
        qs = filterset.qs.order_by(*self.order_by(sort))
        paginator = Paginator(qs, self.page_size())
        try:
            page = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page = paginator.page(1)
        except EmptyPage:
            page = paginator.page(paginator.num_pages)
        context = {
            "view": self,
            "title": capfirst(self.verbose_name_plural()),
            "filterset": filterset,
            "headers": self.headers(sort),
            "rows": build_rows(page.object_list, self.columns, f"{self.url_prefix}_detail" if self.url_prefix else ""),
            "page": page,
            "paginator": paginator,
            "page_query": self.query_without("page"),
            "add_url": self.url("add") if self.can_add and self.may("add") else "",
            "export_registry": self.export_registry,
            "export_query": self.query_without("page"),
            "q": request.GET.get("q", ""),
            "sort": sort,
        }
        context.update(self.extra_context(filterset))
        context.update(self.prepare_filter_form(filterset.form))
        template = (
            self.partial_template if is_htmx(request) and request.headers.get("HX-Target") else self.template_name
        )
        return render(request, template, context)

    def extra_context(self, filterset: Any) -> dict[str, Any]:
        return {}

    def prepare_filter_form(self, form: forms.Form) -> dict[str, list]:
        labels = {**FILTER_LABELS, **self.filter_labels}
        primary, more = [], []
        for name, field in form.fields.items():
            if name in labels:
                field.label = labels[name]
            if isinstance(field.widget, forms.NullBooleanSelect):
                field.widget.choices = [("unknown", "—"), ("true", _("Yes")), ("false", _("No"))]
            if name in FILTER_LOOKUPS and isinstance(field.widget, forms.TextInput | forms.NumberInput):
                url_name, placeholder = FILTER_LOOKUPS[name]
                if isinstance(field.widget, forms.NumberInput):  # let a name be typed; the pick inserts the id
                    field.widget = forms.TextInput()
                field.widget.attrs.update(
                    {
                        "list": f"dl-filter-{name}",
                        "autocomplete": "off",
                        "placeholder": placeholder,
                        "hx-get": reverse(url_name),
                        "hx-trigger": "input changed delay:250ms",
                        "hx-target": f"#dl-filter-{name}",
                        "hx-vals": f'{{"field": "{name}", "plain": "1"}}',
                    }
                )
            if isinstance(field.widget, forms.SelectMultiple):
                field.widget.attrs.setdefault("size", min(4, len(field.choices)))
            if name == "q" or form[name].is_hidden:
                continue
            (primary if name in self.primary_filters or not self.primary_filters else more).append(form[name])
        return {"primary_filters": primary, "more_filters": more}


class RegistryDetailView(RegistryMixin, View):
    template_name = ""
    editable = True  # False for read-only reference data (no edit/delete buttons, no grant checks)

    def get_object(self, pk: Any) -> Any:
        obj = self.base_queryset("view").filter(pk=pk).first()
        if obj is None:
            raise Http404(_("Not found, or outside your scope."))
        return obj

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        obj = self.get_object(pk)
        context = {
            "view": self,
            "object": obj,
            "title": str(obj),
            "edit_url": self.url("edit", obj.pk) if self.editable and self.may("change", obj) else "",
            "delete_url": self.url("delete", obj.pk) if self.editable and self.may("delete", obj) else "",
            "list_url": self.url("list"),
            "history_url": self.history_url(obj),
        }
        context.update(self.extra_context(obj))
        return render(request, self.template_name, context)

    def extra_context(self, obj: Any) -> dict[str, Any]:
        return {}

    def history_url(self, obj: Any) -> str:
        if not may_read_audit(self.request.user):
            return ""
        query = urlencode({"object_type": self.model._meta.label_lower, "object_id": obj.pk})
        return f"{reverse('core:audit_list')}?{query}"


def add_service_errors(form: Any, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: field messages on their fields, the rest on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


class RegistryFormView(RegistryMixin, View):
    """Create (no pk) or update (pk) through the app's service. Subclasses implement ``save``."""

    form_class: Any = None
    template_name = "registry/form.html"

    def get_object(self, pk: Any) -> Any:
        obj = self.base_queryset("view").filter(pk=pk).first()
        if obj is None:
            raise Http404(_("Not found, or outside your scope."))
        self.check_object(obj)
        return obj

    def check_object(self, obj: Any) -> None:
        if not self.may("change", obj):
            raise PermissionDenied(_("You may not change this record (outside your roles or scope)."))

    def make_form(self, obj: Any, data: Any = None) -> Any:
        return self.form_class(data, instance=obj, user=self.request.user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated and kwargs.get("pk") is None and not self.may("add"):
            raise PermissionDenied(_("You may not create this kind of record."))
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form: Any, obj: Any, status: int = 200) -> HttpResponse:
        title = (
            (_("Edit %(name)s") % {"name": self.object_label(obj)})
            if obj
            else (_("New %(kind)s") % {"kind": self.verbose_name()})
        )
        context = {
            "view": self,
            "form": form,
            "object": obj,
            "title": title,
            "cancel_url": self.url("detail", obj.pk) if obj else self.url("list"),
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        obj = self.get_object(pk) if pk is not None else None
        return self.render_form(self.make_form(obj), obj)

    def post(self, request: HttpRequest, pk: Any = None) -> HttpResponse:
        obj = self.get_object(pk) if pk is not None else None
        form = self.make_form(obj, request.POST)
        if not form.is_valid():
            return self.render_form(form, obj, status=400)
        try:
            saved = self.save(form, obj)
        except ConcurrentEditError as exc:
            form.add_error(None, exc.message)
            return self.render_form(form, obj, status=409)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.render_form(form, obj, status=400)
        except ServiceError as exc:
            form.add_error(None, exc.message)
            return self.render_form(form, obj, status=409)
        messages.success(request, _("Saved: %(name)s") % {"name": self.object_label(saved)})
        return redirect(self.url("detail", saved.pk))

    def save(self, form: Any, obj: Any) -> Any:
        raise NotImplementedError


class RegistryDeleteView(RegistryMixin, View):
    template_name = "registry/confirm_delete.html"

    def get_object(self, pk: Any) -> Any:
        obj = self.base_queryset("view").filter(pk=pk).first()
        if obj is None:
            raise Http404(_("Not found, or outside your scope."))
        if not self.may("delete", obj):
            raise PermissionDenied(_("You may not delete this record (outside your roles or scope)."))
        return obj

    def get(self, request: HttpRequest, pk: Any) -> HttpResponse:
        obj = self.get_object(pk)
        return render(request, self.template_name, self.context(obj))

    def context(self, obj: Any, error: str = "") -> dict[str, Any]:
        return {
            "view": self,
            "object": obj,
            "title": _("Delete %(name)s") % {"name": self.object_label(obj)},
            "label": self.object_label(obj),
            "error": error,
            "cancel_url": self.url("detail", obj.pk),
        }

    def post(self, request: HttpRequest, pk: Any) -> HttpResponse:
        obj = self.get_object(pk)
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = None
        try:
            self.delete(obj, version, request.POST.get("reason", ""))
        except ConcurrentEditError as exc:
            return render(request, self.template_name, self.context(obj, exc.message), status=409)
        except ProtectedError:
            msg = _(
                "This record is still referenced by other records (children, networks or systems); nothing was deleted. Remove or move those first."
            )
            return render(request, self.template_name, self.context(obj, msg), status=409)
        except (ValidationError, ServiceError) as exc:
            text = getattr(exc, "message", None) or "; ".join(getattr(exc, "messages", [str(exc)]))
            return render(request, self.template_name, self.context(obj, text), status=409)
        messages.success(request, _("Deleted: %(name)s") % {"name": self.object_label(obj)})
        return redirect(self.url("list"))

    def delete(self, obj: Any, version: int | None, reason: str) -> None:
        raise NotImplementedError
