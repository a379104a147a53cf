"""Columns of the network list (every attribute read is covered by select_related)."""

from django.utils.translation import gettext_lazy as _

from egovnet.core.tables import Column

NETWORK_COLUMNS = [
    Column("name", _("name"), sort="name", link=True),
    Column("family", _("network"), "get_family_display", sort="family"),
    Column("kind", _("kind"), "get_kind_display"),
    Column("level", _("level"), "get_level_display"),
    Column("division", _("division"), "division.name"),
    Column("owner", _("owner"), "owner.name", sort="owner"),
    Column("status", _("status"), "get_status_display", sort="status"),
    Column("annual_om_cost_10k_yuan", _("annual O&M cost (10k yuan)"), numeric=True),
]

# Each sort key is served by an index (net_name_id, net_family_level, net_family_status, owner FK).
NETWORK_SORTS = {
    "name": ("name", "id"),
    "family": ("family", "level", "id"),
    "status": ("family", "status", "id"),
    "owner": ("owner_id", "id"),
}
