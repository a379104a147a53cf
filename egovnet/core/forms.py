"""Form helpers of the registry UI: input validation only (the services decide and write).

``RegistryForm`` renders a model's fields but never validates or saves the instance itself; the
view passes ``cleaned_data`` to the app's service. ``ObjectRefField`` replaces a select of 100k
organisations by a text input with server-side lookup (HTMX suggestions, at most 20, in scope).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

LOOKUP_LIMIT = 20
_LEADING_KEY = re.compile(r"^\s*(\d{1,18})(?!\d)")  # ids fit a bigint; longer numbers are refused


class RefInput(forms.TextInput):
    """A text input that carries its own ``<datalist>`` (the server's suggestions land in it), so a form
    rendered by ``as_p`` or by a field template offers suggestions alike. A model instance as the initial
    value shows as "<id> <name>"."""

    def format_value(self, value: Any) -> Any:
        return ref_text(value) if isinstance(value, models.Model) else super().format_value(value)

    def render(self, name: str, value: Any, attrs: Any = None, renderer: Any = None) -> str:
        html = super().render(name, value, attrs, renderer)
        datalist = self.attrs.get("list")
        return mark_safe(html + format_html('<datalist id="{}"></datalist>', datalist)) if datalist else html


class ObjectRefField(forms.CharField):
    """A reference typed as "<id or code> <name>": the leading number is the key.

    ``queryset_for(user)`` (or a fixed ``queryset``) gives the rows the user may pick, already
    restricted to the scope; a value outside it is refused with a field error, never silently accepted.
    ``lookup_params`` narrow the suggestions (e.g. ``{"owner": 12}``: systems of that department).
    """

    widget = RefInput

    def __init__(
        self,
        *,
        lookup_url_name: str,
        queryset_for: Callable[[Any], models.QuerySet] | None = None,
        queryset: models.QuerySet | None = None,
        key_digits: int | None = None,
        lookup_params: dict[str, Any] | None = None,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("max_length", 300)
        super().__init__(**kwargs)
        if queryset_for is None and queryset is None:
            raise TypeError("ObjectRefField needs queryset_for or queryset")
        self.queryset_for = queryset_for or (lambda _user: queryset)
        self.lookup_url_name = lookup_url_name
        self.lookup_params = lookup_params or {}
        self.key_digits = key_digits
        self.user: Any = None

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        attrs.update({"autocomplete": "off", "class": "ref-input", "placeholder": str(_("Type a name or code…"))})
        return attrs

    def bind(self, name: str, user: Any) -> None:
        self.user = user
        datalist = f"dl-{name}"
        self.widget.attrs.update(
            {
                "list": datalist,
                "hx-get": reverse(self.lookup_url_name)
                + (f"?{urlencode(self.lookup_params)}" if self.lookup_params else ""),
                "hx-trigger": "input changed delay:250ms",
                "hx-target": f"#{datalist}",
                "hx-vals": f'{{"field": "{name}"}}',
                "data-datalist": datalist,
            }
        )

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        if not value:
            return None
        match = _LEADING_KEY.match(value)
        if not match or (self.key_digits and len(match.group(1)) != self.key_digits):
            raise forms.ValidationError(
                _("Enter the code or id at the start (pick a suggestion from the list), e.g. “%(example)s”.")
                % {"example": "110101 东城区" if self.key_digits else "123 …"},
                code="invalid",
            )
        obj = self.queryset_for(self.user).filter(pk=match.group(1)).first()
        if obj is None:
            raise forms.ValidationError(
                _("“%(value)s” does not exist or is outside your scope.") % {"value": match.group(1)}, code="invalid"
            )
        return obj


def ref_text(obj: Any) -> str:
    return f"{obj.pk} {obj}" if obj is not None else ""


class RegistryForm(forms.ModelForm):
    """A model form that validates input only: no instance is built, cleaned or saved here."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=500,
        help_text=_("Recorded in the audit log."),
    )

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        instance = kwargs.get("instance")
        initial = kwargs.setdefault("initial", {})
        super().__init__(*args, **kwargs)
        self.user = user
        for name, field in self.fields.items():
            if isinstance(field, ObjectRefField):
                field.bind(name, user)
                if instance is not None and name not in initial:
                    self.initial[name] = ref_text(getattr(instance, name, None))
        if instance is not None and instance.pk:
            self.initial["version"] = instance.version
            self.fields["version"].required = True

    def _post_clean(self) -> None:  # the service validates the model (full_clean) and authorizes
        return

    def changes(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k not in ("version", "reason")}

    def audit_reason(self) -> str:
        return self.cleaned_data.get("reason", "")

    def expected_version(self) -> int | None:
        return self.cleaned_data.get("version")
