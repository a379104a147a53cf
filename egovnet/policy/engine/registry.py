"""Registry of policy packs and selection of the packs in force at a date."""

from __future__ import annotations

import datetime as dt
import importlib

from egovnet.policy.engine.model import Pack, Text, cite

_PACKS: dict[str, Pack] = {}

# Modules that define the shipped packs; importing one registers its pack.
SHIPPED_PACK_MODULES = (
    "egovnet.policy.packs.ndrc_2012_1986",
    "egovnet.policy.packs.gov_2019_57",
)


def register_pack(pack: Pack) -> Pack:
    _PACKS[pack.id] = pack
    return pack


def unregister_pack(pack_id: str) -> None:
    _PACKS.pop(pack_id, None)


def load_shipped_packs() -> None:
    for module in SHIPPED_PACK_MODULES:
        importlib.import_module(module)


def all_packs() -> list[Pack]:
    load_shipped_packs()
    return sorted(_PACKS.values(), key=lambda p: (p.effective_from, p.id))


def get_pack(pack_id: str) -> Pack:
    load_shipped_packs()
    try:
        return _PACKS[pack_id]
    except KeyError:
        raise KeyError(f"unknown policy pack {pack_id!r}; known: {', '.join(sorted(_PACKS))}") from None


def packs_in_force(on: dt.date) -> list[Pack]:
    """The packs that apply to an act done on ``on`` (the date of the act judged, not today)."""
    return [p for p in all_packs() if p.in_force(on)]


def citation_of(pack_id: str, rule_id: str, article: int, paragraph: int | None = None) -> Text:
    """The full clause of a stored finding (《文号》第N条): the document its rule cites, else its pack's."""
    load_shipped_packs()
    pack = _PACKS.get(pack_id)
    rule = pack.rules.get(rule_id) if pack else None
    document = rule.document if rule else (pack.document.ref if pack and pack.document else "")
    return cite(document, article, paragraph)
