"""Organisation API: scoped list and detail; writes through ``orgs.services``."""

from egovnet.core.api.viewsets import RegistryViewSet

from .. import services
from ..filtersets import OrganisationFilterSet
from ..models import Organisation
from .serializers import OrganisationBriefSerializer, OrganisationSerializer, OrganisationWriteSerializer


class OrganisationViewSet(RegistryViewSet):
    queryset = Organisation.objects.select_related("division", "parent")
    serializer_class = OrganisationSerializer
    write_serializer_class = OrganisationWriteSerializer
    brief_serializer_class = OrganisationBriefSerializer
    filterset_class = OrganisationFilterSet
    ordering_fields = ["name", "id", "created", "level", "kind"]
    ordering = ["name", "id"]
    ordering_aliases = {"created": "id"}  # ids grow with creation time; "id" is indexed, "created" is not
    service_create = staticmethod(services.organisation_create)
    service_update = staticmethod(services.organisation_update)
    service_delete = staticmethod(services.organisation_delete)
    service_object_kwarg = "organisation"
