"""Visibility of classified systems: one annotation used by lists, details, search, API and exports.

``display_name`` / ``display_grade`` are the name and grade the reader may see ("" when hidden).
Search, filters and sorting run on these annotations, so a hidden name can never be found, matched
or inferred from sort order; counts by grade only count grades the reader may see.
"""

from __future__ import annotations

from typing import Any

from django.db.models import BooleanField, Case, CharField, ExpressionWrapper, F, Q, QuerySet, Value, When

from egovnet.core import permissions

from .choices import GRADE_RANK
from .models import ApplicationSystem

REDACTED_NAME = "【涉密系统，名称不予显示】"
REDACTED_NAME_EN = "[classified system — name withheld]"


def visible_condition(user: Any) -> Q:
    rank = permissions.clearance_rank(user)
    grades = [g.value for g, r in GRADE_RANK.items() if r <= rank]
    return Q(is_classified=False) | Q(secrecy_grade__in=grades)


def annotate_visibility(queryset: QuerySet, user: Any) -> QuerySet:
    cond = visible_condition(user)
    return queryset.annotate(
        name_visible=ExpressionWrapper(cond, output_field=BooleanField()),
        display_name=Case(When(cond, then=F("name")), default=Value(""), output_field=CharField()),
        display_grade=Case(When(cond, then=F("secrecy_grade")), default=Value(""), output_field=CharField()),
    )


def visible_systems(user: Any, action: str = "view") -> QuerySet:
    """Systems in the user's scope, annotated with what the user may see of them."""
    qs = permissions.restrict(ApplicationSystem.objects.all(), user, action)
    return annotate_visibility(qs, user)


def may_see(user: Any, system: ApplicationSystem) -> bool:
    if not system.is_classified:
        return True
    return GRADE_RANK.get(system.secrecy_grade, 99) <= permissions.clearance_rank(user)


def shown_name(user: Any, system: ApplicationSystem) -> str:
    return system.name if may_see(user, system) else REDACTED_NAME
