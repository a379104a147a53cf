from django.db import models
from django.utils.translation import gettext_lazy as _


class OrgKind(models.TextChoices):
    GOVERNMENT_DEPARTMENT = "government_department", _("Government department")
    DEVELOPMENT_REFORM = "development_reform", _("Development and reform commission")
    PUBLIC_SECURITY = "public_security", _("Public-security organ")
    SECRECY_ADMINISTRATION = "secrecy_administration", _("Secrecy administration")
    FINANCE = "finance", _("Finance department")
    EXTRANET_OPERATOR = "extranet_operator", _("Extranet operator / management centre")
    INTRANET_COORDINATION_OFFICE = "intranet_coordination_office", _("Intranet coordination office")
    ASSESSMENT_AGENCY = "assessment_agency", _("Assessment agency")
    OTHER = "other", _("Other")


class Level(models.TextChoices):
    """Administrative level of an organisation, network or project (context.md §4.1)."""

    CENTRAL = "central", _("Central")
    PROVINCIAL = "provincial", _("Provincial")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")


LEVEL_RANK = {Level.CENTRAL: 0, Level.PROVINCIAL: 1, Level.PREFECTURE: 2, Level.COUNTY: 3}
