"""Serializers of networks: read (full / brief) and write (validated, saved by the service)."""

from rest_framework import serializers

from egovnet.core.api.fields import DivisionCodeField, HyperlinkedIdentityField
from egovnet.core.api.serializers import ReadSerializer, ServiceWriteSerializer
from egovnet.geo.api.serializers import DivisionBriefSerializer
from egovnet.geo.models import Division
from egovnet.orgs.api.serializers import OrganisationBriefSerializer
from egovnet.orgs.models import Organisation

from ..models import Network
from ..services import FIELDS


class NetworkBriefSerializer(ReadSerializer):
    url = HyperlinkedIdentityField(view_name="network-detail")
    display = serializers.CharField(source="name", read_only=True)

    class Meta:
        model = Network
        fields = ["id", "url", "display", "family"]


class NetworkSerializer(ReadSerializer):
    url = HyperlinkedIdentityField(view_name="network-detail")
    display = serializers.CharField(source="name", read_only=True)
    division = DivisionBriefSerializer(read_only=True)
    owner = OrganisationBriefSerializer(read_only=True)
    operator = OrganisationBriefSerializer(read_only=True)

    class Meta:
        model = Network
        fields = [
            "id",
            "url",
            "display",
            "name",
            "family",
            "kind",
            "level",
            "division",
            "owner",
            "operator",
            "scope",
            "status",
            "built_on",
            "established_on",
            "annual_om_cost_10k_yuan",
            "attestation_ref",
            "is_demo",
            "notes",
            "created",
            "last_updated",
            "version",
        ]
        read_only_fields = fields


class NetworkWriteSerializer(ServiceWriteSerializer):
    division = DivisionCodeField(
        queryset=Division.objects.all(), required=False, allow_null=True, help_text="GB/T 2260 code"
    )

    class Meta:
        model = Network
        fields = [*FIELDS, "version"]
        extra_kwargs = {"owner": {"queryset": Organisation.objects.all()}}
