"""What needs the signed-in user's attention, for the home page (ADR 0211).

Each app contributes cards through ``AppConfig.home_attention(user)`` (as with ``nav_items``: no shared file to
edit, core imports no domain app). A card is a count with a link to the list behind it; each app keeps its cards
to a few COUNT queries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps


@dataclass(frozen=True)
class Attention:
    label: str
    value: Any
    url: str
    tone: str = ""  # "" | "warn" | "ok"
    order: int = 100


def attention(user: Any) -> list[Attention]:
    cards: list[Attention] = []
    for config in apps.get_app_configs():
        contribute = getattr(config, "home_attention", None)
        if contribute is not None:
            cards.extend(contribute(user))
    return sorted(cards, key=lambda c: (c.order, str(c.label)))
