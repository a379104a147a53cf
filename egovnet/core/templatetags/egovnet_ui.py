"""Template helpers of the UI shell: navigation by role, role labels, redaction-safe values."""

from __future__ import annotations

import re
from typing import Any

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
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
        badge = _badge(context, item.badge)
        groups.setdefault(item.group, []).append({"label": item.label, "url": url, "active": False, "badge": badge})
    _mark_active(groups, path)
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


def _mark_active(groups: dict[str, list[dict[str, Any]]], path: str) -> None:
    """Highlight one item: the one whose URL is the longest prefix of the path (``/tasks/notifications/``
    marks "Notifications", not also "My tasks")."""
    items = [i for g in groups.values() for i in g]
    matching = [i for i in items if (path == i["url"] if i["url"] == "/" else path.startswith(i["url"]))]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["active"] = True


@register.filter
def role_label(value: str) -> str:
    try:
        return str(Role(value).label)
    except ValueError:
        return value


def _suffix() -> str:
    return "en" if (get_language() or "").startswith("en") else "zh"


@register.filter
def loc(value: Any, field: str = "") -> str:
    """The active language's text of a bilingual value, never both.

    ``{{ f|loc:"message" }}`` reads ``f.message_zh`` / ``f.message_en`` (stored rows and dicts) or
    ``f.message.zh`` / ``.en`` (engine ``Text``); ``{{ text|loc }}`` reads ``text.zh`` / ``.en``. The other
    language is the fallback when the active one is empty."""
    suffix = _suffix()
    other = "zh" if suffix == "en" else "en"
    if field:
        for key in (f"{field}_{suffix}", f"{field}_{other}"):
            text = _get(value, key)
            if text:
                return str(text)
        value = _get(value, field)
    for key in (suffix, other):
        text = _get(value, key)
        if text:
            return str(text)
    return "" if value is None or isinstance(value, dict) else str(value)


_C = "\u3400-\u9fff"
_PAIRS = [
    # "中文…。 / English…" (the English half may quote Chinese document names)
    re.compile(rf"^(?P<zh>.*?[{_C}）)\]」”。！；])\s+/\s+(?P<en>[A-Z(\[].*)$", re.S),
    # "中文句子。English sentence."
    re.compile(rf"^(?P<zh>[^A-Za-z]*[{_C}][^A-Za-z]*[。；！）)])\s*(?P<en>[A-Z][^{_C}]*)$", re.S),
    # "中文标题 English title"
    re.compile(rf"^(?P<zh>[^A-Za-z]*[{_C}][^A-Za-z]*?)\s+(?P<en>[A-Z][^{_C}]*)$", re.S),
]


def one_language(text: Any) -> str:
    """The active language's half of a bilingual "中文 / English" text (services write refusals and titles in
    both, for the API, the CLI and bilingual documents; a page shows one). Other text comes back unchanged."""
    text = "" if text is None else str(text)
    for pattern in _PAIRS:
        match = pattern.match(text)
        if match is not None:
            return match.group("en").strip() if _suffix() == "en" else match.group("zh").strip()
    return text


@register.filter(name="one_language")
def one_language_filter(value: Any) -> str:
    return one_language(value)


def _get(value: Any, key: str) -> Any:
    if isinstance(value, dict):
        return value.get(key)
    return getattr(value, key, None)


@register.filter
def show(value: Any) -> str:
    """A value as text: "—" when empty, 是/否 for booleans."""
    return display(value)


@register.simple_tag
def demo_login_lines() -> list[str]:
    """The lines an app registered for the login page (the demo logins, in demo mode only)."""
    return login_hints()
