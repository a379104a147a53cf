from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "egovnet.orgs"
    label = "orgs"
    verbose_name = "组织机构 Organisations"
