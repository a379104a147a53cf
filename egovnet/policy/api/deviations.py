"""API: recorded policy deviations (approved exceptions to IN-PRINCIPLE rules) for a system, network,
organisation or project. Reads are scoped through the subject's owner; ``POST`` records one through
``services.deviation_create`` (authorized against the subject's owner — for a project, or its approving
DRC — audited, and the subject's findings refreshed after commit). Deviations are not edited through the API."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response

from egovnet.core.api.viewsets import API_REASON, ServiceWriteViewSet
from egovnet.orgs.models import Organisation
from egovnet.policy.deviations import deviation_create
from egovnet.policy.models import PolicyDeviation


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


class DeviationViewSet(ServiceWriteViewSet):
    """``GET /api/policy/deviations/?subject_type=&subject_id=``, ``POST`` to record one."""

    queryset = PolicyDeviation.objects.all()
    serializer_class = DeviationSerializer
    http_method_names = ["get", "post", "head", "options"]
    filter_backends: list = []

    def get_queryset(self):
        qs = super().get_queryset()
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
