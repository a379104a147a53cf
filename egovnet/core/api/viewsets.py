"""Base viewset: row-level restriction applied once, writes delegated to services."""

from __future__ import annotations

from typing import Any

from django.db import models
from rest_framework import mixins, viewsets
from rest_framework.exceptions import PermissionDenied

from .. import permissions
from .pagination import RegistryCursorPagination

ACTION_FOR_METHOD = {
    "GET": "view",
    "HEAD": "view",
    "OPTIONS": "view",
    "POST": "add",
    "PUT": "change",
    "PATCH": "change",
    "DELETE": "delete",
}


class RegistryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Subclasses set ``queryset``, serializers and ``perform_*`` calling the app's services.

    Unmapped HTTP methods are refused; every queryset goes through ``permissions.restrict``.
    """

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    brief_serializer_class = None

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

    def get_queryset(self) -> models.QuerySet:
        action = "view" if self.request.method in ("GET", "HEAD", "OPTIONS") else ACTION_FOR_METHOD[self.request.method]
        # Writes are authorized by the service against the object's owner; reads by scope.
        return permissions.restrict(self.base_queryset(), self.request.user, "view" if action != "view" else action)

    def expected_version(self) -> int | None:
        raw = self.request.headers.get("If-Match") or self.request.data.get("version")
        if raw in (None, ""):
            return None
        try:
            return int(str(raw).strip('"W/'))
        except ValueError:
            return None
