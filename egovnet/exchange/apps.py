from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "egovnet.exchange"
    label = "exchange"
    verbose_name = "数据交换 Data exchange"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .importers import register
        from .importers.registries import BUILTIN

        for spec in BUILTIN:
            register(spec)
