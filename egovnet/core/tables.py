"""Table definitions for the registry list pages: columns as data, cells computed in Python.

A table never triggers a query per row: every attribute a column reads must be covered by the
view's ``select_related`` (asserted by the query-count tests of each list page).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

EMPTY = "—"


@dataclass(frozen=True)
class Column:
    key: str
    label: Any  # lazy translatable label (English msgid)
    accessor: str | Callable[[Any], Any] = ""  # dotted attribute path or a function of the row
    sort: str | None = None  # key into the view's ``sort_fields`` (whitelist)
    link: bool = False  # link the cell to the row's detail page
    numeric: bool = False
    choices: Any = None  # a TextChoices class: show its label (looked up once per page, not per cell)

    def value(self, row: Any) -> Any:
        if callable(self.accessor):
            return self.accessor(row)
        value: Any = row
        for part in (self.accessor or self.key).split("."):
            value = getattr(value, part, None)
            if value is None:
                return None
            if callable(value):
                value = value()
        return value


def display(value: Any) -> str:
    """Plain-text form of a cell value (booleans as 是/否 via gettext)."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    if isinstance(value, list | tuple):
        return "、".join(str(v) for v in value) or EMPTY
    return str(value)


@dataclass(frozen=True)
class Cell:
    text: str
    url: str = ""
    numeric: bool = False


def build_rows(rows: Iterable[Any], columns: list[Column], detail_url_name: str) -> list[list[Cell]]:
    labels = {c.key: {v: str(label) for v, label in c.choices.choices} for c in columns if c.choices is not None}
    out = []
    for row in rows:
        url = reverse(detail_url_name, args=[row.pk]) if detail_url_name else ""
        cells = []
        for c in columns:
            value = c.value(row)
            if c.key in labels:
                value = labels[c.key].get(value, value)
            cells.append(Cell(display(value), url if c.link else "", c.numeric))
        out.append(cells)
    return out


def choice_label(choices: type, value: str) -> str:
    """Label of a TextChoices value, or the raw value when unknown ("" stays empty)."""
    if not value:
        return ""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
