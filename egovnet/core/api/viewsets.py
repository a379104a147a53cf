"""Base viewset: row-level restriction applied once, writes delegated to services.

Subclasses name their read serializer (``serializer_class``), their write serializer
(``write_serializer_class``) and three service callables. The viewset validates input, calls the
service with ``actor=request.user`` and serialises the re-read object: no serializer ever saves a
model itself, so the API cannot bypass authorization, validation or the audit log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import models
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from .. import permissions
from .filters import RegistryFilterBackend, RegistryOrderingFilter
from .pagination import RegistryCursorPagination
from .schema import RegistryAutoSchema
from .selection import FieldSelectionMixin

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}

VERSION_REQUIRED = (
    "修改时必须提供您读取到的版本号（请求体字段 version 或 If-Match 请求头）。"
    " / An update must carry the version you read (body field `version` or the If-Match header)."
)
VERSION_INVALID = "版本号必须是正整数。 / The version must be a positive integer."
API_REASON = "api"


def parse_version(raw: Any) -> int:
    """The integer version in a body field or an ``If-Match`` header (``"3"``, ``W/"3"``)."""
    if isinstance(raw, bool):
        raise ValidationError({"version": [VERSION_INVALID]})
    text = str(raw).strip()
    if text.startswith("W/"):
        text = text[2:]
    text = text.strip('"')
    if not text.isdigit() or int(text) < 1:
        raise ValidationError({"version": [VERSION_INVALID]})
    return int(text)


class ReadOnlyRegistryViewSet(
    FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Read side shared by every registry: restricted queryset, page or cursor pagination, ``?brief=1`` and
    ``?fields=`` (``selection``)."""

    http_method_names = ["get", "head", "options"]
    filter_backends = [RegistryFilterBackend, RegistryOrderingFilter]
    # Subclasses name their own indexed orderings; "id" is the one every table has.
    ordering_fields = ["id"]
    ordering = ["id"]

    def initial(self, request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)
        if request.method not in ACTION_FOR_METHOD:
            raise PermissionDenied(f"Method {request.method} is not allowed here.")

    @property
    def paginator(self):
        if not hasattr(self, "_paginator"):
            params = self.request.query_params if self.request is not None else {}
            if "cursor" in params or params.get("paging") == "cursor":
                self._paginator = RegistryCursorPagination()
            else:
                self._paginator = super().paginator
        return self._paginator

    def base_queryset(self) -> models.QuerySet:
        return self.queryset.all()

    def finalize_response(self, request, response, *args: Any, **kwargs: Any):
        # A single object answers with its version as an entity tag, ready for If-Match on the next write.
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if isinstance(data, dict) and isinstance(data.get("version"), int) and "results" not in data:
            response["ETag"] = f'"{data["version"]}"'
        return response

    def get_queryset(self) -> models.QuerySet:
        # Reads are restricted to the viewing scope; writes are authorized by the service against
        # the object's owner (so a view-only user gets 403, an out-of-scope object 404).
        return permissions.restrict(self.base_queryset(), self.request.user, "view")


class ServiceWriteViewSet(
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    ReadOnlyRegistryViewSet,
):
    """Writable viewset whose ``perform_*`` hooks call services (apps with bespoke write flows)."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]

    def expected_version(self, *, required: bool) -> int | None:
        raw = self.request.headers.get("If-Match")
        if raw in (None, "") and isinstance(self.request.data, dict):
            raw = self.request.data.get("version")
        if raw in (None, ""):
            if required:
                raise ValidationError({"version": [VERSION_REQUIRED]})
            return None
        return parse_version(raw)


class RegistryViewSet(ServiceWriteViewSet):
    """Full registry: list, detail, create, update (version required), delete — through services."""

    schema = RegistryAutoSchema()
    write_serializer_class = None
    service_create: Callable[..., models.Model]
    service_update: Callable[..., models.Model]
    service_delete: Callable[..., None]
    service_object_kwarg = "obj"  # keyword under which update/delete services take the object

    def get_serializer_class(self):
        if self.action in ("create", "update", "partial_update") and self.write_serializer_class is not None:
            return self.write_serializer_class
        return super().get_serializer_class()

    def omitted_defaults(self, serializer) -> dict[str, Any]:
        """PUT replaces the whole object: writable fields the client left out get their defaults."""
        model = serializer.Meta.model
        defaults = {}
        for name, field in serializer.fields.items():
            if field.read_only or name == "version" or name in serializer.validated_data:
                continue
            defaults[name] = model._meta.get_field(field.source).get_default()
        return defaults

    def read_back(self, obj: models.Model) -> Response:
        fresh = self.get_queryset().get(pk=obj.pk)
        return self.serializer_class(fresh, context=self.get_serializer_context()).data

    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        obj = type(self).service_create(actor=request.user, reason=API_REASON, **data)
        return Response(self.read_back(obj), status=status.HTTP_201_CREATED)

    def update(self, request, *args: Any, **kwargs: Any) -> Response:
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        version = self.expected_version(required=True)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        changes = {k: v for k, v in serializer.validated_data.items() if k != "version"}
        if not partial:
            changes = {**self.omitted_defaults(serializer), **changes}
        obj = type(self).service_update(
            actor=request.user,
            expected_version=version,
            reason=API_REASON,
            **{self.service_object_kwarg: instance},
            **changes,
        )
        return Response(self.read_back(obj))

    def destroy(self, request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        version = self.expected_version(required=False)
        type(self).service_delete(
            actor=request.user, expected_version=version, reason=API_REASON, **{self.service_object_kwarg: instance}
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
