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
        from egovnet.policy.refresh import register_after_refresh

        from .dashboard import dashboard
        from .tasks import after_refresh

        register_dashboard_panel(dashboard)
        register_after_refresh(after_refresh)
