from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class GeoConfig(AppConfig):
    name = "egovnet.geo"
    label = "geo"
    verbose_name = "行政区划 Divisions"
    nav_items = [
        NavItem(
            label=_("Administrative divisions"),
            url_name="geo:division_list",
            group="registries",
            order=40,
            roles=frozenset(),
        ),
    ]

    def ready(self) -> None:
        from egovnet.core.registry import register_brief_serializer

        from .api.serializers import DivisionBriefSerializer

        register_brief_serializer("geo.division", DivisionBriefSerializer)
