from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "egovnet.core"
    label = "core"
    verbose_name = "平台核心 Core"

    def ready(self) -> None:
        from .permissions import validate_grants

        validate_grants()
