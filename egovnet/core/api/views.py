"""Core API: who am I, the audit log (auditors and admins, redacted) and the chain status."""

from __future__ import annotations

import django_filters as df
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from ..audit import verify_chain
from ..choices import AuditAction, Role
from ..filtersets import FilterSet, IdFilter
from ..models import AuditEntry
from .audit import has_national_role, hidden_system_ids
from .serializers_core import AuditEntrySerializer, ChainStatusSerializer, MeSerializer
from .viewsets import ReadOnlyRegistryViewSet

AUDIT_ROLES = frozenset({Role.AUDITOR, Role.ADMIN})


class IsAuditorOrAdmin(BasePermission):
    message = (
        "只有全国范围的审计员和管理员可以查看审计日志。"
        " / Only auditors and administrators with national scope may read the audit log."
    )

    def has_permission(self, request, view) -> bool:
        return has_national_role(request.user, *AUDIT_ROLES)


class AuditEntryFilterSet(FilterSet):
    action = df.MultipleChoiceFilter(choices=AuditAction.choices)
    object_type = df.CharFilter()
    object_id = df.CharFilter()
    actor = IdFilter(field_name="actor_id")
    since = df.IsoDateTimeFilter(field_name="at", lookup_expr="gte")
    until = df.IsoDateTimeFilter(field_name="at", lookup_expr="lt")

    class Meta:
        model = AuditEntry
        fields = ["action", "object_type", "object_id", "actor", "since", "until"]


class UserViewSet(viewsets.GenericViewSet):
    """The signed-in user: roles with their scopes, clearance and registry grants."""

    permission_classes = [IsAuthenticated]
    serializer_class = MeSerializer
    pagination_class = None

    @extend_schema(responses=MeSerializer, summary="Who am I: roles, scopes, clearance")
    @action(detail=False, methods=["get"])
    def me(self, request: Request) -> Response:
        return Response(MeSerializer(request.user, context=self.get_serializer_context()).data)


class AuditEntryViewSet(ReadOnlyRegistryViewSet):
    """The append-only audit log, newest first; classified names and grades redacted per reader."""

    permission_classes = [IsAuditorOrAdmin]
    queryset = AuditEntry.objects.all()
    serializer_class = AuditEntrySerializer
    filterset_class = AuditEntryFilterSet
    ordering_fields = ["seq", "at"]
    ordering = ["-seq"]
    ordering_tiebreaker = "seq"

    def get_queryset(self):
        # The audit log is not scoped by organisation: the national-role check above is its restriction.
        return AuditEntry.objects.all()

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self._serialize(page, many=True))

    def retrieve(self, request: Request, *args, **kwargs) -> Response:
        return Response(self._serialize([self.get_object()], many=False))

    def _serialize(self, entries: list, *, many: bool):
        context = {**self.get_serializer_context(), "hidden_now": hidden_system_ids(entries, self.request.user)}
        return AuditEntrySerializer(entries if many else entries[0], many=many, context=context).data

    @extend_schema(responses=ChainStatusSerializer, filters=False, summary="Verify the hash chain")
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def verify(self, request: Request) -> Response:
        broken = verify_chain()
        count = AuditEntry.objects.count()
        if broken is None:
            message = f"审计链完整，共 {count} 条。 / Audit chain intact: {count} entries."
        else:
            message = (
                f"审计链在第 {broken.seq} 条处断裂：{broken.problem}。 / Audit chain broken at entry #{broken.seq}: "
                f"{broken.problem}."
            )
        data = {
            "intact": broken is None,
            "entries": count,
            "first_break": None if broken is None else {"seq": broken.seq, "problem": broken.problem},
            "message": message,
        }
        return Response(ChainStatusSerializer(data).data)
