"""Template filters of the one redaction path (``systems.redaction``): templates render a system's name,
grade and classification reference through these and never test ``name_visible`` themselves."""

from __future__ import annotations

from typing import Any

from django import template

from egovnet.systems import redaction

register = template.Library()


@register.filter
def shown_name(system: Any) -> str:
    return redaction.name(system)


@register.filter
def shown_grade(system: Any) -> str:
    return redaction.grade(system)


@register.filter
def shown_ref(system: Any) -> str:
    return redaction.ref(system)
