from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class MigrationConfig(AppConfig):
    name = "egovnet.migration"
    label = "migration"
    verbose_name = "专网迁移与运维经费 Migration and O&M"
    nav_items = [
        NavItem(label=_("Migration plans"), url_name="migration:plan_list", group="network", order=40),
        NavItem(label=_("Migration progress"), url_name="migration:dashboard", group="network", order=41),
        NavItem(
            label=_("Departments without a plan"),
            url_name="migration:departments_without_plan",
            group="network",
            order=42,
        ),
        NavItem(label=_("New dedicated networks"), url_name="migration:new_networks", group="network", order=43),
        NavItem(label=_("O&M proposals"), url_name="migration:proposal_list", group="reports", order=40),
        NavItem(label=_("O&M what-if"), url_name="migration:what_if", group="reports", order=41),
        NavItem(label=_("O&M budget lines"), url_name="migration:budget_list", group="reports", order=42),
    ]

    def home_attention(self, user):
        from .home import cards

        return cards(user)

    def ready(self) -> None:
        from egovnet.policy.subjects import register_source

        from .exchange_specs import register_specs
        from .fact_source import NetworkSource

        register_specs()
        register_source(NetworkSource())
