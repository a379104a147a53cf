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


class NetworkZone(models.TextChoices):
    """The extranet's three functional zones (context.md §2.1 三个功能域)."""

    PUBLIC_NETWORK_ZONE = "public_network_zone", _("Public network zone (公用网络区)")
    PRIVATE_VPN_ZONE = "private_vpn_zone", _("Private VPN zone (专用网络区)")
    INTERNET_ACCESS_ZONE = "internet_access_zone", _("Internet access zone (互联网接入区)")


class LinkKind(models.TextChoices):
    BACKBONE = "backbone", _("Backbone link (骨干链路)")
    ACCESS = "access", _("Access link (接入链路)")
    INTERCONNECTION = "interconnection", _("Secure interconnection (安全互联互通)")
    SECURE_LINK = "secure_link", _("Secure link (安全链接)")


class LinkStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTIVE = "active", _("Active")
    RETIRED = "retired", _("Retired")


class IntranetNodeCode(models.TextChoices):
    """Intranet nodes the notice names (article 2); the six central organs plus the central platform."""

    CENTRAL_PLATFORM = "central_platform", _("Central intranet platform (中央级政务内网平台)")
    CPC_GENERAL_OFFICE = "cpc_general_office", _("General Office of the CPC Central Committee (中办)")
    NPC_GENERAL_OFFICE = "npc_general_office", _("General Office of the NPC Standing Committee (全国人大常委会办公厅)")
    STATE_COUNCIL_GENERAL_OFFICE = "state_council_general_office", _("General Office of the State Council (国办)")
    CPPCC_GENERAL_OFFICE = "cppcc_general_office", _("General Office of the CPPCC (全国政协办公厅)")
    SUPREME_COURT = "supreme_court", _("Supreme People's Court (最高人民法院)")
    SUPREME_PROCURATORATE = "supreme_procuratorate", _("Supreme People's Procuratorate (最高人民检察院)")


SIX_CENTRAL_ORGANS = (
    IntranetNodeCode.CPC_GENERAL_OFFICE,
    IntranetNodeCode.NPC_GENERAL_OFFICE,
    IntranetNodeCode.STATE_COUNCIL_GENERAL_OFFICE,
    IntranetNodeCode.CPPCC_GENERAL_OFFICE,
    IntranetNodeCode.SUPREME_COURT,
    IntranetNodeCode.SUPREME_PROCURATORATE,
)


class Carries(models.TextChoices):
    """What a provincial e-government network carries (article 5)."""

    CLASSIFIED = "classified", _("Classified applications")
    NON_CLASSIFIED = "non_classified", _("Non-classified applications")
    MIXED = "mixed", _("Mixed (must be separated)")


class IncorporatedInto(models.TextChoices):
    INTRANET_SYSTEM = "intranet_system", _("National intranet system")
    EXTRANET_SYSTEM = "extranet_system", _("National extranet system")
    NONE = "none", _("Not incorporated")


class SnapshotScope(models.TextChoices):
    NATIONAL = "national", _("National")
    PROVINCE = "province", _("Province")
    PREFECTURE = "prefecture", _("Prefecture")


class TargetMetric(models.TextChoices):
    """Measurable programme metrics; each is a share in [0, 100] % computed from the registry."""

    UNIFIED_NETWORK = "unified_network", _("Provinces linked to the central extranet backbone (省级平台接入中央骨干网)")
    PREFECTURE_COVERAGE = "prefecture_coverage", _("Prefectures with an extranet platform (地市覆盖)")
    COUNTY_COVERAGE = "county_coverage", _("County-level units with an extranet platform (县级覆盖)")
    DEPARTMENTS_CONNECTED = "departments_connected", _("County-level departments connected (县级部门接入)")
    SIX_ORGAN_INTERCONNECTION = (
        "six_organ_interconnection",
        _("Six-organ intranet interconnection, 15 pairs (六大机关互联互通)"),
    )
    PROVINCIAL_INTRANET_LINKS = (
        "provincial_intranet_links",
        _("Provincial intranet platforms securely linked (省级内网平台安全链接)"),
    )


class TargetStatus(models.TextChoices):
    MET = "met", _("Met (已达成)")
    ON_TRACK = "on_track", _("On track (按期推进)")
    LATE = "late", _("Late (滞后)")
    UNKNOWN = "unknown", _("Insufficient history (历史数据不足)")
