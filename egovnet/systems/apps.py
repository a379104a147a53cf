from django.apps import AppConfig


class SystemsConfig(AppConfig):
    name = "egovnet.systems"
    label = "systems"
    verbose_name = "业务应用系统 Application systems"
