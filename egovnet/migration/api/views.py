"""REST API of the migration app: reads restricted by scope, writes through the services."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from egovnet.core.api.pagination import RegistryPagination
from egovnet.core.api.viewsets import RegistryViewSet, ServiceWriteViewSet

from .. import services
from ..export import proposals_xlsx, stored_sheets
from ..filtersets import (
    BudgetLineFilterSet,
    MigrationItemFilterSet,
    MigrationPlanFilterSet,
    OmProposalFilterSet,
    OmProposalLineFilterSet,
    PlanVersionFilterSet,
)
from ..models import BudgetLine, MigrationItem, MigrationPlan, NetworkException, OmProposal, OmProposalLine, PlanVersion
from ..services import funding, progress
from ..services.queries import new_dedicated_networks, new_network_row
from . import serializers as s

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class VersionedMixin:
    def required_version(self) -> int:
        """The version the client read (body ``version`` or ``If-Match``); 400 naming "version" when missing."""
        return self.expected_version(required=True)


class ReadWriteViewSet(VersionedMixin, ServiceWriteViewSet):
    def _out(self, obj: Any, code: int = status.HTTP_200_OK) -> Response:
        obj = self.base_queryset().get(pk=obj.pk)
        return Response(self.get_serializer_class()(obj, context=self.get_serializer_context()).data, status=code)


class MigrationPlanViewSet(ReadWriteViewSet):
    queryset = MigrationPlan.objects.select_related("department", "effective_version")
    serializer_class = s.MigrationPlanSerializer
    filterset_class = MigrationPlanFilterSet
    ordering_fields = ["title", "id"]
    ordering = ["title", "id"]
    http_method_names = ["get", "post", "head", "options"]

    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        data = s.PlanCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return self._out(services.plan_create(actor=request.user, **data.validated_data), status.HTTP_201_CREATED)

    @extend_schema(request=None, responses={201: s.PlanVersionSerializer})
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request, pk: str | None = None) -> Response:
        draft = services.version_new_draft(actor=request.user, plan=self.get_object())
        return Response(s.PlanVersionSerializer(draft).data, status=status.HTTP_201_CREATED)


class PlanVersionViewSet(ReadWriteViewSet):
    queryset = PlanVersion.objects.select_related("plan__department")
    serializer_class = s.PlanVersionSerializer
    filterset_class = PlanVersionFilterSet
    ordering_fields = ["id"]
    ordering = ["-id"]
    http_method_names = ["get", "patch", "post", "head", "options"]

    @extend_schema(exclude=True)  # not an operation: versions are created through plans/{id}/new-version/
    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        return Response(
            {"detail": "新版本请用 plans/{id}/new-version/ 创建。 / Use plans/{id}/new-version/."},
            status=status.HTTP_405_METHOD_NOT_ALLOWED,
        )

    def partial_update(self, request, *args: Any, **kwargs: Any) -> Response:
        data = s.VersionUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = services.version_update(
            actor=request.user,
            version=self.get_object(),
            expected_version=self.required_version(),
            **data.validated_data,
        )
        return self._out(v)

    @action(detail=True, methods=["post"])
    def submit(self, request, pk: str | None = None) -> Response:
        v = services.version_submit(
            actor=request.user, version=self.get_object(), expected_version=self.required_version()
        )
        return self._out(v)

    @action(detail=True, methods=["post"])
    def approve(self, request, pk: str | None = None) -> Response:
        v = services.version_approve(
            actor=request.user,
            version=self.get_object(),
            expected_version=self.required_version(),
            approval_ref=str(request.data.get("approval_ref", "")),
        )
        return self._out(v)

    @action(detail=True, methods=["post"], url_path="return")
    def send_back(self, request, pk: str | None = None) -> Response:
        v = services.version_return(
            actor=request.user,
            version=self.get_object(),
            expected_version=self.required_version(),
            reason=str(request.data.get("reason", "")),
        )
        return self._out(v)


class MigrationItemViewSet(ReadWriteViewSet):
    queryset = MigrationItem.objects.select_related("system", "from_network", "plan_version__plan__department")
    serializer_class = s.MigrationItemSerializer
    filterset_class = MigrationItemFilterSet
    ordering_fields = ["planned_date", "id"]
    ordering = ["planned_date", "id"]

    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        data = s.ItemCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vd = dict(data.validated_data)
        item = services.item_add(actor=request.user, version=vd.pop("plan_version"), **vd)
        return self._out(item, status.HTTP_201_CREATED)

    def update(self, request, *args: Any, **kwargs: Any) -> Response:
        data = s.ItemUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        item = services.item_update(
            actor=request.user, item=self.get_object(), expected_version=self.required_version(), **data.validated_data
        )
        return self._out(item)

    def destroy(self, request, *args: Any, **kwargs: Any) -> Response:
        services.item_delete(actor=request.user, item=self.get_object(), expected_version=self.required_version())
        return Response(status=status.HTTP_204_NO_CONTENT)

    @action(detail=True, methods=["post"])
    def progress(self, request, pk: str | None = None) -> Response:
        data = s.ProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        item = services.item_record_progress(
            actor=request.user, item=self.get_object(), expected_version=self.required_version(), **data.validated_data
        )
        return self._out(item)


class BudgetLineViewSet(VersionedMixin, RegistryViewSet):
    """Plain registry writes: RegistryViewSet calls service_create / service_update / service_delete."""

    queryset = BudgetLine.objects.select_related("department", "network", "system")
    serializer_class = s.BudgetLineSerializer
    filterset_class = BudgetLineFilterSet
    ordering_fields = ["fiscal_year", "id"]
    ordering = ["department_id", "fiscal_year", "id"]
    service_create = staticmethod(services.budget_line_create)
    service_update = staticmethod(services.budget_line_update)
    service_delete = staticmethod(services.budget_line_delete)
    service_object_kwarg = "line"


class OmProposalViewSet(VersionedMixin, ServiceWriteViewSet):
    queryset = OmProposal.objects.select_related("department")
    serializer_class = s.OmProposalSerializer
    filterset_class = OmProposalFilterSet
    ordering_fields = ["fiscal_year", "id"]
    ordering = ["-fiscal_year", "department_id"]
    http_method_names = ["get", "post", "head", "options"]

    def get_serializer_class(self):
        return s.OmProposalDetailSerializer if self.action == "retrieve" else s.OmProposalSerializer

    def base_queryset(self):
        qs = super().base_queryset()
        if self.action == "retrieve":
            lines = OmProposalLine.objects.select_related("network", "system").prefetch_related("items")
            qs = qs.prefetch_related(Prefetch("lines", queryset=lines))
        return qs

    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        """Generate (or regenerate while under review) the proposal of a department and year."""
        data = s.GenerateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        p = funding.proposal_generate(actor=request.user, **data.validated_data)
        return Response(s.OmProposalSerializer(p).data, status=status.HTTP_201_CREATED)

    @action(detail=True, methods=["post"])
    def accept(self, request, pk: str | None = None) -> Response:
        p = funding.proposal_accept(
            actor=request.user, proposal=self.get_object(), expected_version=self.required_version()
        )
        return Response(s.OmProposalSerializer(p).data)

    @extend_schema(responses={(200, XLSX_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def xlsx(self, request, pk: str | None = None) -> HttpResponse:
        return xlsx_response(stored_sheets([self.get_object()]), request.user, f"om-proposal-{pk}.xlsx")


class OmProposalLineViewSet(VersionedMixin, ServiceWriteViewSet):
    queryset = OmProposalLine.objects.select_related("proposal__department", "network", "system").prefetch_related(
        "items"
    )
    serializer_class = s.ProposalLineSerializer
    filterset_class = OmProposalLineFilterSet
    ordering_fields = ["id"]
    ordering = ["proposal_id", "id"]
    http_method_names = ["get", "post", "head", "options"]

    @extend_schema(exclude=True)  # not an operation: lines are generated with their proposal
    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        return Response(
            {"detail": "明细行随调整建议生成。 / Lines are generated with the proposal."},
            status=status.HTTP_405_METHOD_NOT_ALLOWED,
        )

    @action(detail=True, methods=["post"])
    def decide(self, request, pk: str | None = None) -> Response:
        data = s.DecideSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        line = funding.line_decide(
            actor=request.user, line=self.get_object(), expected_version=self.required_version(), **data.validated_data
        )
        line = self.base_queryset().get(pk=line.pk)
        return Response(s.ProposalLineSerializer(line, context=self.get_serializer_context()).data)


class NetworkExceptionViewSet(VersionedMixin, RegistryViewSet):
    queryset = NetworkException.objects.select_related("network__owner")
    serializer_class = s.NetworkExceptionSerializer
    http_method_names = ["get", "post", "head", "options"]
    ordering_fields = ["id"]
    ordering = ["network_id"]
    service_create = staticmethod(services.network_exception_record)


def xlsx_response(sheets: list, user: Any, filename: str) -> HttpResponse:
    response = HttpResponse(proposals_xlsx(sheets, user), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ProgressView(APIView):
    """Share migrated, overdue, ready-to-retire networks and trend, within the reader's scope."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request) -> Response:
        u = request.user
        return Response(
            {
                "nation": progress.nation(u),
                "provinces": progress.by_province(u),
                "departments": progress.by_department(u),
                "networks": progress.by_network(u),
                "trend": progress.trend(u),
            }
        )


class PagedListView(APIView):
    """A list computed by a query function, answered as a page (``count``, ``next``, ``previous``, ``results``)."""

    pagination_class = RegistryPagination  # read by the schema generator: the documented shape is the page

    def page(self, request, rows: Any, render: Any, prepare: Any = None) -> Response:
        paginator = self.pagination_class()
        page = paginator.paginate_queryset(rows, request, view=self)
        if prepare is not None:
            page = prepare(page)
        return paginator.get_paginated_response([render(x) for x in page])


class DepartmentsWithoutPlanView(PagedListView):
    """R-4.1 (第四条): departments with active dedicated networks and no approved plan."""

    @extend_schema(responses=s.DepartmentWithoutPlanSerializer(many=True))
    def get(self, request) -> Response:
        return self.page(
            request,
            progress.departments_without_plan(request.user),
            lambda o: {
                "id": o.pk,
                "name": o.name,
                "dedicated_networks": o.dedicated_count,
                "draft_plan": o.plan_id,
                "rule": "R-4.1",
                "article": "第四条",
            },
            prepare=progress.with_dedicated_counts,
        )


class OverdueView(PagedListView):
    @extend_schema(responses=s.MigrationItemSerializer(many=True))
    def get(self, request) -> Response:
        ctx = {"request": request}
        return self.page(
            request,
            progress.overdue_items(request.user).select_related("system"),
            lambda i: s.MigrationItemSerializer(i, context=ctx).data,
        )


class NewNetworksView(PagedListView):
    """第十二条: dedicated networks established after the notice, with their exception (if any)."""

    @extend_schema(responses=s.NewNetworkSerializer(many=True))
    def get(self, request) -> Response:
        return self.page(request, new_dedicated_networks(request.user), new_network_row)


class WhatIfView(APIView):
    """POST a department, year and item overrides; get the proposal that would result. Writes nothing."""

    @extend_schema(request=s.WhatIfSerializer, responses=OpenApiTypes.OBJECT)
    def post(self, request) -> Response:
        data = s.WhatIfSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        vd = data.validated_data
        preview = funding.proposal_preview(actor=request.user, **vd)
        proposal, lines = funding.preview_as_proposal(
            department=vd["department"],
            fiscal_year=vd["fiscal_year"],
            as_of=vd.get("as_of") or _today(),
            preview=preview,
        )
        ctx = {"request": request}
        return Response(
            {
                "department": proposal.department_id,
                "fiscal_year": proposal.fiscal_year,
                "current_total": proposal.current_total,
                "proposed_total": proposal.proposed_total,
                "lines": [s.ProposalLineSerializer(x, context=ctx).data for x in lines],
            }
        )


def _today():
    from django.utils import timezone

    return timezone.localdate()
