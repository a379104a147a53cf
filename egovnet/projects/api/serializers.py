"""Serializers of the projects API. Reads only; writes go through services with validated input."""

from __future__ import annotations

from rest_framework import serializers

from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import shown_name

from ..choices import DocumentType, RequestKind, ReviewType
from ..models import (
    AssessmentAgency,
    AuthorityRequest,
    Evidence,
    ExpertInvitation,
    LocalPart,
    NetworkComponent,
    Project,
    ProjectApplication,
    ReviewMeeting,
    StageTransition,
)


class OrgBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organisation
        fields = ["id", "name", "kind", "level", "division"]


class ProjectSerializer(serializers.ModelSerializer):
    owner = OrgBriefSerializer(read_only=True)
    approver = OrgBriefSerializer(read_only=True)

    class Meta:
        model = Project
        fields = [
            "id", "name", "owner", "approver", "kind", "cobuilt", "approval_path", "approval_regime", "stage",
            "status", "act_date", "total_investment_10k_yuan", "national_approval_ref", "network_use_requirements",
            "network_use_na_reason", "simplified_basis", "version", "created", "last_updated",
        ]  # fmt: skip


class ProjectWriteSerializer(serializers.ModelSerializer):
    owner = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())

    class Meta:
        model = Project
        fields = [
            "name", "owner", "kind", "cobuilt", "approval_path", "approval_regime", "simplified_basis", "act_date",
            "total_investment_10k_yuan", "national_approval_ref", "network_use_requirements", "network_use_na_reason",
        ]  # fmt: skip


class ApplicationSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    is_classified = serializers.BooleanField(source="system.is_classified", read_only=True)
    target_network = serializers.CharField(source="system.target_network", read_only=True)
    mlps_level = serializers.IntegerField(source="system.mlps_level", read_only=True)

    class Meta:
        model = ProjectApplication
        fields = [
            "id",
            "system",
            "name",
            "is_classified",
            "mlps_level",
            "target_network",
            "deployed_network",
            "local_part",
        ]

    def get_name(self, obj) -> str:
        return shown_name(self.context["request"].user, obj.system)


class ApplicationAddSerializer(serializers.Serializer):
    system = serializers.PrimaryKeyRelatedField(queryset=ApplicationSystem.objects.all())
    local_part = serializers.PrimaryKeyRelatedField(queryset=LocalPart.objects.all(), required=False, allow_null=True)


class TransitionSerializer(serializers.Serializer):
    transition = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True)


class StageTransitionSerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", read_only=True)

    class Meta:
        model = StageTransition
        fields = ["id", "kind", "from_stage", "to_stage", "gate", "evidence_used", "actor", "note", "at"]


class LocalPartSerializer(serializers.ModelSerializer):
    class Meta:
        model = LocalPart
        fields = ["id", "project", "name", "division", "owner", "local_drc", "version"]
        read_only_fields = ["local_drc", "version"]


class EvidenceSerializer(serializers.ModelSerializer):
    issuer = OrgBriefSerializer(read_only=True)
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = [
            "id", "project", "local_part", "doc_type", "title", "issuer", "ref_no", "date", "result", "applications",
            "valid_to", "filing_stage", "plan_stage", "sections", "references", "addresses_network_use", "approves",
            "in_lieu_of_proposal", "agency", "risk_parts", "checks", "signed_by", "signed_at", "opaque",
            "submitted_stage", "has_file", "file_sha256", "file_size", "file_content_type", "version",
        ]  # fmt: skip

    def get_has_file(self, obj) -> bool:
        return bool(obj.file_path)


class EvidenceWriteSerializer(serializers.ModelSerializer):
    doc_type = serializers.ChoiceField(choices=DocumentType.choices)
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    applications = serializers.PrimaryKeyRelatedField(
        queryset=ProjectApplication.objects.all(), many=True, required=False
    )
    classified = serializers.BooleanField(required=False, default=False)
    file = serializers.FileField(required=False, allow_null=True)

    class Meta:
        model = Evidence
        fields = [
            "project", "local_part", "doc_type", "title", "issuer", "ref_no", "date", "result", "applications",
            "valid_to", "filing_stage", "plan_stage", "sections", "references", "addresses_network_use", "approves",
            "in_lieu_of_proposal", "agency", "risk_parts", "classified", "file",
        ]  # fmt: skip


class NetworkComponentSerializer(serializers.ModelSerializer):
    class Meta:
        model = NetworkComponent
        fields = ["id", "project", "local_part", "name", "kind", "built_on", "dedicated_to_single_department",
                  "new_or_extended", "interconnects_own_sites", "serves", "version"]  # fmt: skip
        read_only_fields = ["project", "version"]


class AcceptanceCheckSerializer(serializers.Serializer):
    checks = serializers.DictField(child=serializers.BooleanField())
    ref_no = serializers.CharField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class RequestSerializer(serializers.ModelSerializer):
    authority = OrgBriefSerializer(read_only=True)
    project_name = serializers.CharField(source="project.name", read_only=True)

    class Meta:
        model = AuthorityRequest
        fields = [
            "id", "project", "project_name", "local_part", "kind", "authority", "resolver_explanation", "applications",
            "note", "submitted_on", "due_on", "status", "decided_at", "decision_ref", "conditions", "evidence", "version",
        ]  # fmt: skip


class RequestWriteSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    kind = serializers.ChoiceField(choices=RequestKind.choices)
    applications = serializers.PrimaryKeyRelatedField(
        queryset=ProjectApplication.objects.all(), many=True, required=False
    )
    local_part = serializers.PrimaryKeyRelatedField(queryset=LocalPart.objects.all(), required=False, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")
    submitted_on = serializers.DateField(required=False, allow_null=True)


class DecisionSerializer(serializers.Serializer):
    approve = serializers.BooleanField()
    decision_ref = serializers.CharField()
    decided_on = serializers.DateField(required=False, allow_null=True)
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True)


class InvitationSerializer(serializers.ModelSerializer):
    invitee = OrgBriefSerializer(read_only=True)

    class Meta:
        model = ExpertInvitation
        fields = ["id", "body", "invitee", "sent_on", "response", "expert_name", "expert_org", "version"]


class MeetingSerializer(serializers.ModelSerializer):
    invitations = InvitationSerializer(many=True, read_only=True)
    organiser = OrgBriefSerializer(read_only=True)

    class Meta:
        model = ReviewMeeting
        fields = ["id", "project", "review_type", "organiser", "date", "opinion", "conditions", "concluded_at",
                  "cancelled_at", "cancel_reason", "invitations", "version"]  # fmt: skip


class MeetingWriteSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    review_type = serializers.ChoiceField(choices=ReviewType.choices)
    date = serializers.DateField()
    invite_on = serializers.DateField(required=False, allow_null=True)
    local_part = serializers.PrimaryKeyRelatedField(queryset=LocalPart.objects.all(), required=False, allow_null=True)


class ConcludeSerializer(serializers.Serializer):
    opinion = serializers.CharField()
    conditions = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, allow_null=True)


class MeetingCancelSerializer(serializers.Serializer):
    reason = serializers.CharField()
    version = serializers.IntegerField(required=False, allow_null=True)


class MeetingRescheduleSerializer(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField()
    version = serializers.IntegerField(required=False, allow_null=True)


class RespondSerializer(serializers.Serializer):
    response = serializers.CharField()
    expert_name = serializers.CharField(required=False, allow_blank=True, default="")
    expert_org = serializers.PrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True
    )
    version = serializers.IntegerField(required=False, allow_null=True)


class AgencySerializer(serializers.ModelSerializer):
    class Meta:
        model = AssessmentAgency
        fields = ["id", "organisation", "qualification", "certificate_no", "valid_from", "valid_to", "version"]


class ProjectTransitionsSerializer(serializers.Serializer):
    project = serializers.IntegerField()
    name = serializers.CharField()
    stage = serializers.CharField()
    transitions = serializers.ListField(child=serializers.CharField())


class TasksSerializer(serializers.Serializer):
    to_decide = RequestSerializer(many=True)
    overdue = RequestSerializer(many=True)
    waiting = RequestSerializer(many=True)
    transitions = ProjectTransitionsSerializer(many=True)
    invitations = InvitationSerializer(many=True)


class FailingRuleSerializer(serializers.Serializer):
    """Documentation shape of one failing rule of a gate verdict (``gates.FailingRule``)."""

    rule = serializers.CharField()
    article = serializers.IntegerField()
    article_zh = serializers.CharField()
    strength = serializers.CharField()
    outcome = serializers.CharField()
    subject = serializers.CharField()
    message_zh = serializers.CharField()
    message_en = serializers.CharField()
    remediation_zh = serializers.CharField()
    remediation_en = serializers.CharField()


class GateSerializer(serializers.Serializer):
    """Documentation shape of ``GET projects/{id}/gate/``: the next gate (null at the end) and its verdict."""

    gate = serializers.CharField(allow_null=True)
    stage = serializers.CharField(required=False, help_text="Absent when no gate is left.")
    can_advance = serializers.BooleanField(allow_null=True)
    failing = FailingRuleSerializer(many=True)
