"""Division API: read-only, every signed-in user (reference data)."""

from egovnet.core.api.viewsets import ReadOnlyRegistryViewSet

from ..filtersets import DivisionFilterSet
from ..models import Division
from .serializers import DivisionSerializer


class DivisionViewSet(ReadOnlyRegistryViewSet):
    queryset = Division.objects.select_related("parent")
    serializer_class = DivisionSerializer
    filterset_class = DivisionFilterSet
    ordering_fields = ["code", "name", "level"]
    ordering = ["code"]
    ordering_tiebreaker = "code"
