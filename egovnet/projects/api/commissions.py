"""API of article 11 commissions: the owner commissions an agency, the agency records its result.

Same services as the UI (``services.commission_create`` / ``commission_report``): authorized, audited and
version-checked there. The owner side lists the commissions of its projects; an agency lists its own.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.response import Response

from egovnet.core.api.selection import FieldSelectionMixin

from .. import queries, services
from ..choices import Qualification, RiskPart
from ..models import AssessmentAgency, AssessmentCommission, Project


class CommissionSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.organisation.name", read_only=True)

    class Meta:
        model = AssessmentCommission
        fields = ["id", "project", "agency", "agency_name", "assessment_type", "status", "commissioned_on", "note",
                  "result", "report_ref", "report_date", "issues", "report", "withdrawn_reason", "version"]  # fmt: skip


class CommissionWriteSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    agency = serializers.PrimaryKeyRelatedField(queryset=AssessmentAgency.objects.select_related("organisation"))
    assessment_type = serializers.ChoiceField(choices=Qualification.choices)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)


class ResultSerializer(serializers.Serializer):
    passed = serializers.BooleanField()
    ref_no = serializers.CharField(max_length=120)
    date = serializers.DateField()
    issues = serializers.CharField(required=False, allow_blank=True, default="")
    risk_parts = serializers.ListField(child=serializers.ChoiceField(choices=RiskPart.choices), required=False)
    version = serializers.IntegerField(required=False, allow_null=True)


class WithdrawSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    version = serializers.IntegerField(required=False, allow_null=True)


class CommissionViewSet(FieldSelectionMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = CommissionSerializer

    def get_queryset(self):
        user = self.request.user
        owned = AssessmentCommission.objects.filter(project__in=queries.visible_projects(user))
        mine = queries.agency_commissions(user)
        return (owned | mine).select_related("agency__organisation").order_by("id")

    @extend_schema(request=CommissionWriteSerializer, responses=CommissionSerializer)
    def create(self, request):
        ser = CommissionWriteSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        project = get_object_or_404(queries.visible_projects(request.user), pk=d.pop("project").pk)
        c = services.commission_create(actor=request.user, project=project, **d)
        return Response(CommissionSerializer(c).data, status=201)

    @extend_schema(request=ResultSerializer, responses=CommissionSerializer)
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        from .views import _version

        commission = get_object_or_404(queries.agency_commissions(request.user), pk=pk)
        ser = ResultSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        d = dict(ser.validated_data)
        d.pop("version", None)
        c = services.commission_report(actor=request.user, commission=commission,
                                       expected_version=_version(request, request.data), **d)  # fmt: skip
        return Response(CommissionSerializer(c).data)

    @extend_schema(request=WithdrawSerializer, responses=CommissionSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        from .views import _version

        owned = AssessmentCommission.objects.filter(project__in=queries.visible_projects(request.user))
        commission = get_object_or_404(owned.select_related("project__owner"), pk=pk)
        ser = WithdrawSerializer(data=request.data)
        ser.is_valid(raise_exception=True)
        c = services.commission_withdraw(actor=request.user, commission=commission,
                                         expected_version=_version(request, request.data),
                                         reason=ser.validated_data["reason"])  # fmt: skip
        return Response(CommissionSerializer(c).data)
