"""Columns of the division list."""

from django.utils.translation import gettext_lazy as _

from egovnet.core.collation import pinyin
from egovnet.core.tables import Column

from .choices import DivisionLevel

DIVISION_COLUMNS = [
    Column("code", _("code"), sort="code", link=True),
    Column("name", _("name"), sort="name", link=True),
    Column("level", _("level"), sort="level", choices=DivisionLevel),
    Column("kind", _("type")),
    Column("parent", _("parent"), "parent.name"),
    Column("valid_to", _("invalid from")),
]

# code = primary key; name and level carry db_index.
DIVISION_SORTS = {"code": ("code",), "name": (pinyin("name"), "code"), "level": ("level", "code")}
