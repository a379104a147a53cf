"""Navigation contributed by each app: an AppConfig may define ``nav_items``.

The menu is built from every installed app's ``nav_items`` (no shared file to edit), filtered by
the roles that may see each item.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps


@dataclass(frozen=True)
class NavItem:
    label: str  # a translatable label (gettext_lazy), English msgid, 简体中文 in locale/
    url_name: str  # e.g. "orgs:organisation_list"
    group: str = "registries"  # registries | projects | network | policy | reports | admin
    order: int = 100
    roles: frozenset[str] = field(default_factory=frozenset)  # empty: every signed-in user
    badge: str = ""  # a key of the ``inbox_counts`` context value shown next to the label (e.g. "total")


def nav_items() -> list[NavItem]:
    items: list[NavItem] = []
    for config in apps.get_app_configs():
        items.extend(getattr(config, "nav_items", ()))
    return sorted(items, key=lambda i: (i.group, i.order, str(i.label)))
