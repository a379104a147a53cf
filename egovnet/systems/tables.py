"""Columns of the system list. Name and grade come from the visibility annotations only."""

from django.utils.translation import gettext_lazy as _

from egovnet.core.tables import Column, choice_label

from . import redaction
from .choices import CurrentNetwork, SecrecyGrade, SystemStatus, TargetNetwork


def annotated_name(row) -> str:
    return redaction.name(row)


def shown_grade(row) -> str:
    return choice_label(SecrecyGrade, row.display_grade)


SYSTEM_COLUMNS = [
    Column("name", _("name"), annotated_name, sort="name", link=True),
    Column("owner", _("owner"), "owner.name", sort="owner"),
    Column("is_classified", _("classified"), sort="classification"),
    Column("secrecy_grade", _("secrecy grade"), shown_grade),
    Column("mlps_level", _("MLPS level"), numeric=True),
    Column("current_network", _("current network"), sort="networks", choices=CurrentNetwork),
    Column("target_network", _("target network"), choices=TargetNetwork),
    Column("status", _("status"), choices=SystemStatus),
]

# Sorting never uses the raw name or grade (that would leak hidden ones through the order):
# "name" sorts on display_name (an annotation, not indexable; see ADR 0200); the others use
# sys_owner_id, sys_classification (is_classified first, then the visible grade) and sys_networks.
SYSTEM_SORTS = {
    "owner": ("owner_id", "id"),
    "name": ("display_name", "id"),
    "classification": ("is_classified", "display_grade", "id"),
    "networks": ("current_network", "target_network", "id"),
}
