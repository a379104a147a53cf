from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from egovnet.core.navigation import NavItem


class OrgsConfig(AppConfig):
    name = "egovnet.orgs"
    label = "orgs"
    verbose_name = "组织机构 Organisations"
    nav_items = [
        NavItem(
            label=_("Organisations"), url_name="orgs:organisation_list", group="registries", order=10, roles=frozenset()
        ),
    ]
