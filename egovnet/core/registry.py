"""The framework's plug-in points: what the domain apps hand to ``core`` from their ``AppConfig.ready()``.

``core`` imports no domain app (the ``framework`` contract in pyproject.toml); where a framework page or API
needs domain knowledge, the app that owns it registers it here. Each registry is a plain dict or list with
one ``register_*`` function that fills it and one function that reads it; registering twice is harmless.
Navigation entries are the ``nav_items`` of each AppConfig (:mod:`egovnet.core.navigation`).

Registries elsewhere, in the layer that owns them: fact sources (``policy.subjects.register_source``), the
subjects an edit feeds (``policy.refresh.register_dependants``), import/export sheets
(``exchange.importers.register``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models

DashboardPanel = Callable[[Any], Mapping[str, Any]]  # user -> template context of the home page

_DASHBOARD_PANELS: list[DashboardPanel] = []
_SCOPED_MODELS: dict[str, type[models.Model]] = {}
_BRIEF_SERIALIZERS: dict[str, type] = {}
_AUDIT_REDACTORS: dict[str, AuditRedactor] = {}
_LOGIN_HINTS: list[Callable[[], list[str]]] = []


def register_dashboard_panel(panel: DashboardPanel) -> None:
    """A function ``panel(user)`` whose context the home page renders (``core/home.html``)."""
    if panel not in _DASHBOARD_PANELS:
        _DASHBOARD_PANELS.append(panel)


def dashboard_context(user: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for panel in _DASHBOARD_PANELS:
        context.update(panel(user))
    return context


def register_scoped_model(model: type[models.Model]) -> None:
    """A registry model whose rows a reader sees within their scope (``permissions.restrict``): the audit log
    shows a scoped reader the entries about those rows."""
    _SCOPED_MODELS[model._meta.label_lower] = model


def scoped_models() -> list[type[models.Model]]:
    return list(_SCOPED_MODELS.values())


def register_brief_serializer(model_label: str, serializer: type) -> None:
    """The short serializer (id, name …) the framework's API uses to show a reference to a domain object."""
    _BRIEF_SERIALIZERS[model_label.lower()] = serializer


def brief_serializer(model_label: str) -> type:
    return _BRIEF_SERIALIZERS[model_label.lower()]


@dataclass(frozen=True)
class AuditRedactor:
    """How the audit log withholds one model's classified fields from a reader who may not see them.

    ``hidden(user)``: the model's rows hidden from ``user`` as they are now (a queryset, filtered by the
    framework to a page's ids or used in a subquery); ``snapshot_hidden(snapshot, rank)``: whether a recorded
    snapshot is beyond a clearance rank; ``sensitive``: field -> the value shown instead; ``redacted_repr``:
    the object's text when withheld; an ``object_repr`` starting with ``safe_repr_prefix`` never carried the
    withheld name and is shown as it is."""

    hidden: Callable[[Any], models.QuerySet]
    snapshot_hidden: Callable[[dict | None, int], bool]
    sensitive: Mapping[str, Any]
    redacted_repr: str
    safe_repr_prefix: str = ""


def register_audit_redactor(model_label: str, redactor: AuditRedactor) -> None:
    _AUDIT_REDACTORS[model_label.lower()] = redactor


def audit_redactor(object_type: str) -> AuditRedactor | None:
    return _AUDIT_REDACTORS.get(object_type)


def audit_redactors() -> Iterable[tuple[str, AuditRedactor]]:
    return list(_AUDIT_REDACTORS.items())


def register_login_hints(fn: Callable[[], list[str]]) -> None:
    """Lines shown under the login form (the demo logins in demo mode)."""
    if fn not in _LOGIN_HINTS:
        _LOGIN_HINTS.append(fn)


def login_hints() -> list[str]:
    return [line for fn in _LOGIN_HINTS for line in fn()]
