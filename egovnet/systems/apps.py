from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class SystemsConfig(AppConfig):
    name = "egovnet.systems"
    label = "systems"
    verbose_name = "业务应用系统 Application systems"
    nav_items = [
        NavItem(
            label=_("Application systems"),
            url_name="systems:system_list",
            group="registries",
            order=30,
            roles=frozenset(),
        ),
    ]

    def ready(self) -> None:
        from egovnet.core.registry import register_audit_redactor, register_scoped_model
        from egovnet.policy.refresh import register_feeds
        from egovnet.policy.subjects import register_source

        from .audit_redaction import REDACTOR
        from .fact_source import SystemSource, system_feeds
        from .models import ApplicationSystem

        register_scoped_model(ApplicationSystem)
        register_audit_redactor("systems.applicationsystem", REDACTOR)
        register_source(SystemSource())
        register_feeds("systems.ApplicationSystem", system_feeds)
