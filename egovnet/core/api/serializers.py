"""Base serializers: write serializers validate and resolve references (services do the saving); read serializers
build their fields once per class and list them once per request."""

from __future__ import annotations

import copy
from typing import Any

from rest_framework import serializers
from rest_framework.fields import SkipField
from rest_framework.relations import PKOnlyObject

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


class ReadSerializerMixin:
    """For the registries' read serializers: the same output as DRF's, with less work per request and row.

    - The fields DRF builds from the model on every request (``ModelSerializer.get_fields``: model introspection,
      keyword inference, one field per column) are built once per class and deep-copied per request (the same
      unbound fields DRF would build, as DRF copies declared fields). A subclass whose fields depend on the
      request must override ``get_fields`` itself.
    - The readable fields are listed once per serializer instance instead of once per row (DRF re-walks the field
      dictionary for each row); the loop itself is DRF's ``to_representation``. Field selection
      (``?fields=``, ``core.api.selection``) removes fields before the first row, so the list is the selected one.
    """

    def get_fields(self) -> dict[str, serializers.Field]:
        cls = type(self)
        prototype = cls.__dict__.get("_prototype_fields")
        if prototype is None:
            prototype = super().get_fields()
            cls._prototype_fields = prototype
        return copy.deepcopy(prototype)

    def to_representation(self, instance: Any) -> dict[str, Any]:
        readable = self.__dict__.get("_readable_list")
        if readable is None:
            readable = self._readable_list = [f for f in self.fields.values() if not f.write_only]
        ret = {}
        for field in readable:
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            check_for_none = attribute.pk if isinstance(attribute, PKOnlyObject) else attribute
            ret[field.field_name] = None if check_for_none is None else field.to_representation(attribute)
        return ret


class ReadSerializer(ReadSerializerMixin, serializers.ModelSerializer):
    """A read-only model serializer with ``ReadSerializerMixin``."""
