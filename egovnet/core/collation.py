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


# Tone-marked vowels of pypinyin's readings → (plain letter, tone number).
_TONES = {
    **{v: ("a", i + 1) for i, v in enumerate("āáǎà")},
    **{v: ("e", i + 1) for i, v in enumerate("ēéěè")},
    **{v: ("i", i + 1) for i, v in enumerate("īíǐì")},
    **{v: ("o", i + 1) for i, v in enumerate("ōóǒò")},
    **{v: ("u", i + 1) for i, v in enumerate("ūúǔù")},
    **{v: ("v", i + 1) for i, v in enumerate("ǖǘǚǜ")},
    **{v: ("n", i + 2) for i, v in enumerate("ńňǹ")},
    "ḿ": ("m", 2),
    "ü": ("v", 5),
}
_LONGEST_PHRASE = 4


def _tone3(reading: str) -> str:
    """"zhòng" → "zhong4": the tone digit ends the syllable, so keys compare syllable by syllable."""
    tone, letters = 5, []
    for ch in reading:
        plain, mark = _TONES.get(ch, (ch, 0))
        letters.append(plain)
        tone = mark or tone
    return "".join(letters) + str(tone)


@lru_cache(maxsize=1)
def _readings() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """Each character's first reading, and phrases of 2–4 characters whose reading differs from it (重庆 chong)."""
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    chars = {chr(code): _tone3(value.split(",")[0]) for code, value in pinyin_dict.items()}
    phrases = {}
    for phrase, readings in phrases_dict.items():
        if 2 <= len(phrase) <= _LONGEST_PHRASE and len(readings) == len(phrase):
            key = "".join(_tone3(r[0]) for r in readings)
            if key != "".join(chars.get(c, c) for c in phrase):
                phrases[phrase] = key
    return chars, phrases, frozenset(p[0] for p in phrases)


def pinyin_sort_key(text: str | None, max_length: int = 255) -> str:
    """The name's pinyin as a plain ASCII key ("重庆市" → "chong2qing4shi4"), for a stored, indexed sort column.

    Characters are read one by one except phrases whose reading differs (greedy, longest first), which is
    what place names need (重庆, 长沙, 厦门, 六安) at a small fraction of a segmenter's cost. Letters and
    digits of other scripts stay as they are (lowercased); punctuation is dropped, so every database
    collation orders the key as plain ASCII."""
    chars, phrases, phrase_starts = _readings()
    text = text or ""
    out: list[str] = []
    i = 0
    while i < len(text):
        longest = min(_LONGEST_PHRASE, len(text) - i) if text[i] in phrase_starts else 1
        for size in range(longest, 1, -1):
            key = phrases.get(text[i : i + size])
            if key:
                out.append(key)
                i += size
                break
        else:
            ch = text[i]
            reading = chars.get(ch)
            if reading:
                out.append(reading)
            elif ch.isascii() and ch.isalnum():
                out.append(ch.lower())
            i += 1
    return "".join(out)[:max_length]


@lru_cache(maxsize=65536)
def pinyin_key(text: str | None) -> tuple[str, str]:
    text = text or ""
    return pinyin_sort_key(text, max_length=10_000), text


def _compare(a: str | None, b: str | None) -> int:
    ka, kb = pinyin_key(a), pinyin_key(b)
    return (ka > kb) - (ka < kb)


def register_sqlite(sender, connection, **kwargs) -> None:
    """``connection_created`` receiver: give each SQLite connection the ``zh_pinyin`` collation."""
    if connection.vendor == "sqlite":
        connection.connection.create_collation(PINYIN, _compare)
