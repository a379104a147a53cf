"""Base serializers: write serializers validate and resolve references; services do the saving."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from .fields import BilingualChoiceField, ScopedPrimaryKeyRelatedField


class ServiceWriteSerializer(serializers.ModelSerializer):
    """Validates types, enums, lengths and references; never saves (the viewset calls a service).

    ``version`` is the version the client read; the viewset requires it on updates.
    """

    serializer_choice_field = BilingualChoiceField
    serializer_related_field = ScopedPrimaryKeyRelatedField

    version = serializers.IntegerField(
        required=False, min_value=1, write_only=True, help_text="The version you read (required on update)."
    )

    def create(self, validated_data: dict[str, Any]) -> Any:  # pragma: no cover - guarded by design
        raise NotImplementedError("Writes go through the app's services, never serializer.save().")

    def update(self, instance: Any, validated_data: dict[str, Any]) -> Any:  # pragma: no cover
        raise NotImplementedError("Writes go through the app's services, never serializer.save().")
