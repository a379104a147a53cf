"""``?brief=1`` and ``?fields=a,b`` on list and detail reads (as NetBox offers them).

``?brief=1`` answers with the view's ``brief_serializer_class`` (id, link, display name and a few keys); a view
without one answers with the ``BRIEF_FIELDS`` its serializer has. ``?fields=`` keeps the named top-level fields
of the (full or brief) serializer, in the serializer's order; an unknown name is a 400 that lists the valid ones.

Selection only ever removes fields: every field that remains is computed by the same serializer field as
without selection, so redaction (ADR 0010, ADR 0251: a redacted system's ``name``, ``secrecy_grade`` …) applies
to each selected field exactly as to the full document, and ``?fields=`` can never add a field the serializer
does not show. Writes ignore both parameters.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework.exceptions import ValidationError

READ_ACTIONS = ("list", "retrieve")
BRIEF_FIELDS = ("id", "code", "url", "display", "name")
TRUE = ("1", "true", "yes", "on")

BRIEF_PARAMETER = OpenApiParameter(
    "brief",
    OpenApiTypes.BOOL,
    description="简要模式：仅返回编号、链接、显示名称等 / Brief mode: id, link, display name and a few keys only.",
)
FIELDS_PARAMETER = OpenApiParameter(
    "fields",
    OpenApiTypes.STR,
    description=(
        "仅返回所列字段（逗号分隔，例如 id,name）/ Only these top-level fields, comma-separated (e.g. `id,name`); "
        "an unknown name answers 400. Fields that are redacted stay redacted."
    ),
)


class FieldSelectionMixin:
    """For viewsets: reads honour ``?brief=1`` and ``?fields=``."""

    brief_serializer_class: Any = None

    def brief_requested(self) -> bool:
        request = getattr(self, "request", None)
        if request is None or getattr(self, "action", None) not in READ_ACTIONS:
            return False
        return str(request.query_params.get("brief", "")).lower() in TRUE

    def requested_fields(self) -> list[str] | None:
        request = getattr(self, "request", None)
        if request is None or getattr(self, "action", None) not in READ_ACTIONS:
            return None
        raw = request.query_params.get("fields")
        if raw is None:
            return None
        return [name.strip() for name in raw.split(",") if name.strip()]

    def get_serializer_class(self):
        if self.brief_requested() and self.brief_serializer_class is not None:
            return self.brief_serializer_class
        return super().get_serializer_class()

    def get_serializer(self, *args: Any, **kwargs: Any):
        serializer = super().get_serializer(*args, **kwargs)
        wanted = self.requested_fields()
        brief = self.brief_requested() and self.brief_serializer_class is None
        if wanted is None and not brief:
            return serializer
        target = getattr(serializer, "child", serializer)
        fields = target.fields
        if brief:
            keep = [name for name in fields if name in BRIEF_FIELDS] or list(fields)
        else:
            keep = list(fields)
        if wanted is not None:
            unknown = [name for name in wanted if name not in keep]
            if unknown or not wanted:
                raise ValidationError({"fields": [unknown_fields_message(unknown, keep)]})
            keep = [name for name in keep if name in wanted]
        for name in list(fields):
            if name not in keep:
                del fields[name]
        return serializer


def unknown_fields_message(unknown: list[str], valid: list[str]) -> str:
    names = ", ".join(valid)
    if not unknown:
        return f"请列出至少一个字段，可选：{names}。 / Name at least one field; valid fields: {names}."
    bad = ", ".join(unknown)
    return f"未知字段：{bad}；可选：{names}。 / Unknown field(s): {bad}; valid fields: {names}."
