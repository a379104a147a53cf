"""Serializer fields shared by the registries: scoped references and division codes."""

from __future__ import annotations

from typing import Any

from django.db import models
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import permissions


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A reference by id that only resolves rows the requesting user may view.

    An id outside the user's scope answers exactly like an unknown id, so the API never confirms
    that a row the user may not see exists.
    """

    default_error_messages = {
        "does_not_exist": "编号为 {pk_value} 的对象不存在或不在您的管辖范围内。 / No object with id {pk_value} in your scope.",
        "incorrect_type": "应为整数编号，收到的是 {data_type}。 / Expected an integer id, got {data_type}.",
        "required": "此字段为必填项。 / This field is required.",
    }

    def get_queryset(self) -> models.QuerySet:
        queryset = super().get_queryset()
        request = self.context.get("request")
        return permissions.restrict(queryset, getattr(request, "user", None), "view")

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if isinstance(data, str) and not data.strip().isdigit():
            self.fail("incorrect_type", data_type="str")
        return super().to_internal_value(data)


@extend_schema_field(OpenApiTypes.STR)
class DivisionCodeField(serializers.PrimaryKeyRelatedField):
    """A division referenced by its 6-digit GB/T 2260 code (e.g. "410100")."""

    default_error_messages = {
        "invalid_code": "“{value}”不是 6 位数字的行政区划代码（GB/T 2260）。 / {value!r} is not a 6-digit GB/T 2260 division code.",
        "does_not_exist": "行政区划代码 {pk_value} 不存在。 / Unknown division code {pk_value}.",
        "incorrect_type": "行政区划代码应为字符串，收到的是 {data_type}。 / A division code is a string, got {data_type}.",
    }

    def to_internal_value(self, data: Any) -> Any:
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("incorrect_type", data_type=type(data).__name__)
        code = str(data).strip()
        if len(code) != 6 or not code.isdigit():
            self.fail("invalid_code", value=code)
        return super().to_internal_value(code)


class BilingualChoiceField(serializers.ChoiceField):
    """A choice field whose error names the accepted values in 简体中文 and English."""

    default_error_messages = {
        "invalid_choice": "“{input}”不是有效选项。 / {input!r} is not a valid choice.",
    }

    def to_internal_value(self, data: Any) -> Any:
        if data == "" and self.allow_blank:
            return ""
        key = str(data)
        if key not in self.choice_strings_to_values:
            valid = ", ".join(self.choice_strings_to_values)
            raise serializers.ValidationError(
                f"“{data}”不是有效选项，可选值：{valid}。 / {data!r} is not a valid choice; use one of: {valid}.",
                code="invalid_choice",
            )
        return self.choice_strings_to_values[key]


class HyperlinkedIdentityField(serializers.HyperlinkedIdentityField):
    """DRF's identity link, reversed once per request and view name instead of once per row.

    A page of 50 organisations carries about 100 links; reversing each walks the URL resolver and builds an
    absolute URI. Here the first row of a request reverses a sentinel id and keeps the text around it; every
    further row (and the nested briefs of the same view) formats its id into that text, which gives the same URL
    as ``reverse`` for any id of digits (the only ids the router accepts: ``routers.INTEGER_ID``, and division
    codes). Anything else still goes through ``reverse``.
    """

    SENTINEL = "987654321987654321"
    CACHE_ATTR = "_egovnet_url_templates"

    def get_url(self, obj: Any, view_name: str, request: Any, format: str | None) -> str | None:
        lookup_value = getattr(obj, self.lookup_field, None)
        if lookup_value in (None, "") or request is None or format:
            return super().get_url(obj, view_name, request, format)
        text = str(lookup_value)
        if not text.isdigit() or not text.isascii() or len(text) > 18:
            return super().get_url(obj, view_name, request, format)
        template = self._template(view_name, request)
        if template is None:
            return super().get_url(obj, view_name, request, format)
        return f"{template[0]}{text}{template[1]}"

    def _template(self, view_name: str, request: Any) -> tuple[str, str] | None:
        cache = getattr(request, self.CACHE_ATTR, None)
        if cache is None:
            cache = {}
            setattr(request, self.CACHE_ATTR, cache)
        key = (view_name, self.lookup_url_kwarg)
        if key not in cache:
            url = self.reverse(view_name, kwargs={self.lookup_url_kwarg: self.SENTINEL}, request=request)
            parts = url.split(self.SENTINEL)
            cache[key] = (parts[0], parts[1]) if len(parts) == 2 else None
        return cache[key]
