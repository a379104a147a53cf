from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class ProjectsConfig(AppConfig):
    name = "egovnet.projects"
    label = "projects"
    verbose_name = "建设项目 Projects"
    nav_items = [
        NavItem(label=_("My tasks"), url_name="tasks:inbox", group="projects", order=10, badge="total"),
        NavItem(label=_("Projects"), url_name="projects:project_list", group="projects", order=20),
    ]

    def home_attention(self, user):
        from .home import cards

        return cards(user)

    def audit_reason(self, reason: str) -> str:
        """An audit entry's reason in words (the log stores "approve_proposal: proposal → feasibility.")."""
        from .labels import transition_reason

        return transition_reason(reason)

    def ready(self) -> None:
        from egovnet.policy.choices import SubjectType
        from egovnet.policy.subjects import register_source, register_visible_subjects

        from . import queries, refresh
        from .exchange_specs import register_specs
        from .sweep_source import ProjectSource

        register_source(ProjectSource())
        register_visible_subjects(SubjectType.PROJECT, lambda user: queries.visible_projects(user).values("pk"))
        register_specs()
        refresh.register()
