"""Serializers of administrative divisions (read-only reference data)."""

from rest_framework import serializers

from egovnet.core.api.fields import HyperlinkedIdentityField
from egovnet.core.api.serializers import ReadSerializerMixin

from ..models import Division


class DivisionBriefSerializer(ReadSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = HyperlinkedIdentityField(view_name="division-detail")

    class Meta:
        model = Division
        fields = ["code", "url", "name", "level"]


class DivisionSerializer(ReadSerializerMixin, serializers.HyperlinkedModelSerializer):
    url = HyperlinkedIdentityField(view_name="division-detail")
    parent = DivisionBriefSerializer(read_only=True)
    is_valid = serializers.BooleanField(read_only=True)

    class Meta:
        model = Division
        fields = [
            "code",
            "url",
            "name",
            "level",
            "kind",
            "parent",
            "province_code",
            "prefecture_code",
            "note",
            "valid_from",
            "valid_to",
            "is_valid",
            "name_history",
            "source",
        ]
