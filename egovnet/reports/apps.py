from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class ReportsConfig(AppConfig):
    name = "egovnet.reports"
    label = "reports"
    verbose_name = "报表 Reports"
    nav_items = [
        NavItem(label=_("Network dashboard"), url_name="reports:dashboard", group="reports", order=10),
        NavItem(label=_("Capacity"), url_name="reports:capacity", group="reports", order=20),
    ]

    def ready(self) -> None:
        from egovnet.core.registry import register_dashboard_panel

        from .dashboard import dashboard

        register_dashboard_panel(dashboard)
