from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class NetworksConfig(AppConfig):
    name = "egovnet.networks"
    label = "networks"
    verbose_name = "网络 Networks"
    nav_items = [
        NavItem(label=_("Networks"), url_name="networks:network_list", group="registries", order=20, roles=frozenset()),
    ]

    def ready(self) -> None:
        from egovnet.core.registry import register_scoped_model
        from egovnet.policy.refresh import register_feeds
        from egovnet.policy.subjects import register_source

        from .findings_feeds import connection_feeds, network_feeds
        from .models import Network
        from .province_source import ProvinceSource

        register_scoped_model(Network)
        register_source(ProvinceSource())
        register_feeds("networks.Network", network_feeds)
        register_feeds("networks.Connection", connection_feeds)
