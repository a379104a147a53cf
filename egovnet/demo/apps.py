from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo dataset and the synthetic national generator: the top layer, free to use every app."""

    name = "egovnet.demo"
    label = "demo"
    verbose_name = "演示数据 Demo data"

    def ready(self) -> None:
        from egovnet.core.registry import register_login_hints

        from .logins import login_hints

        register_login_hints(login_hints)
