"""Serializers of the migration API: output shapes and input validation; writes go through services."""

from __future__ import annotations

from rest_framework import serializers

from egovnet.networks.models import Network
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import TargetNetwork
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import shown_name

from ..choices import ExceptionStatus, ItemStatus
from ..export import item_ids, object_name
from ..models import BudgetLine, MigrationItem, MigrationPlan, NetworkException, OmProposal, OmProposalLine, PlanVersion


def _user(ctx: dict):
    return ctx["request"].user


class PlanVersionSerializer(serializers.ModelSerializer):
    class Meta:
        model = PlanVersion
        fields = [
            "id", "plan", "number", "status", "scheme", "phases", "based_on", "submitted_at", "approved_at",
            "approval_ref", "version", "created", "last_updated",
        ]  # fmt: skip


class MigrationPlanSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)
    effective = PlanVersionSerializer(source="effective_version", read_only=True)

    class Meta:
        model = MigrationPlan
        fields = ["id", "department", "department_name", "title", "has_approved", "effective", "version"]


class PlanCreateSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    title = serializers.CharField(max_length=200)
    scheme = serializers.CharField(required=False, allow_blank=True, default="")
    phases = serializers.JSONField(required=False, default=list)


class VersionUpdateSerializer(serializers.Serializer):
    scheme = serializers.CharField(required=False, allow_blank=True)
    phases = serializers.JSONField(required=False)


class MigrationItemSerializer(serializers.ModelSerializer):
    system_name = serializers.SerializerMethodField()
    from_network_name = serializers.CharField(source="from_network.name", read_only=True)

    class Meta:
        model = MigrationItem
        fields = [
            "id", "plan_version", "system", "system_name", "from_network", "from_network_name", "target_network",
            "deviation_ref", "planned_date", "status", "cutover_ref", "cutover_date", "decommission_ref",
            "decommission_date", "notes", "version",
        ]  # fmt: skip

    def get_system_name(self, obj: MigrationItem) -> str:
        return shown_name(_user(self.context), obj.system)


class ItemCreateSerializer(serializers.Serializer):
    plan_version = serializers.PrimaryKeyRelatedField(queryset=PlanVersion.objects.select_related("plan__department"))
    system = serializers.PrimaryKeyRelatedField(queryset=ApplicationSystem.objects.select_related("owner"))
    from_network = serializers.PrimaryKeyRelatedField(queryset=Network.objects.all())
    planned_date = serializers.DateField()
    target_network = serializers.ChoiceField(
        choices=TargetNetwork.choices, required=False, allow_blank=True, default=""
    )
    deviation_ref = serializers.CharField(required=False, allow_blank=True, default="", max_length=120)
    notes = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ItemUpdateSerializer(serializers.Serializer):
    from_network = serializers.PrimaryKeyRelatedField(queryset=Network.objects.all(), required=False)
    planned_date = serializers.DateField(required=False)
    target_network = serializers.ChoiceField(choices=TargetNetwork.choices, required=False)
    deviation_ref = serializers.CharField(required=False, allow_blank=True, max_length=120)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=500)


class ProgressSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=ItemStatus.choices)
    effective_on = serializers.DateField(required=False)
    cutover_ref = serializers.CharField(required=False, allow_blank=True, max_length=120)
    cutover_date = serializers.DateField(required=False)
    decommission_ref = serializers.CharField(required=False, allow_blank=True, max_length=120)
    decommission_date = serializers.DateField(required=False)


class BudgetLineSerializer(serializers.ModelSerializer):
    object_name = serializers.SerializerMethodField()

    class Meta:
        model = BudgetLine
        fields = [
            "id", "department", "fiscal_year", "object_kind", "network", "system", "object_name", "amount_10k_yuan",
            "basis", "version",
        ]  # fmt: skip
        read_only_fields = ["version"]

    def get_object_name(self, obj: BudgetLine) -> str:
        if obj.network_id:
            return obj.network.name
        return shown_name(_user(self.context), obj.system) if obj.system_id else ""


class ProposalLineSerializer(serializers.ModelSerializer):
    object_name = serializers.SerializerMethodField()
    change = serializers.DecimalField(max_digits=12, decimal_places=2, read_only=True)
    items = serializers.SerializerMethodField()

    class Meta:
        model = OmProposalLine
        fields = [
            "id", "proposal", "object_kind", "network", "system", "object_name", "basis", "current_amount",
            "proposed_amount", "change", "rule", "article", "reason_zh", "reason_en", "flag_review", "items",
            "decision", "decided_amount", "amendment_reason", "decided_at", "version",
        ]  # fmt: skip

    def get_object_name(self, obj: OmProposalLine) -> str:
        return object_name(obj, _user(self.context))

    def get_items(self, obj: OmProposalLine) -> list[int]:
        return item_ids(obj)


class OmProposalSerializer(serializers.ModelSerializer):
    department_name = serializers.CharField(source="department.name", read_only=True)

    class Meta:
        model = OmProposal
        fields = [
            "id", "department", "department_name", "fiscal_year", "status", "as_of", "current_total",
            "proposed_total", "accepted_at", "version",
        ]  # fmt: skip


class OmProposalDetailSerializer(OmProposalSerializer):
    lines = ProposalLineSerializer(many=True, read_only=True)

    class Meta(OmProposalSerializer.Meta):
        fields = [*OmProposalSerializer.Meta.fields, "lines"]


class GenerateSerializer(serializers.Serializer):
    department = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    fiscal_year = serializers.IntegerField(min_value=2000, max_value=2100)
    as_of = serializers.DateField(required=False)


class WhatIfSerializer(GenerateSerializer):
    overrides = serializers.JSONField(required=False, default=dict)


class DecideSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    amount = serializers.DecimalField(max_digits=12, decimal_places=2, required=False, min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class NetworkExceptionSerializer(serializers.ModelSerializer):
    # Explicit: no unique validator, the service records *or updates* the one exception of a network.
    network = serializers.PrimaryKeyRelatedField(queryset=Network.objects.all())
    network_name = serializers.CharField(source="network.name", read_only=True)
    status = serializers.ChoiceField(choices=ExceptionStatus.choices, default=ExceptionStatus.REQUESTED)

    class Meta:
        model = NetworkException
        fields = [
            "id", "network", "network_name", "status", "reference", "legal_basis", "approved_on", "expires_on",
            "proposed_by_project_id", "version",
        ]  # fmt: skip
        read_only_fields = ["version"]


class DepartmentWithoutPlanSerializer(serializers.Serializer):
    """Documentation shape of an R-4.1 finding row."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    dedicated_networks = serializers.IntegerField()
    draft_plan = serializers.IntegerField(allow_null=True)
    rule = serializers.CharField()
    article = serializers.CharField()


class NewNetworkSerializer(serializers.Serializer):
    """Documentation shape of a post-notice dedicated network row (第十二条)."""

    id = serializers.IntegerField()
    name = serializers.CharField()
    owner = serializers.CharField()
    owner_id = serializers.IntegerField()
    established_on = serializers.DateField()
    status = serializers.CharField()
    exception_status = serializers.CharField(allow_null=True)
    exception_reference = serializers.CharField()
    proposed_by_project_id = serializers.IntegerField(allow_null=True)
    om_eligible = serializers.BooleanField()
    rule = serializers.CharField()
    article = serializers.CharField()
    finding_zh = serializers.CharField()
    finding_en = serializers.CharField()
