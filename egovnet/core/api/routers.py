"""The API router: an integer id in a path is digits that fit a 64-bit key, or the URL does not exist.

DRF's default lookup pattern takes any text (``/commissions/abc/report/``), and a view that looked the
id up itself crashed on it; a 25-digit id overflowed SQLite. Every viewset whose lookup field is an
integer column gets ``[0-9]{1,18}`` (always below 2**63), so such paths answer 404 before any view runs.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from rest_framework.routers import DefaultRouter

INTEGER_ID = r"[0-9]{1,18}"


def _model(viewset: Any) -> type[models.Model] | None:
    queryset = getattr(viewset, "queryset", None)
    if queryset is not None:
        return queryset.model
    serializer = getattr(viewset, "serializer_class", None)
    return getattr(getattr(serializer, "Meta", None), "model", None)


def integer_lookup(viewset: Any) -> bool:
    model = _model(viewset)
    if model is None:
        return False
    name = getattr(viewset, "lookup_field", "pk")
    try:
        field = model._meta.pk if name == "pk" else model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.IntegerField)


class Router(DefaultRouter):
    def get_lookup_regex(self, viewset: Any, lookup_prefix: str = "") -> str:
        if "lookup_value_regex" not in vars(viewset) and integer_lookup(viewset):
            lookup = getattr(viewset, "lookup_url_kwarg", None) or getattr(viewset, "lookup_field", "pk")
            return self._base_pattern.format(
                lookup_prefix=lookup_prefix, lookup_url_kwarg=lookup, lookup_value=INTEGER_ID
            )
        return super().get_lookup_regex(viewset, lookup_prefix)
