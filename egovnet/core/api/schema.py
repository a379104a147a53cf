"""OpenAPI details of the registry viewsets: writes answer with the read serializer, and updates
and deletes document the ``If-Match`` header that carries the version the client read."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=False,
    description='The version you read (e.g. 3 or W/"3"); alternative to the body field `version`. '
    "Required on PUT/PATCH (one of the two); a stale version answers 409.",
)


class RegistryAutoSchema(AutoSchema):
    def get_response_serializers(self):
        view = self.view
        if getattr(view, "write_serializer_class", None) and getattr(view, "action", None) in (
            "create",
            "update",
            "partial_update",
        ):
            return view.serializer_class
        return super().get_response_serializers()

    def get_override_parameters(self):
        params = list(super().get_override_parameters())
        if self.method in ("PUT", "PATCH", "DELETE") and getattr(self.view, "write_serializer_class", None):
            params.append(IF_MATCH)
        return params
