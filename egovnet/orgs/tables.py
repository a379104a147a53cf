"""Columns of the organisation list (every attribute read is covered by select_related)."""

from django.utils.translation import gettext_lazy as _

from egovnet.core.tables import Column

from .choices import Level, OrgKind

ORGANISATION_COLUMNS = [
    Column("name", _("name"), sort="name", link=True),
    Column("short_name", _("short name")),
    Column("kind", _("kind"), sort="kind", choices=OrgKind),
    Column("level", _("level"), sort="level", choices=Level),
    Column("division", _("division"), "division.name", sort="division"),
    Column("parent", _("parent organisation"), "parent.name"),
    Column("in_beijing", _("in Beijing")),
]

# Each sort key is served by an index (org_pinyin_id, org_kind_level, org_level_division).
ORGANISATION_SORTS = {
    "name": ("name_pinyin", "id"),  # stored pinyin key, index-backed (core.models.pinyin)
    "kind": ("kind", "level", "id"),
    "level": ("level", "division_id", "id"),
    "division": ("division_id", "id"),
}
