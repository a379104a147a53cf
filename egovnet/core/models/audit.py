"""The append-only, hash-chained audit log.

Each entry's hash covers its own content and the previous entry's hash, so editing, deleting or
reordering any row breaks the chain at that row (``egovnet audit verify``); the hash is keyed and the chain
anchored by signed checkpoints outside the database (``core/audit_anchor.py``).
"""

from __future__ import annotations

import json
from datetime import UTC
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AuditAction

GENESIS_HASH = "0" * 64


PAYLOAD_FIELDS = (
    "seq",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "before",
    "after",
    "reason",
    "request_id",
)


def entry_payload(fields: dict[str, Any], at: Any) -> dict[str, Any]:
    """What an entry's hash covers, from its field values by attribute name (``actor_id`` …): shared by the
    model and by writers that append without model instances, so both hash alike."""
    return {
        "seq": fields["seq"],
        "at": at.astimezone(UTC).isoformat(timespec="microseconds") if at else None,
        "actor": fields["actor_id"],
        "actor_name": fields["actor_name"],
        "action": fields["action"],
        "object_type": fields["object_type"],
        "object_id": fields["object_id"],
        "object_repr": fields["object_repr"],
        "before": fields["before"],
        "after": fields["after"],
        "reason": fields["reason"],
        "request_id": fields["request_id"],
    }


def entry_body(payload: dict[str, Any]) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only: entries cannot be updated.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only: entries cannot be deleted.")


class AuditEntry(models.Model):
    seq = models.BigIntegerField(primary_key=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor = models.ForeignKey(
        "core.User", null=True, blank=True, on_delete=models.DO_NOTHING, db_constraint=False, related_name="+"
    )
    actor_name = models.CharField(_("actor"), max_length=150)
    action = models.CharField(_("action"), max_length=20, choices=AuditAction.choices)
    object_type = models.CharField(_("object type"), max_length=100)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-seq"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("The audit log is append-only: entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only: entries cannot be deleted.")

    def payload(self) -> dict[str, Any]:
        return entry_payload({name: getattr(self, name) for name in PAYLOAD_FIELDS}, self.at)

    def body(self) -> str:
        return entry_body(self.payload())

    def compute_hash(self) -> str:
        """HMAC-SHA256 with the chain key from the environment (never in the database): see core/audit_anchor.py."""
        from ..audit_anchor import keyed_hash

        return keyed_hash(self.prev_hash, self.body())

    def legacy_hash(self) -> str:
        from ..audit_anchor import plain_hash

        return plain_hash(self.prev_hash, self.body())
