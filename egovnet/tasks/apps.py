from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class TasksConfig(AppConfig):
    name = "egovnet.tasks"
    label = "tasks"
    verbose_name = "待办 Tasks"
    nav_items = [
        NavItem(label=_("Notifications"), url_name="tasks:notifications", group="projects", order=12, badge="unread"),
    ]

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .context_processors import on_login

        user_logged_in.connect(on_login, dispatch_uid="egovnet_tasks_inbox_counts")
