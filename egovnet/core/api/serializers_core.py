"""Serializers of the core API: who am I, audit entries, chain status."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from .. import permissions
from ..models import AuditEntry, RoleAssignment, User
from ..registry import brief_serializer
from .audit import entry_is_redacted, redact_repr, redact_snapshot

REGISTRY_MODELS = ("orgs.organisation", "networks.network", "systems.applicationsystem")


class RoleAssignmentSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    org_scope = brief_serializer("orgs.organisation")(read_only=True)
    division_scope = brief_serializer("geo.division")(read_only=True)
    national = serializers.SerializerMethodField()

    class Meta:
        model = RoleAssignment
        fields = ["id", "role", "role_label", "org_scope", "division_scope", "national"]

    def get_national(self, obj: RoleAssignment) -> bool:
        return not obj.org_scope_id and not obj.division_scope_id


class MeSerializer(serializers.ModelSerializer):
    organisation = brief_serializer("orgs.organisation")(read_only=True)
    clearance_label = serializers.CharField(source="get_clearance_display", read_only=True)
    roles = serializers.SerializerMethodField()
    grants = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "display_name",
            "organisation",
            "clearance",
            "clearance_label",
            "is_superuser",
            "roles",
            "grants",
        ]

    @extend_schema_field(RoleAssignmentSerializer(many=True))
    def get_roles(self, obj: User) -> list[dict]:
        return RoleAssignmentSerializer(permissions.assignments(obj), many=True, context=self.context).data

    @extend_schema_field(serializers.DictField(child=serializers.ListField(child=serializers.CharField())))
    def get_grants(self, obj: User) -> dict[str, list[str]]:
        """Actions each role grants on the registries (within the assignment's scope)."""
        from django.apps import apps

        result = {}
        for label in REGISTRY_MODELS:
            model = apps.get_model(label)
            result[label] = [a for a in ("view", "add", "change", "delete") if permissions.has_any_grant(obj, a, model)]
        return result


class AuditEntrySerializer(serializers.ModelSerializer):
    object_repr = serializers.SerializerMethodField()
    before = serializers.SerializerMethodField()
    after = serializers.SerializerMethodField()
    redacted = serializers.SerializerMethodField()

    class Meta:
        model = AuditEntry
        fields = [
            "seq",
            "at",
            "actor",
            "actor_name",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "before",
            "after",
            "reason",
            "request_id",
            "prev_hash",
            "hash",
            "redacted",
        ]

    def _redacted(self, obj: AuditEntry) -> bool:
        """``hidden_now`` (the objects hidden from the reader today) is computed once per page."""
        cache = self.context.setdefault("_redacted", {})
        if obj.seq not in cache:
            user = self.context["request"].user
            cache[obj.seq] = entry_is_redacted(obj, user, self.context.get("hidden_now"))
        return cache[obj.seq]

    def get_object_repr(self, obj: AuditEntry) -> str:
        return redact_repr(obj.object_repr, obj.object_type) if self._redacted(obj) else obj.object_repr

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_before(self, obj: AuditEntry) -> Any:
        return redact_snapshot(obj.before, obj.object_type) if self._redacted(obj) else obj.before

    @extend_schema_field(serializers.JSONField(allow_null=True))
    def get_after(self, obj: AuditEntry) -> Any:
        return redact_snapshot(obj.after, obj.object_type) if self._redacted(obj) else obj.after

    def get_redacted(self, obj: AuditEntry) -> bool:
        return self._redacted(obj)


class ChainBreakSerializer(serializers.Serializer):
    seq = serializers.IntegerField()
    problem = serializers.CharField()


class ChainStatusSerializer(serializers.Serializer):
    intact = serializers.BooleanField()
    entries = serializers.IntegerField()
    first_break = ChainBreakSerializer(allow_null=True)
    message = serializers.CharField()


__all__ = [
    "AuditEntrySerializer",
    "ChainStatusSerializer",
    "MeSerializer",
    "RoleAssignmentSerializer",
]
