"""Serializers of organisations: read (full / brief) and write (validated, saved by the service)."""

from rest_framework import serializers

from egovnet.core.api.fields import DivisionCodeField, HyperlinkedIdentityField
from egovnet.core.api.serializers import ReadSerializer, ServiceWriteSerializer
from egovnet.geo.api.serializers import DivisionBriefSerializer
from egovnet.geo.models import Division

from ..models import Organisation


class OrganisationBriefSerializer(ReadSerializer):
    url = HyperlinkedIdentityField(view_name="organisation-detail")
    display = serializers.CharField(source="name", read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "url", "display", "level"]


class OrganisationSerializer(ReadSerializer):
    url = HyperlinkedIdentityField(view_name="organisation-detail")
    display = serializers.CharField(source="name", read_only=True)
    division = DivisionBriefSerializer(read_only=True)
    parent = OrganisationBriefSerializer(read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "url",
            "display",
            "name",
            "short_name",
            "kind",
            "level",
            "division",
            "parent",
            "path",
            "in_beijing",
            "is_demo",
            "notes",
            "created",
            "last_updated",
            "version",
        ]
        read_only_fields = fields


class OrganisationWriteSerializer(ServiceWriteSerializer):
    division = DivisionCodeField(queryset=Division.objects.all(), help_text="GB/T 2260 code, e.g. 410100")

    class Meta:
        model = Organisation
        fields = [
            "name",
            "short_name",
            "kind",
            "level",
            "division",
            "parent",
            "in_beijing",
            "is_demo",
            "notes",
            "version",
        ]
