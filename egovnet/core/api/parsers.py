"""Request body parsers of the API: a JSON body is one object, nested at most ``MAX_DEPTH`` levels.

The standard JSON parser recurses once per level, so ``[[[[…`` five thousand deep ended in a
``RecursionError`` (a 500) on any endpoint, the anonymous token endpoint included. Installed once in
``REST_FRAMEWORK["DEFAULT_PARSER_CLASSES"]``; views that list their own parsers use this one too.
No endpoint takes anything but an object, so an array, a string or a number at the top is refused here
instead of failing deeper in a view.
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import ParseError, ValidationError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32

TOO_DEEP = (
    "JSON 嵌套层数超过 {limit} 层，请求被拒绝。 / The JSON body is nested deeper than {limit} levels and was refused."
)
NOT_AN_OBJECT = "请求体应为一个 JSON 对象（{…}）。 / The request body must be a JSON object ({…})."


def nesting_depth(value: Any, limit: int = MAX_DEPTH) -> int:
    """Depth of nested lists and dicts (a scalar is 0), counted without recursion; stops past ``limit``."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


def checked_body(data: Any, limit: int = MAX_DEPTH) -> dict:
    """The parsed body if it is an object nested at most ``limit`` levels; otherwise a 400.

    Not an object: ``non_field_errors`` (as a serializer answers); too deep: ``detail`` (a parse error).
    """
    if not isinstance(data, dict):
        raise ValidationError({"non_field_errors": [NOT_AN_OBJECT]})
    if nesting_depth(data, limit) > limit:
        raise ParseError(TOO_DEEP.format(limit=limit))
    return data


class BoundedJSONParser(JSONParser):
    """JSON with a depth limit: a body too deep to parse, or deeper than ``MAX_DEPTH``, answers 400."""

    def parse(self, stream, media_type=None, parser_context=None) -> dict:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError(TOO_DEEP.format(limit=MAX_DEPTH)) from exc
        return checked_body(data)
