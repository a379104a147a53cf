from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "egovnet.policy"
    label = "policy"
    verbose_name = "规则引擎 Policy engine"
