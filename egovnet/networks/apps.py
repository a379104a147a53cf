from django.apps import AppConfig


class NetworksConfig(AppConfig):
    name = "egovnet.networks"
    label = "networks"
    verbose_name = "网络 Networks"
