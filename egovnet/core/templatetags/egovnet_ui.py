"""Template helpers of the UI shell: navigation by role, role labels, redaction-safe values."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.choices import Role
from egovnet.core.navigation import nav_items
from egovnet.core.registry import login_hints
from egovnet.core.tables import display

register = template.Library()

GROUP_ORDER = ["overview", "registries", "network", "projects", "policy", "reports", "admin"]
GROUP_LABELS = {
    "overview": _("Overview"),
    "registries": _("Registries"),
    "network": _("Network"),
    "projects": _("Projects"),
    "policy": _("Policy"),
    "reports": _("Reports"),
    "admin": _("Administration"),
}


def _visible(item: Any, user: Any, roles: set[str]) -> bool:
    return not item.roles or user.is_superuser or bool(roles & set(item.roles))


@register.simple_tag(takes_context=True)
def navigation(context: dict) -> list[dict[str, Any]]:
    """Groups of links for the side navigation, filtered by the user's roles."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return []
    roles = permissions.user_roles(user)
    path = request.path
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in nav_items():
        if not _visible(item, user, roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        active = path == url if url == "/" else path.startswith(url)
        badge = _badge(context, item.badge)
        groups.setdefault(item.group, []).append({"label": item.label, "url": url, "active": active, "badge": badge})
    order = {g: i for i, g in enumerate(GROUP_ORDER)}
    return [
        {"label": GROUP_LABELS.get(g, g), "items": groups[g]}
        for g in sorted(groups, key=lambda g: (order.get(g, 99), g))
    ]


def _badge(context: dict, key: str) -> int:
    """A count next to a navigation label, read from the ``inbox_counts`` context value (computed lazily)."""
    if not key:
        return 0
    counts = context.get("inbox_counts")
    try:
        return int(counts[key]) if counts is not None else 0
    except (KeyError, TypeError):
        return 0


@register.filter
def role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value


@register.filter
def show(value: Any) -> str:
    """A value as text: "—" when empty, 是/否 for booleans."""
    return display(value)


@register.simple_tag
def demo_login_lines() -> list[str]:
    """The lines an app registered for the login page (the demo logins, in demo mode only)."""
    return login_hints()
