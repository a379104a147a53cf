"""Cell parsing: one function per column kind, raising ``CellError`` with a bilingual reason."""

from __future__ import annotations

import datetime as dt
import decimal
from typing import Any

from .spec import BOOL, CHOICE, DATE, DECIMAL, DIVISION, FALSE_WORDS, INT, MULTI, REF, TEXT, TRUE_WORDS, Column


class CellError(ValueError):
    pass


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def parse_int(value: Any) -> int:
    if isinstance(value, bool):
        raise CellError("应为整数 / expected a whole number")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    try:
        return int(text(value).replace(",", ""))
    except ValueError:
        raise CellError(f"“{text(value)}”不是整数 / {text(value)!r} is not a whole number") from None


def parse_decimal(value: Any) -> decimal.Decimal:
    try:
        number = decimal.Decimal(text(value).replace(",", ""))
    except decimal.InvalidOperation:
        raise CellError(f"“{text(value)}”不是数字 / {text(value)!r} is not a number") from None
    if not number.is_finite():
        raise CellError("应为有限数字 / expected a finite number")
    return number.quantize(decimal.Decimal("0.01"))


def parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    word = text(value).lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CellError(f"“{text(value)}”应填“是”或“否” / {text(value)!r}: use 是 (yes) or 否 (no)")


def parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    raw = text(value).replace("/", "-").replace(".", "-")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CellError(
            f"“{text(value)}”不是日期（格式 2024-05-31） / {text(value)!r}: use a date like 2024-05-31"
        ) from None


def parse_choice(column: Column, table: dict[str, str], value: Any) -> str:
    key = text(value).lower()
    if key in table:
        return table[key]
    options = "、".join((column.choices or {}).values())
    raise CellError(f"“{text(value)}”不是可选值（可选：{options}） / {text(value)!r} is not one of the listed values")


def parse_multi(column: Column, table: dict[str, str], value: Any) -> list[str]:
    raw = text(value)
    for sep in ("，", ",", "；", ";", "/", " "):
        raw = raw.replace(sep, "、")
    chosen = {parse_choice(column, table, part) for part in raw.split("、") if part.strip()}
    order = list(column.choices or {})
    return sorted(chosen, key=order.index)


def parse_cell(column: Column, table: dict[str, str], value: Any) -> Any:
    """The Python value of a cell (references stay raw text; the engine resolves them in bulk)."""
    if blank(value):
        if column.required:
            raise CellError("必填项为空 / required value is missing")
        return empty_value(column)
    kind = column.kind
    if kind == TEXT:
        result = text(value)
        if column.max_length and len(result) > column.max_length:
            raise CellError(f"超过 {column.max_length} 个字符 / longer than {column.max_length} characters")
        return result
    if kind == INT:
        return parse_int(value)
    if kind == DECIMAL:
        return parse_decimal(value)
    if kind == BOOL:
        return parse_bool(value)
    if kind == DATE:
        return parse_date(value)
    if kind == CHOICE:
        return parse_choice(column, table, value)
    if kind == MULTI:
        return parse_multi(column, table, value)
    if kind in (DIVISION, REF):
        return text(value)
    raise CellError(f"unknown column kind {kind}")


def empty_value(column: Column) -> Any:
    if column.kind == BOOL:
        return False
    if column.kind == MULTI:
        return []
    if column.kind in (TEXT, CHOICE):
        return ""
    return None
