"""Network API: scoped list and detail; writes through ``networks.services``."""

from egovnet.core.api.viewsets import RegistryViewSet

from .. import services
from ..filtersets import NetworkFilterSet
from ..models import Network
from .serializers import NetworkBriefSerializer, NetworkSerializer, NetworkWriteSerializer


class NetworkViewSet(RegistryViewSet):
    queryset = Network.objects.select_related("division", "owner", "operator")
    serializer_class = NetworkSerializer
    write_serializer_class = NetworkWriteSerializer
    brief_serializer_class = NetworkBriefSerializer
    filterset_class = NetworkFilterSet
    ordering_fields = ["name", "id", "created", "family", "status"]
    ordering = ["name", "id"]
    ordering_aliases = {"created": "id"}  # ids grow with creation time; "id" is indexed, "created" is not
    service_create = staticmethod(services.network_create)
    service_update = staticmethod(services.network_update)
    service_delete = staticmethod(services.network_delete)
    service_object_kwarg = "network"
