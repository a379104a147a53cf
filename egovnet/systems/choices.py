from django.db import models
from django.utils.translation import gettext_lazy as _


class SecrecyGrade(models.TextChoices):
    """密级 — pinyin slugs, since English renderings of 机密/秘密 vary (context.md §2.4)."""

    MIMI = "mimi", _("秘密 (mimi)")
    JIMI = "jimi", _("机密 (jimi)")
    JUEMI = "juemi", _("绝密 (juemi)")


GRADE_RANK = {SecrecyGrade.MIMI: 1, SecrecyGrade.JIMI: 2, SecrecyGrade.JUEMI: 3}


class CurrentNetwork(models.TextChoices):
    INTRANET = "intranet", _("Intranet")
    EXTRANET = "extranet", _("Extranet")
    DEDICATED = "dedicated", _("Dedicated network")
    INTERNET = "internet", _("Internet")
    STANDALONE_CLASSIFIED = "standalone_classified", _("Standalone classified system")
    NONE = "none", _("Not networked")


class TargetNetwork(models.TextChoices):
    INTRANET = "intranet", _("Intranet")
    EXTRANET = "extranet", _("Extranet")
    STANDALONE_CLASSIFIED = "standalone_classified", _("Standalone classified system")
    LOCAL_CLASSIFIED_NETWORK = "local_classified_network", _("Local classified network (deviation)")
    LEGACY_DEDICATED = "legacy_dedicated", _("Stay on the dedicated network (deviation)")


class CoverageLevel(models.TextChoices):
    CENTRAL = "central", _("Central")
    PROVINCIAL = "provincial", _("Provincial")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    TOWNSHIP = "township", _("Township")


class SystemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_OPERATION = "in_operation", _("In operation")
    RETIRED = "retired", _("Retired")
