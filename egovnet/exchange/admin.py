"""Import jobs in the admin: read-only (they are written by the import flow only)."""

from django import forms
from django.contrib import admin
from django.template import TemplateSyntaxError

from egovnet.core import audit
from egovnet.core.choices import AuditAction

from .documents.blocks import check_template
from .models import DocumentJob, DocumentTemplate, ImportJob


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["id", "registry", "original_name", "user", "status", "done_rows", "total_rows", "created"]
    list_filter = ["registry", "status"]
    search_fields = ["original_name", "user__username"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in ImportJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(DocumentJob)
class DocumentJobAdmin(admin.ModelAdmin):
    """Read-only: written by the document flow only; the file itself is for its requester (not linked here)."""

    list_display = ["id", "kind", "user", "status", "size", "created", "finished"]
    list_filter = ["kind", "status"]
    search_fields = ["user__username"]
    list_select_related = ["user"]
    readonly_fields = [f.name for f in DocumentJob._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class DocumentTemplateForm(forms.ModelForm):
    class Meta:
        model = DocumentTemplate
        fields = ["name", "content", "active"]

    def clean_content(self) -> str:
        content = self.cleaned_data["content"]
        try:
            check_template(content)
        except TemplateSyntaxError as exc:
            raise forms.ValidationError(f"模板语法错误 / template syntax error: {exc}") from exc
        return content


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(admin.ModelAdmin):
    """Edits are audited like every other write (before/after snapshots, the admin as actor)."""

    form = DocumentTemplateForm
    list_display = ["name", "active", "last_updated"]

    def save_model(self, request, obj, form, change) -> None:
        before = audit.snapshot(DocumentTemplate.objects.filter(pk=obj.pk).first()) if change else None
        super().save_model(request, obj, form, change)
        action = AuditAction.UPDATE if change else AuditAction.CREATE
        audit.record(actor=request.user, action=action, obj=obj, before=before, after=audit.snapshot(obj))

    def delete_model(self, request, obj) -> None:
        audit.record(actor=request.user, action=AuditAction.DELETE, obj=obj, before=audit.snapshot(obj))
        super().delete_model(request, obj)
