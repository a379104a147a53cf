"""Shared service helpers: the system actor and audited create / update / delete.

App services (``organisation_create`` …) authorize, validate their domain rules and then call these,
so every write is validated, version-checked and audited the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib.auth import get_user_model
from django.db import models, transaction

from . import audit
from .choices import AuditAction
from .errors import ConcurrentEditError

M = TypeVar("M", bound=models.Model)
SYSTEM_USERNAME = "system"


def system_actor() -> Any:
    """The actor of CLI commands and background work when no person is named."""
    user_model = get_user_model()
    user, _ = user_model.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"display_name": "系统 System", "is_active": False}
    )
    return user


def create_object(
    *,
    actor: Any,
    model: type[M],
    data: dict[str, Any],
    reason: str = "",
    before_save: Callable[[M], None] | None = None,
) -> M:
    obj = model(**data)
    obj.full_clean()
    with transaction.atomic():
        if before_save:
            before_save(obj)
        obj.save(force_insert=True)
        audit.record(actor=actor, action=AuditAction.CREATE, obj=obj, after=audit.snapshot(obj), reason=reason)
    return obj


def lock_for_update(obj: M, expected_version: int | None) -> M:
    """Re-read ``obj`` under a row lock; refuse if someone saved a newer version meanwhile."""
    locked = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
    current = getattr(locked, "version", None)
    if expected_version is not None and current is not None and current != expected_version:
        raise ConcurrentEditError(obj=locked, expected=expected_version, current=current)
    return locked


def update_object(
    *,
    actor: Any,
    obj: M,
    changes: dict[str, Any],
    expected_version: int | None,
    reason: str = "",
    after_apply: Callable[[M, dict], None] | None = None,
) -> M:
    with transaction.atomic():
        locked = lock_for_update(obj, expected_version)
        before = audit.snapshot(locked)
        for name, value in changes.items():
            setattr(locked, name, value)
        locked.full_clean()
        if after_apply:
            after_apply(locked, before)
        if hasattr(locked, "version"):
            locked.version += 1
        locked.save()
        after = audit.snapshot(locked)
        if audit.changed_fields(before, after):
            audit.record(actor=actor, action=AuditAction.UPDATE, obj=locked, before=before, after=after, reason=reason)
    return locked


def delete_object(*, actor: Any, obj: models.Model, expected_version: int | None = None, reason: str = "") -> None:
    with transaction.atomic():
        locked = lock_for_update(obj, expected_version)
        before = audit.snapshot(locked)
        audit.record(actor=actor, action=AuditAction.DELETE, obj=locked, before=before, reason=reason)
        locked.delete()
