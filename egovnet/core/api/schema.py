"""OpenAPI details shared by every view, so that the schema tells the truth about each response.

- ``EgovnetAutoSchema`` (the default schema class): a read-only field whose source walks a nullable
  relation (a nested brief of a nullable foreign key, ``CharField(source="department.name")``) is declared
  nullable, because DRF answers ``null`` there.
- ``RegistryAutoSchema``: writes answer with the read serializer, and updates and deletes document the
  ``If-Match`` header that carries the version the client read.
- ``?brief=1`` and ``?fields=`` (``selection``) are declared on the list and detail reads that honour them, and
  ``document_field_selection`` (a post-processing hook) makes the fields of those reads' answers optional: a
  client that selects fields gets only those, and the schema must not promise the others.
- ``document_error_responses`` (a post-processing hook): the error answers every operation can give
  (400 invalid input, 401/403 refused, 404 unknown or out of scope, 409 stale version or in use,
  415 unsupported body type, 429 throttled) are declared with their JSON shape.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

from . import selection

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='The version you read (e.g. 3 or W/"3"); alternative to the body field `version`. '
    "Required on PUT/PATCH (one of the two); a stale version answers 409.",
)


def _source_fields(field: serializers.Field) -> list[Any]:
    """The model fields a read-only serializer field's dotted source walks through (empty if unknown)."""
    parent = getattr(field, "parent", None)
    model = getattr(getattr(parent, "Meta", None), "model", None)
    if model is None or field.source == "*" or not field.read_only:
        return []
    walked = []
    for attr in field.source_attrs:
        if model is None:
            return []
        try:
            model_field = model._meta.get_field(attr)
        except FieldDoesNotExist:
            return []  # a property or method: its own annotation decides
        walked.append(model_field)
        model = getattr(model_field, "related_model", None)
    return walked


def source_is_nullable(field: serializers.Field) -> bool:
    """True when a read-only field's dotted source passes a nullable model field (DRF then answers null)."""
    return any(getattr(f, "null", False) for f in _source_fields(field))


def source_allows_blank(field: serializers.Field) -> bool:
    """True when a read-only choice field reads a model column that may hold "" (``blank=True``)."""
    walked = _source_fields(field)
    return bool(walked) and getattr(walked[-1], "blank", False)


class EgovnetAutoSchema(AutoSchema):
    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        if self.method == "GET" and selection_documented(self.view):
            params += [selection.BRIEF_PARAMETER, selection.FIELDS_PARAMETER]
        return params

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if (
            direction == "response"
            and isinstance(field, serializers.ChoiceField)
            and not field.allow_blank
            and source_allows_blank(field)
        ):
            field.allow_blank = True  # a schema-only copy of the field: "" joins the documented enum
        return super()._map_serializer_field(field, direction, bypass_extensions)

    def _get_serializer_field_meta(self, field, direction):
        meta = super()._get_serializer_field_meta(field, direction)
        if direction == "response" and isinstance(field, serializers.Field) and source_is_nullable(field):
            meta["nullable"] = True
        return meta


class RegistryAutoSchema(EgovnetAutoSchema):
    def get_response_serializers(self):
        view = self.view
        if getattr(view, "write_serializer_class", None) and getattr(view, "action", None) in (
            "create",
            "update",
            "partial_update",
        ):
            return view.serializer_class
        return super().get_response_serializers()

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        if self.method in ("PUT", "PATCH", "DELETE") and getattr(self.view, "write_serializer_class", None):
            params.append(IF_MATCH)
        return params


ERROR_COMPONENT = "Error"
ERROR_SCHEMA = {
    "type": "object",
    "description": "An error. Refusals carry `detail` (简体中文 / English), service refusals also `code` and "
    "`details`; a 400 on input names each invalid field with its messages (`{field: [message, …]}`).",
    "additionalProperties": True,
}
ERROR_ANSWERS = {
    "400": "输入无效 / Invalid input: the fields named in the body",
    "401": "未认证 / Not authenticated",
    "403": "无权执行 / Not allowed for this user",
    "404": "不存在或不在您的管辖范围内 / Unknown, or outside your scope",
    "409": "版本已过期或记录仍被引用 / Stale version, or the record is still in use",
    "415": "不支持的请求体类型 / Unsupported request body type",
    "429": "请求过于频繁 / Too many requests",
}
BODY_METHODS = {"post", "put", "patch"}
WRITE_METHODS = {"post", "put", "patch", "delete"}


def _error_codes(method: str) -> list[str]:
    codes = ["400", "401", "403", "404", "429"]
    if method in WRITE_METHODS:
        codes.append("409")
    if method in BODY_METHODS:
        codes.append("415")
    return sorted(codes)


def document_error_responses(result: dict[str, Any], generator: Any = None, **kwargs: Any) -> dict[str, Any]:
    """Declare the error answers of every operation (kept when a view documents its own)."""
    result.setdefault("components", {}).setdefault("schemas", {})[ERROR_COMPONENT] = ERROR_SCHEMA
    ref = {"$ref": f"#/components/schemas/{ERROR_COMPONENT}"}
    for operations in result.get("paths", {}).values():
        for method, operation in operations.items():
            if method not in {"get", "post", "put", "patch", "delete"}:
                continue
            responses = operation.setdefault("responses", {})
            for code in _error_codes(method):
                responses.setdefault(
                    code, {"description": ERROR_ANSWERS[code], "content": {"application/json": {"schema": ref}}}
                )
    return result


def selection_documented(view: Any) -> bool:
    return isinstance(view, selection.FieldSelectionMixin) and getattr(view, "action", None) in selection.READ_ACTIONS


def _component(result: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any] | None:
    ref = schema.get("$ref", "")
    name = ref.rsplit("/", 1)[-1]
    return result.get("components", {}).get("schemas", {}).get(name) if ref else None


def document_field_selection(result: dict[str, Any], generator: Any = None, **kwargs: Any) -> dict[str, Any]:
    """The object answered by a read that takes ``?fields=`` (and ``?brief=1``) has no required keys."""
    for operations in result.get("paths", {}).values():
        operation = operations.get("get")
        if not operation or not any(p.get("name") == "fields" for p in operation.get("parameters", [])):
            continue
        content = operation.get("responses", {}).get("200", {}).get("content", {}).get("application/json", {})
        component = _component(result, content.get("schema", {}))
        if component is None:
            continue
        results = component.get("properties", {}).get("results")
        if results is not None:  # a page: the rows are the selected objects
            component = _component(result, results.get("items", {})) or {}
        component.pop("required", None)
    return result
