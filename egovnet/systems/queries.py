"""Reads of application systems: the systems in a reader's scope, annotated by the one redaction path
(``systems.redaction``, ADR 0010) with what the reader may see of them.

``display_name`` / ``display_grade`` / ``display_ref`` are the name, grade and classification reference the
reader may see ("" when hidden). Search, filters and sorting run on these annotations, so a hidden name can
never be found, matched or inferred from sort order; counts by grade only count grades the reader may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from egovnet.core import permissions

from . import redaction
from .models import ApplicationSystem
from .redaction import REDACTED_NAME, REDACTED_NAME_EN, may_see, shown_name

__all__ = [
    "REDACTED_NAME",
    "REDACTED_NAME_EN",
    "annotate_visibility",
    "may_see",
    "shown_name",
    "visible_condition",
    "visible_systems",
]


def visible_condition(user: Any) -> Q:
    """Systems whose name, grade and reference ``user`` may see (clearance and scope)."""
    return redaction.shown_q(user)


def annotate_visibility(queryset: QuerySet, user: Any) -> QuerySet:
    return redaction.annotate(queryset, user)


def visible_systems(user: Any, action: str = "view") -> QuerySet:
    """Systems in the user's scope, annotated with what the user may see of them."""
    qs = permissions.restrict(ApplicationSystem.objects.all(), user, action)
    return annotate_visibility(qs, user)
