"""Application-system API: read through ``visible_systems`` (redacted), write through ``systems.services``."""

from __future__ import annotations

from django.db.models import Count, QuerySet
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from egovnet.core.api.viewsets import RegistryViewSet

from .. import services
from ..filtersets import ApplicationSystemFilterSet
from ..models import ApplicationSystem
from ..queries import visible_systems
from .serializers import (
    ApplicationSystemBriefSerializer,
    ApplicationSystemSerializer,
    ApplicationSystemWriteSerializer,
    SystemStatsSerializer,
)


def _counts(queryset: QuerySet, field: str) -> dict:
    rows = queryset.order_by().values_list(field).annotate(n=Count("id"))
    return {key: n for key, n in rows}


def system_stats(queryset: QuerySet) -> dict:
    """Aggregates that reveal nothing hidden: hidden grades are one bucket, names never appear."""
    by_grade = _counts(queryset.filter(is_classified=True), "display_grade")
    hidden = by_grade.pop("", 0)
    classified = _counts(queryset, "is_classified")
    return {
        "total": sum(classified.values()),
        "by_current_network": _counts(queryset, "current_network"),
        "by_target_network": {(k or "unset"): n for k, n in _counts(queryset, "target_network").items()},
        "classified": {"yes": classified.get(True, 0), "no": classified.get(False, 0)},
        "by_grade": by_grade,
        "hidden_grade": hidden,
    }


class ApplicationSystemViewSet(RegistryViewSet):
    queryset = ApplicationSystem.objects.all()
    serializer_class = ApplicationSystemSerializer
    write_serializer_class = ApplicationSystemWriteSerializer
    brief_serializer_class = ApplicationSystemBriefSerializer
    filterset_class = ApplicationSystemFilterSet
    # "name" sorts on the redacted display name, so hidden names cannot be inferred from order.
    ordering_fields = ["name", "id", "created"]
    ordering_aliases = {"name": "display_name", "created": "id"}  # ids grow with creation time (indexed)
    ordering = ["id"]
    service_create = staticmethod(services.system_create)
    service_update = staticmethod(services.system_update)
    service_delete = staticmethod(services.system_delete)
    service_object_kwarg = "system"

    def get_queryset(self) -> QuerySet:
        return visible_systems(self.request.user).select_related("owner", "current_dedicated_network")

    @extend_schema(responses=SystemStatsSerializer, summary="Counts by network, classification and visible grade")
    @action(detail=False, methods=["get"], pagination_class=None)
    def stats(self, request: Request) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        return Response(system_stats(queryset))
