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

    def ready(self) -> None:
        from egovnet.core.registry import register_brief_serializer, register_scoped_model
        from egovnet.policy.refresh import register_feeds
        from egovnet.policy.subjects import register_source

        from .api.serializers import OrganisationBriefSerializer
        from .fact_source import OrganisationSource, organisation_feeds
        from .models import Organisation

        register_scoped_model(Organisation)
        register_brief_serializer("orgs.organisation", OrganisationBriefSerializer)
        register_source(OrganisationSource())
        register_feeds("orgs.Organisation", organisation_feeds)
