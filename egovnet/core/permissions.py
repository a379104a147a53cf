"""Authorization in one place: role grants (roles.yaml) × assignment scope × clearance.

``restrict(queryset, user, action)`` is the only row-level filter: the UI base views, the API base
viewset and the exports all call it. It compiles the user's assignments into one ``Q`` over the
organisation path and the division code prefix, never into a list of ids.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q

from .choices import Clearance, Role

if TYPE_CHECKING:
    from .models import RoleAssignment

ALL = "*"
CENTRAL_LEVEL = "central"


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML silently keeps the last of two equal keys; in a grants file that loses grants."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        keys = [self.construct_object(k, deep=deep) for k, _ in node.value]
        duplicates = sorted({k for k in keys if keys.count(k) > 1})
        if duplicates:
            raise ValueError(
                f"roles.yaml: duplicate key(s) {', '.join(map(str, duplicates))} (line {node.start_mark.line + 1})"
            )
        return super().construct_mapping(node, deep=deep)


@cache
def role_grants() -> dict[str, dict[str, frozenset[str]]]:
    raw = yaml.load((Path(__file__).with_name("roles.yaml")).read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506
    return {role: {label: frozenset(actions) for label, actions in grants.items()} for role, grants in raw.items()}


def validate_grants() -> None:
    """Fail start-up if roles.yaml names an unknown role or model."""
    known_models = {m._meta.label_lower for m in apps.get_models()}
    for role, grants in role_grants().items():
        if role not in Role.values:
            raise ValueError(f"roles.yaml: unknown role {role!r}")
        for label in grants:
            if label != ALL and label not in known_models:
                raise ValueError(f"roles.yaml: role {role!r} names unknown model {label!r}")


def role_allows(role: str, action: str, model: type[models.Model]) -> bool:
    grants = role_grants().get(role, {})
    label = model._meta.label_lower
    return action in grants.get(label, frozenset()) or action in grants.get(ALL, frozenset())


def assignments(user: Any) -> list[RoleAssignment]:
    """The user's role assignments, loaded once per user object (one query)."""
    cached = getattr(user, "_egovnet_assignments", None)
    if cached is None:
        cached = list(user.role_assignments.select_related("org_scope", "division_scope"))
        user._egovnet_assignments = cached
    return cached


_PREFIX_LENGTH = {"province": 2, "prefecture": 4}


def division_prefix(division: Any) -> str:
    """GB/T 2260 code prefix shared by a division and everything under it (e.g. "41", "4101")."""
    return division.code[: _PREFIX_LENGTH.get(division.level, 6)]


def _next_code(prefix: str) -> str | None:
    """The digit string of the same length right after ``prefix`` ("4109" -> "4110"); None after all nines."""
    if not prefix.isdigit() or set(prefix) == {"9"}:
        return None
    return str(int(prefix) + 1).zfill(len(prefix))


def division_code_q(prefix: str, lookup: str) -> Q:
    """Codes starting with ``prefix`` as a range of digit strings (``>= "44" AND < "45"``), which both databases
    answer from the division index; ``LIKE '44%'`` cannot use it (SQLite's LIKE ignores case, PostgreSQL's needs
    a C collation) and made every scoped query of a provincial user scan all organisations."""
    upper = _next_code(prefix)
    if len(prefix) == 6:
        return Q(**{lookup: prefix})
    if upper is None:
        return Q(**{f"{lookup}__startswith": prefix})
    return Q(**{f"{lookup}__gte": prefix, f"{lookup}__lt": upper})


def _assignment_q(assignment: RoleAssignment, org_prefix: str) -> Q:
    q = Q()
    if assignment.org_scope_id:
        q &= Q(**{f"{org_prefix}path__startswith": assignment.org_scope.path})
    if assignment.division_scope_id:
        # A lookup on the FK column itself ("division_id__startswith") is refused by Django: go through the
        # target key, which Django resolves to the same column without a join.
        q &= division_code_q(division_prefix(assignment.division_scope), f"{org_prefix}division__code")
        q &= ~Q(**{f"{org_prefix}level": CENTRAL_LEVEL})
    return q


def scope_q(user: Any, model: type[models.Model], action: str = "view", prefix: str = "") -> Q:
    """The condition ``restrict`` filters on, as a ``Q`` over ``model`` rows (re-rooted at ``prefix``, e.g.
    ``"system__"``), so that a visibility decision can be annotated instead of filtered. Fails closed."""
    none = Q(pk__in=[])
    if user is None or not user.is_authenticated or not user.is_active:
        return none
    if user.is_superuser:
        return Q()
    spec = getattr(model, "SCOPE", None)
    if spec is None:  # reference data: readable by every signed-in user, writable by admins only
        if action == "view" or any(role_allows(a.role, action, model) for a in assignments(user)):
            return Q()
        return none
    combined: Q | None = None
    for assignment in assignments(user):
        if not role_allows(assignment.role, action, model):
            continue
        q = _assignment_q(assignment, "" if spec.org else prefix)
        if not q:  # a national assignment: everything
            return Q()
        combined = q if combined is None else combined | q
    if combined is None:
        return none
    if not spec.org:
        return combined
    # Rows owned by an organisation: "owner IN (scoped organisation ids)" as a subquery, so the
    # database walks the owner index from the (small) set of scoped organisations instead of joining
    # every row to its owner and testing the path (measured at 200k systems: 1.4 s → 0.14 s on SQLite).
    organisation = apps.get_model("orgs", "Organisation")
    return Q(**{f"{prefix}{spec.org}in": organisation._default_manager.filter(combined).values("pk")})


def restrict(queryset: models.QuerySet, user: Any, action: str = "view") -> models.QuerySet:
    """Rows of ``queryset`` the user may ``action``. Fails closed: no grant, no rows."""
    q = scope_q(user, queryset.model, action)
    if q == Q(pk__in=[]):
        return queryset.none()
    return queryset.filter(q) if q else queryset


def covers_org(assignment: RoleAssignment, org: Any) -> bool:
    """Whether an organisation (possibly not yet saved) lies in the assignment's scope."""
    if assignment.org_scope_id and not (org.path or "").startswith(assignment.org_scope.path):
        return False
    if assignment.division_scope_id:
        if org.level == CENTRAL_LEVEL:
            return False
        if not (org.division_id or "").startswith(division_prefix(assignment.division_scope)):
            return False
    return True


def can_for_org(user: Any, action: str, model: type[models.Model], org: Any) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return any(role_allows(a.role, action, model) and covers_org(a, org) for a in assignments(user))


def has_any_grant(user: Any, action: str, model: type[models.Model]) -> bool:
    if user is None or not user.is_authenticated:
        return False
    return user.is_superuser or any(role_allows(a.role, action, model) for a in assignments(user))


def authorize_for_org(user: Any, action: str, model: type[models.Model], org: Any) -> None:
    """Raise PermissionDenied unless ``user`` may ``action`` a ``model`` row owned by ``org``."""
    if not can_for_org(user, action, model, org):
        raise PermissionDenied(
            f"无权对“{org}”名下的{model._meta.verbose_name}执行“{action}”操作（不在您的角色或管辖范围内）。"
            f" / You may not {action} a {model._meta.verbose_name} of {org}: outside your roles or scope."
        )


def user_roles(user: Any) -> set[str]:
    return {a.role for a in assignments(user)}


def clearance_rank(user: Any) -> int:
    if user is None or not user.is_authenticated:
        return Clearance.NONE
    return int(user.clearance)


def has_national_role(user: Any, *roles: str) -> bool:
    """Superusers, or a role assignment of one of ``roles`` with national scope (as the UI requires)."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return any(a.role in roles and not a.org_scope_id and not a.division_scope_id for a in assignments(user))
