from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkFamily(models.TextChoices):
    INTRANET = "intranet", _("E-gov intranet (政务内网)")
    EXTRANET = "extranet", _("E-gov extranet (政务外网)")
    DEDICATED = "dedicated", _("Dedicated business network (业务专网)")


class ComponentKind(models.TextChoices):
    """What a network (component) physically is (context.md A-12.1 uses these)."""

    PLATFORM = "platform", _("Platform")
    WAN_BACKBONE = "wan_backbone", _("WAN backbone")
    MAN = "man", _("Metro network")
    ACCESS_LINES = "access_lines", _("Access lines")
    VPN_ON_EXTRANET = "vpn_on_extranet", _("VPN on the extranet private zone")
    LAN = "lan", _("LAN")
    DATA_CENTER = "data_center", _("Data-centre network")


class NetworkScope(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCIAL = "provincial", _("Provincial")
    PREFECTURE = "prefecture", _("Prefecture")
    COUNTY = "county", _("County")
    LOCAL = "local", _("Local (site / campus)")


class NetworkStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    MIGRATING = "migrating", _("Migrating")
    RETIRED = "retired", _("Retired")


class BuiltOn(models.TextChoices):
    SELF_BUILT = "self_built", _("Self-built")
    CARRIER_LEASED = "carrier_leased", _("Carrier-leased lines")
    EXTRANET = "extranet", _("On the extranet")
    INTRANET = "intranet", _("On the intranet")
