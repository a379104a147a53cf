"""Reports API: coverage, capacity (with what-if) and programme targets (DRF APIViews, signed-in users)."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import services
from ..findings import network_findings

DATE = OpenApiParameter("date", OpenApiTypes.DATE, description="YYYY-MM-DD (default today)")


class CoverageAPIView(APIView):
    """Extranet coverage of every province (with prefecture / direct county regions) on ``?date=``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[DATE], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(services.coverage_payload(services.parse_date(request.query_params.get("date"))))


class TargetsAPIView(APIView):
    """Programme targets: status, current value, forecast date and slippage on ``?date=``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[DATE], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(services.targets_payload(services.parse_date(request.query_params.get("date"))))

    @extend_schema(request=OpenApiTypes.OBJECT, responses={201: OpenApiTypes.OBJECT})
    def post(self, request: Request) -> Response:
        """Add a programme target (administrators): code, title, article, metric, target_percent, deadline."""
        target = services.target_add(request.user, request.data)
        return Response({"code": target.code, "id": target.pk, "version": target.version}, status=201)


class CapacityAPIView(APIView):
    """GET: per-link demand vs capacity. POST a what-if {add, move, remove}: the effect, nothing is saved."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(services.capacity_payload(request.user))

    @extend_schema(request=OpenApiTypes.OBJECT, responses=OpenApiTypes.OBJECT)
    def post(self, request: Request) -> Response:
        return Response(services.capacity_payload(request.user, what_if=request.data))


class FindingsAPIView(APIView):
    """Failed network rules (R-2.x, R-3.x, R-5.x of the engine's pack) over the registry on ``?date=``."""

    permission_classes = [IsAuthenticated]

    @extend_schema(parameters=[DATE], responses=OpenApiTypes.OBJECT)
    def get(self, request: Request) -> Response:
        return Response(network_findings(services.parse_date(request.query_params.get("date"))))


class CoverageHistoryAPIView(APIView):
    """Stored coverage snapshots over time: national, or ``?division=`` a province or prefecture code."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[OpenApiParameter("division", OpenApiTypes.STR, description="6-digit province/prefecture code")],
        responses=OpenApiTypes.OBJECT,
    )
    def get(self, request: Request) -> Response:
        return Response(services.history_payload(request.query_params.get("division") or None))
