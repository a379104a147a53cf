"""Chinese names sorted by pinyin, on both databases (ADR 0210).

PostgreSQL: an ICU collation ``zh_pinyin`` (``zh-u-co-pinyin``) created by migration ``core.0003``. SQLite: a
collation of the same name registered on every new connection, comparing pypinyin keys (tone-numbered
syllables, then the characters, so the order is total and stable). ``pinyin("name")`` is the order_by expression."""

from __future__ import annotations

from functools import lru_cache

from django.db.models import F
from django.db.models.functions import Collate

PINYIN = "zh_pinyin"
ICU_LOCALE = "zh-u-co-pinyin"


def pinyin(field: str) -> Collate:
    return Collate(F(field), PINYIN)


@lru_cache(maxsize=65536)
def pinyin_key(text: str | None) -> tuple:
    from pypinyin import Style, lazy_pinyin

    text = text or ""
    return tuple(lazy_pinyin(text, style=Style.TONE3, errors=lambda s: list(s.lower()))), text


def _compare(a: str | None, b: str | None) -> int:
    ka, kb = pinyin_key(a), pinyin_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give each SQLite connection the ``zh_pinyin`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(PINYIN, _compare)
