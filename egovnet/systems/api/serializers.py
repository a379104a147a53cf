"""Serializers of application systems. Reads are redacted: a classified system whose grade is above
the reader's clearance shows ``REDACTED_NAME``, no grade, no classification reference and
``redacted: true`` (the queryset carries the annotations of ``systems.queries.annotate_visibility``)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from egovnet.core.api.fields import BilingualChoiceField, HyperlinkedIdentityField
from egovnet.core.api.serializers import ReadSerializer, ServiceWriteSerializer
from egovnet.networks.api.serializers import NetworkBriefSerializer
from egovnet.networks.models import Network
from egovnet.orgs.api.serializers import OrganisationBriefSerializer
from egovnet.orgs.models import Organisation

from .. import redaction
from ..choices import CoverageLevel, SecrecyGrade, TargetNetwork
from ..models import ApplicationSystem
from ..services import FIELDS


def _visible(obj: ApplicationSystem) -> bool:
    return bool(obj.name_visible)


class RedactedFieldsMixin(serializers.Serializer):
    name = serializers.SerializerMethodField()
    display = serializers.SerializerMethodField()
    redacted = serializers.SerializerMethodField()

    def get_display(self, obj: ApplicationSystem) -> str:
        return self.get_name(obj)

    def get_name(self, obj: ApplicationSystem) -> str:
        return redaction.name(obj)

    def get_redacted(self, obj: ApplicationSystem) -> bool:
        return not _visible(obj)


class ApplicationSystemBriefSerializer(RedactedFieldsMixin, ReadSerializer):
    url = HyperlinkedIdentityField(view_name="system-detail")

    class Meta:
        model = ApplicationSystem
        fields = ["id", "url", "display", "name", "redacted", "is_classified"]


class ApplicationSystemSerializer(RedactedFieldsMixin, ReadSerializer):
    url = HyperlinkedIdentityField(view_name="system-detail")
    secrecy_grade = serializers.SerializerMethodField()
    secrecy_ref = serializers.SerializerMethodField()
    owner = OrganisationBriefSerializer(read_only=True)
    current_dedicated_network = NetworkBriefSerializer(read_only=True)

    class Meta:
        model = ApplicationSystem
        fields = [
            "id",
            "url",
            "display",
            "name",
            "redacted",
            "owner",
            "is_classified",
            "secrecy_grade",
            "mlps_level",
            "current_network",
            "current_dedicated_network",
            "target_network",
            "public_facing",
            "cross_region",
            "cross_department",
            "shares_basic_info",
            "coverage_levels",
            "bandwidth_mbps",
            "status",
            "secrecy_ref",
            "is_demo",
            "created",
            "last_updated",
            "version",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=SecrecyGrade.choices, allow_null=True))
    def get_secrecy_grade(self, obj: ApplicationSystem) -> str | None:
        return redaction.grade(obj) or None

    def get_secrecy_ref(self, obj: ApplicationSystem) -> str | None:
        return redaction.ref(obj) if _visible(obj) else None


class ApplicationSystemWriteSerializer(ServiceWriteSerializer):
    secrecy_grade = BilingualChoiceField(
        choices=SecrecyGrade.choices, required=False, allow_blank=True, allow_null=True
    )
    target_network = BilingualChoiceField(
        choices=TargetNetwork.choices, required=False, allow_blank=True, allow_null=True
    )
    coverage_levels = serializers.ListField(
        child=BilingualChoiceField(choices=CoverageLevel.choices), required=False, max_length=len(CoverageLevel)
    )

    class Meta:
        model = ApplicationSystem
        fields = [*FIELDS, "version"]
        extra_kwargs = {
            "owner": {"queryset": Organisation.objects.all()},
            "current_dedicated_network": {"queryset": Network.objects.all()},
        }

    def validate_secrecy_grade(self, value: str | None) -> str:
        return value or ""

    def validate_target_network(self, value: str | None) -> str:
        return value or ""


class SystemStatsSerializer(serializers.Serializer):
    """Counts over the systems the reader may see; grades only where visible."""

    total = serializers.IntegerField()
    by_current_network = serializers.DictField(child=serializers.IntegerField())
    by_target_network = serializers.DictField(child=serializers.IntegerField())
    classified = serializers.DictField(child=serializers.IntegerField())
    by_grade = serializers.DictField(child=serializers.IntegerField())
    hidden_grade = serializers.IntegerField()
