"""API tokens (DRF ``TokenAuthentication``): issued, rotated and revoked here only, each audited.

A token is a bearer secret for scripts and other systems calling ``/api/``. The platform keeps one per user;
issuing again rotates it (the old one stops working at once). The audit entry never contains the token.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from rest_framework.authtoken.models import Token

from egovnet.core import audit
from egovnet.core.choices import AuditAction, Role
from egovnet.core.permissions import has_national_role

OBJECT_TYPE = "core.api_token"


def _may_manage(actor: Any, user: Any, operator: bool) -> bool:
    """A user manages their own token; a national administrator anyone's (e.g. a service account's). An
    operator's command on the server (``egovnet api-token``, ``operator=True``; never reachable from the UI or
    the API) may manage any token: whoever runs it already holds the database."""
    if operator:
        return True
    return actor.is_active and (actor.pk == user.pk or has_national_role(actor, Role.ADMIN))


def issue_token(*, actor: Any, user: Any, reason: str = "", operator: bool = False) -> str:
    """Issue (or rotate) ``user``'s API token; returns the new key, which is shown once."""
    if not user.is_active or not _may_manage(actor, user, operator):
        raise PermissionDenied("无权为该用户签发接口令牌。 / You may not issue an API token for this user.")
    with transaction.atomic():
        rotated = Token.objects.filter(user=user).delete()[0] > 0
        token = Token.objects.create(user=user)
        audit.record_event(
            actor=actor,
            action=AuditAction.UPDATE if rotated else AuditAction.CREATE,
            object_type=OBJECT_TYPE,
            object_id=str(user.pk),
            description=f"{'轮换' if rotated else '签发'}接口令牌 / API token {'rotated' if rotated else 'issued'}: "
            f"{user.get_username()}",
            after={"user": user.get_username(), "rotated": rotated},
            reason=reason,
        )
    return token.key


def revoke_token(*, actor: Any, user: Any, reason: str = "", operator: bool = False) -> bool:
    """Revoke ``user``'s API token; False when there was none."""
    if not _may_manage(actor, user, operator):
        raise PermissionDenied("无权吊销该用户的接口令牌。 / You may not revoke this user's API token.")
    with transaction.atomic():
        deleted = Token.objects.filter(user=user).delete()[0] > 0
        if deleted:
            audit.record_event(
                actor=actor,
                action=AuditAction.DELETE,
                object_type=OBJECT_TYPE,
                object_id=str(user.pk),
                description=f"吊销接口令牌 / API token revoked: {user.get_username()}",
                after={"user": user.get_username()},
                reason=reason,
            )
    return deleted
