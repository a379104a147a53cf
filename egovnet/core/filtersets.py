"""Filter sets whose integer and reference filters check their range before any query runs.

A value past the database's integer range (``?owner=99999999999999999999``) used to reach the driver, which
overflows on SQLite and compares as numeric on PostgreSQL. Every integer column and every foreign key of a
filter set built on ``FilterSet`` gets a form field that accepts a whole number within the signed 64-bit
range only, so the UI lists, the API (400 naming the field) and the exports (400) answer the same way on
both databases. Declare explicit id filters with ``IdFilter``.
"""

from __future__ import annotations

import re
from typing import Any

import django_filters as df
from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django_filters import fields as df_fields

BIGINT_MIN = -(2**63)
BIGINT_MAX = 2**63 - 1
_INTEGER = re.compile(r"^[+-]?\d+$")


def fits_bigint(value: Any) -> bool:
    """True for a whole number (int or decimal digits) inside the signed 64-bit range."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return BIGINT_MIN <= value <= BIGINT_MAX
    text = str(value).strip()
    return bool(_INTEGER.match(text)) and BIGINT_MIN <= int(text) <= BIGINT_MAX


class BoundedIntegerField(forms.IntegerField):
    """A whole number the database can compare: outside the 64-bit range it is a form error."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", BIGINT_MIN)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


class BoundedModelChoiceField(df_fields.ModelChoiceField):
    """A reference by integer key: anything but a whole number in range is an invalid choice, unqueried."""

    def _integer_key(self) -> bool:
        key = self.to_field_name or "pk"
        model_field = self.queryset.model._meta.pk if key == "pk" else self.queryset.model._meta.get_field(key)
        return isinstance(model_field, models.IntegerField)

    def to_python(self, value: Any) -> Any:
        if self.null_label is not None and value == self.null_value:
            return value
        if value not in self.empty_values and self._integer_key() and not fits_bigint(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)


class IdFilter(df.NumberFilter):
    """An integer (id) filter checked against the 64-bit range."""

    field_class = BoundedIntegerField


class BoundedModelChoiceFilter(df.ModelChoiceFilter):
    field_class = BoundedModelChoiceField


def _reference(field: models.Field) -> dict[str, Any]:
    return {
        "filter_class": BoundedModelChoiceFilter,
        "extra": df.FilterSet.FILTER_DEFAULTS[models.ForeignKey]["extra"],
    }


class FilterSet(df.FilterSet):
    """Base of every filter set: integer columns and references are range-checked (see the module doc)."""

    FILTER_DEFAULTS = {
        **df.FilterSet.FILTER_DEFAULTS,
        models.AutoField: {"filter_class": IdFilter},
        models.IntegerField: {"filter_class": IdFilter},
        models.SmallIntegerField: {"filter_class": IdFilter},
        models.PositiveIntegerField: {"filter_class": IdFilter},
        models.PositiveSmallIntegerField: {"filter_class": IdFilter},
        models.ForeignKey: _reference(models.ForeignKey),
        models.OneToOneField: _reference(models.OneToOneField),
    }
