"""Columns of the network list (every attribute read is covered by select_related)."""

from django.utils.translation import gettext_lazy as _

from egovnet.core.tables import Column
from egovnet.orgs.choices import Level

from .choices import ComponentKind, NetworkFamily, NetworkStatus

NETWORK_COLUMNS = [
    Column("name", _("name"), sort="name", link=True),
    Column("family", _("network"), sort="family", choices=NetworkFamily),
    Column("kind", _("kind"), choices=ComponentKind),
    Column("level", _("level"), choices=Level),
    Column("division", _("division"), "division.name"),
    Column("owner", _("owner"), "owner.name", sort="owner"),
    Column("status", _("status"), sort="status", choices=NetworkStatus),
    Column("annual_om_cost_10k_yuan", _("annual O&M cost (10k yuan)"), numeric=True),
]

# Each sort key is served by an index (net_name_id, net_family_level, net_family_status, owner FK).
NETWORK_SORTS = {
    "name": ("name_pinyin", "id"),  # stored pinyin key, index-backed (core.models.pinyin)
    "family": ("family", "level", "id"),
    "status": ("family", "status", "id"),
    "owner": ("owner_id", "id"),
}
