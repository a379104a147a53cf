"""API: recorded policy deviations (approved exceptions to IN-PRINCIPLE rules) for a system, network,
organisation or project. Reads are scoped through the subject's owner; ``POST`` records one, ``PATCH``
corrects or withdraws its approval (version required), ``DELETE`` removes one recorded in error — all through
``policy.deviations`` (authorized against the subject's owner or, for a project, its approving DRC; audited;
the subject's findings refreshed after commit)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, Subquery
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from egovnet.core.api.viewsets import API_REASON, ServiceWriteViewSet
from egovnet.orgs.models import Organisation
from egovnet.policy.deviations import deviation_create, deviation_delete, deviation_update
from egovnet.policy.models import PolicyDeviation
from egovnet.policy.subjects import visible_subjects


class DeviationSerializer(serializers.ModelSerializer):
    class Meta:
        model = PolicyDeviation
        fields = [
            "id",
            "rule",
            "subject_type",
            "subject_id",
            "owner",
            "reason",
            "legal_basis",
            "approver",
            "expires",
            "approved",
            "version",
            "created",
        ]


class DeviationWriteSerializer(serializers.ModelSerializer):
    approver = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = PolicyDeviation
        fields = ["rule", "subject_type", "subject_id", "reason", "legal_basis", "approver", "expires", "approved"]


class DeviationChangeSerializer(serializers.ModelSerializer):
    approver = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), required=False)
    version = serializers.IntegerField(required=False, min_value=1)

    class Meta:
        model = PolicyDeviation
        fields = ["reason", "legal_basis", "approver", "expires", "approved", "version"]
        extra_kwargs = {f: {"required": False} for f in ["reason", "legal_basis", "expires", "approved"]}


class DeviationViewSet(ServiceWriteViewSet):
    """``GET /api/policy/deviations/?subject_type=&subject_id=``; ``POST`` to record one, ``PATCH`` to change
    one (``version`` or ``If-Match``), ``DELETE`` to remove one."""

    queryset = PolicyDeviation.objects.all()
    serializer_class = DeviationSerializer
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]
    filter_backends: list = []

    def get_queryset(self):
        # the owner's scope, and the deviations of subjects visible beyond it (a project's, to its approving DRC)
        q = Q(pk__in=super().get_queryset().values("pk"))
        for subject_type, visible in visible_subjects():
            q |= Q(subject_type=subject_type, subject_id__in=Subquery(visible(self.request.user)))
        qs = PolicyDeviation.objects.filter(q)
        params = self.request.query_params
        if params.get("subject_type"):
            qs = qs.filter(subject_type=params["subject_type"])
        if str(params.get("subject_id", "")).isdigit():
            qs = qs.filter(subject_id=int(params["subject_id"]))
        return qs.order_by("id")

    @extend_schema(request=DeviationWriteSerializer, responses={201: DeviationSerializer})
    def create(self, request, *args: Any, **kwargs: Any) -> Response:
        data = DeviationWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        dev = deviation_create(actor=request.user, audit_reason=API_REASON, **data.validated_data)
        return Response(DeviationSerializer(dev).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeviationChangeSerializer, responses={200: DeviationSerializer})
    def partial_update(self, request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        version = self.expected_version(required=True)
        data = DeviationChangeSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        changes = {k: v for k, v in data.validated_data.items() if k != "version"}
        dev = deviation_update(
            actor=request.user, deviation=instance, expected_version=version, audit_reason=API_REASON, **changes
        )
        return Response(DeviationSerializer(dev).data)

    def destroy(self, request, *args: Any, **kwargs: Any) -> Response:
        instance = self.get_object()
        version = self.expected_version(required=False)
        deviation_delete(actor=request.user, deviation=instance, expected_version=version, audit_reason=API_REASON)
        return Response(status=status.HTTP_204_NO_CONTENT)
