from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .choices import Role
from .navigation import NavItem


class CoreConfig(AppConfig):
    name = "egovnet.core"
    label = "core"
    verbose_name = "平台核心 Core"
    nav_items = [
        NavItem(label=_("Dashboard"), url_name="home", group="overview", order=10, roles=frozenset()),
        NavItem(
            label=_("Audit log"),
            url_name="core:audit_list",
            group="admin",
            order=10,
            roles=frozenset({Role.AUDITOR, Role.ADMIN}),
        ),
        NavItem(
            label=_("Users and roles"),
            url_name="core:user_list",
            group="admin",
            order=20,
            roles=frozenset({Role.ADMIN}),
        ),
    ]

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .collation import register_sqlite
        from .metrics import connect_task_signals
        from .permissions import validate_grants

        connection_created.connect(register_sqlite, dispatch_uid="egovnet_zh_pinyin")

        validate_grants()
        connect_task_signals()
