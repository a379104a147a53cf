"""Django admin for users, role assignments and the audit log, plus the base class every registry
admin uses: querysets restricted by ``permissions.restrict``, grants from roles.yaml, and every
save / delete going through the app's service with ``actor=request.user`` and the reason "admin".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Value
from django.http import HttpResponseRedirect
from django.utils.html import format_html

from . import audit, permissions
from .api.audit import (
    entry_beyond_rank,
    has_national_role,
    hidden_now_annotation,
    redact_repr,
    redact_snapshot,
)
from .choices import AuditAction, Role
from .errors import ServiceError
from .models import AuditEntry, RoleAssignment, User
from .registry import audit_redactor

ADMIN_REASON = "admin"
AUDIT_ROLES = frozenset({Role.AUDITOR, Role.ADMIN})


class ServiceAdminForm(forms.ModelForm):
    """Carries the version the editor loaded, so a stale admin form never overwrites a newer edit."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and "expected_version" in self.fields:
            self.fields["expected_version"].initial = getattr(self.instance, "version", None)


def _error_text(exc: Exception) -> str:
    if isinstance(exc, ValidationError) and hasattr(exc, "error_dict"):
        return "; ".join(f"{field}: {' '.join(msgs)}" for field, msgs in exc.message_dict.items())
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return getattr(exc, "message", str(exc))


class ServiceModelAdmin(admin.ModelAdmin):
    """Registry admin whose writes call ``service_create`` / ``service_update`` / ``service_delete``."""

    form = ServiceAdminForm
    service_fields: tuple[str, ...] = ()
    service_object_kwarg = "obj"
    service_create: Callable[..., models.Model]
    service_update: Callable[..., models.Model]
    service_delete: Callable[..., None]

    # --- scope and grants -------------------------------------------------------------------
    def get_queryset(self, request):
        return permissions.restrict(super().get_queryset(request), request.user, "view")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and getattr(db_field.related_model, "SCOPE", None) is not None:
            field.queryset = permissions.restrict(field.queryset, request.user, "view")
        return field

    def owner_of(self, obj: models.Model) -> Any:
        return obj

    def _may(self, request, action: str, obj: models.Model | None) -> bool:
        if obj is None:
            return permissions.has_any_grant(request.user, action, self.model)
        return permissions.can_for_org(request.user, action, self.model, self.owner_of(obj))

    def has_module_permission(self, request) -> bool:
        return permissions.has_any_grant(request.user, "view", self.model)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._may(request, "view", obj)

    def has_add_permission(self, request) -> bool:
        return self._may(request, "add", None)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._may(request, "change", obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._may(request, "delete", obj)

    # --- writes through the services --------------------------------------------------------
    def save_model(self, request, obj, form, change) -> None:
        data = {name: form.cleaned_data[name] for name in self.service_fields if name in form.cleaned_data}
        if change:
            current = self.model._default_manager.get(pk=obj.pk)
            changes = {name: data[name] for name in form.changed_data if name in data}
            saved = type(self).service_update(
                actor=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
                reason=ADMIN_REASON,
                **{self.service_object_kwarg: current},
                **changes,
            )
        else:
            saved = type(self).service_create(actor=request.user, reason=ADMIN_REASON, **data)
        obj.pk = saved.pk
        obj.version = saved.version

    def delete_model(self, request, obj) -> None:
        type(self).service_delete(actor=request.user, reason=ADMIN_REASON, **{self.service_object_kwarg: obj})

    def delete_queryset(self, request, queryset) -> None:
        for obj in queryset:
            self.delete_model(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The whole admin save runs in one transaction: a refusal by the service rolls it back.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, ServiceError) as exc:
            self.message_user(request, _error_text(exc), level=messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ReadOnlyAdmin(admin.ModelAdmin):
    """Admin pages that only show: every write goes through the services (ADR 0252)."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


# --- users and role assignments ---------------------------------------------------------------


def user_snapshot(user: User) -> dict:
    data = audit.snapshot(user) or {}
    data.pop("password", None)  # never put a password hash into the audit log
    return data


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ("org_scope", "division_scope")
    fields = ("role", "org_scope", "division_scope")


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Users with their scoped roles; only administrators. Every change is audited with reason "admin"."""

    inlines = [RoleAssignmentInline]
    list_display = ("username", "display_name", "organisation", "clearance", "is_active", "is_staff")
    list_select_related = ("organisation",)
    raw_id_fields = ("organisation",)
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("egovnet 用户属性 User attributes", {"fields": ("display_name", "organisation", "clearance")}),
    )

    def _is_admin(self, request) -> bool:
        return permissions.has_any_grant(request.user, "change", User)

    def has_module_permission(self, request) -> bool:
        return self._is_admin(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return self._is_admin(request)

    def has_add_permission(self, request) -> bool:
        return self._is_admin(request)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._is_admin(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._is_admin(request)

    def save_model(self, request, obj, form, change) -> None:
        before = user_snapshot(User.objects.get(pk=obj.pk)) if change else None
        super().save_model(request, obj, form, change)
        action = AuditAction.UPDATE if change else AuditAction.CREATE
        after = user_snapshot(obj)
        if not change or audit.changed_fields(before, after):
            audit.record(actor=request.user, action=action, obj=obj, before=before, after=after, reason=ADMIN_REASON)

    def delete_model(self, request, obj) -> None:
        audit.record(
            actor=request.user, action=AuditAction.DELETE, obj=obj, before=user_snapshot(obj), reason=ADMIN_REASON
        )
        super().delete_model(request, obj)

    def save_formset(self, request, form, formset, change) -> None:
        instances = formset.save(commit=False)
        for obj in formset.deleted_objects:
            audit.record(
                actor=request.user,
                action=AuditAction.DELETE,
                obj=obj,
                before=audit.snapshot(obj),
                reason=ADMIN_REASON,
            )
            obj.delete()
        for obj in instances:
            adding = obj.pk is None
            before = None if adding else audit.snapshot(type(obj).objects.get(pk=obj.pk))
            obj.save()
            action = AuditAction.CREATE if adding else AuditAction.UPDATE
            audit.record(
                actor=request.user,
                action=action,
                obj=obj,
                before=before,
                after=audit.snapshot(obj),
                reason=ADMIN_REASON,
            )
        formset.save_m2m()


# --- the audit log ------------------------------------------------------------------------------


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """Read-only, auditors and administrators; classified names and grades redacted per reader."""

    list_display = ("seq", "at", "actor_name", "action", "object_type", "object_id", "shown_repr")
    list_filter = ("action",)
    search_fields = ("object_id", "actor_name")
    ordering = ("-seq",)
    fields = (
        "seq",
        "at",
        "actor_name",
        "action",
        "object_type",
        "object_id",
        "shown_repr",
        "before_shown",
        "after_shown",
        "reason",
        "request_id",
        "prev_hash",
        "hash",
    )
    readonly_fields = fields

    def has_module_permission(self, request) -> bool:
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None) -> bool:
        return has_national_role(request.user, *AUDIT_ROLES)

    def get_queryset(self, request):
        # The reader's clearance and "is the system hidden now" travel with each row (no admin state).
        return (
            super()
            .get_queryset(request)
            .annotate(
                reader_rank=Value(permissions.clearance_rank(request.user), output_field=models.IntegerField()),
                hidden_now=hidden_now_annotation(request.user),
            )
        )

    def get_search_results(self, request, queryset, search_term):
        # object_repr may hold a name recorded before a system was classified: search ids and actors only.
        if not search_term:
            return queryset, False
        return queryset.filter(models.Q(object_id=search_term) | models.Q(actor_name=search_term)), False

    def _redacted(self, obj: AuditEntry) -> bool:
        if audit_redactor(obj.object_type) is None:
            return False
        rank = getattr(obj, "reader_rank", None)
        if rank is None:  # fail closed
            return True
        return bool(obj.hidden_now) or entry_beyond_rank(obj, rank)

    def _shown(self, obj: AuditEntry, snapshot: dict | None) -> str:
        value = redact_snapshot(snapshot, obj.object_type) if self._redacted(obj) else snapshot
        return format_html("<pre>{}</pre>", json.dumps(value, ensure_ascii=False, indent=2))

    @admin.display(description="对象 Object")
    def shown_repr(self, obj: AuditEntry) -> str:
        return redact_repr(obj.object_repr, obj.object_type) if self._redacted(obj) else obj.object_repr

    @admin.display(description="变更前 Before")
    def before_shown(self, obj: AuditEntry) -> str:
        return self._shown(obj, obj.before)

    @admin.display(description="变更后 After")
    def after_shown(self, obj: AuditEntry) -> str:
        return self._shown(obj, obj.after)
