"""Writing and verifying the hash-chained audit log.

Services call :func:`record` explicitly with the actor (web, API, CLI and background work alike):
there is no request-bound signal that a code path could bypass.
"""

from __future__ import annotations

import contextvars
import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from . import audit_anchor
from .choices import AuditAction
from .models.audit import GENESIS_HASH, AuditEntry, entry_body, entry_payload

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("egovnet_request_id", default="")
_ADVISORY_LOCK_KEY = 0x6567_6F76  # "egov"
_PLAIN = frozenset({str, int, bool, type(None)})


def json_safe(value: Any) -> Any:
    """Turn a value into plain JSON data that survives a database round trip unchanged."""
    if type(value) in _PLAIN:  # the commonest case, without the isinstance chain
        return value
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [json_safe(v) for v in value]
    if hasattr(value, "name") and hasattr(value, "url"):  # FieldFile
        return value.name or None
    return str(value)


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """The stored field values of ``obj`` (foreign keys by id) as JSON-safe data."""
    if obj is None:
        return None
    data = {}
    for field in obj._meta.concrete_fields:
        data[field.attname] = json_safe(getattr(obj, field.attname))
    return data


def changed_fields(before: dict | None, after: dict | None) -> list[str]:
    before, after = before or {}, after or {}
    ignore = {"last_updated", "version", "name_pinyin"}  # name_pinyin: derived from name
    return sorted(k for k in set(before) | set(after) if k not in ignore and before.get(k) != after.get(k))


@dataclass(frozen=True)
class PendingEntry:
    action: str
    object_type: str
    object_id: str
    object_repr: str
    before: dict | None
    after: dict | None
    reason: str


def _lock_chain() -> tuple[int, str]:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])
    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    return last if last else (0, GENESIS_HASH)


def _actor_fields(actor: Any) -> tuple[int | None, str]:
    if actor is None:
        return None, "system"
    return getattr(actor, "pk", None), getattr(actor, "username", str(actor))


def record_many(*, actor: Any, entries: Iterable[PendingEntry]) -> list[AuditEntry]:
    """Append entries to the chain in one locked step (imports use this for thousands of rows)."""
    actor_id, actor_name = _actor_fields(actor)
    request_id = request_id_var.get()
    with transaction.atomic():
        seq, prev = _lock_chain()
        now = timezone.now()
        rows = []
        for e in entries:
            seq += 1
            row = AuditEntry(
                seq=seq,
                at=now,
                actor_id=actor_id,
                actor_name=actor_name,
                action=e.action,
                object_type=e.object_type,
                object_id=e.object_id,
                object_repr=e.object_repr[:300],
                before=json_safe(e.before),
                after=json_safe(e.after),
                reason=e.reason or "",
                request_id=request_id,
                prev_hash=prev,
            )
            row.hash = row.compute_hash()
            prev = row.hash
            rows.append(row)
        AuditEntry.objects.bulk_create(rows, batch_size=2000)
        if rows:
            audit_anchor.anchor_after_commit(rows[0].seq, rows[-1].seq, rows[-1].hash)
    return rows


def append_many(*, actor: Any, entries: Iterable[PendingEntry]) -> int:
    """``record_many`` for tens of thousands of entries: the same chain, hashes and stored values, written
    without model instances (one INSERT statement prepared once); returns the number appended."""
    actor_id, actor_name = _actor_fields(actor)
    request_id = request_id_var.get()
    fields = {f.attname: f for f in AuditEntry._meta.concrete_fields}
    columns = list(fields)
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(AuditEntry._meta.db_table)} ({', '.join(quote(fields[c].column) for c in columns)})"
        f" VALUES ({', '.join(['%s'] * len(columns))})"
    )
    json_before, json_after = fields["before"], fields["after"]
    with transaction.atomic():
        seq, prev = _lock_chain()
        first = seq + 1
        now = timezone.now()
        at = fields["at"].get_db_prep_save(now, connection)
        rows = []
        for e in entries:
            seq += 1
            data = {
                "seq": seq,
                "actor_id": actor_id,
                "actor_name": actor_name,
                "action": e.action,
                "object_type": e.object_type,
                "object_id": e.object_id,
                "object_repr": e.object_repr[:300],
                "before": json_safe(e.before),
                "after": json_safe(e.after),
                "reason": e.reason or "",
                "request_id": request_id,
                "prev_hash": prev,
            }
            data["hash"] = prev = audit_anchor.keyed_hash(prev, entry_body(entry_payload(data, now)))
            data["at"] = at
            data["before"] = json_before.get_db_prep_save(data["before"], connection)
            data["after"] = json_after.get_db_prep_save(data["after"], connection)
            rows.append([data[c] for c in columns])
        with connection.cursor() as cursor:
            for start in range(0, len(rows), 2000):
                cursor.executemany(sql, rows[start : start + 2000])
        if rows:
            audit_anchor.anchor_after_commit(first, seq, prev)
    return len(rows)


def entry_for(
    obj: models.Model, *, action: str, before: dict | None = None, after: dict | None = None, reason: str = ""
) -> PendingEntry:
    return PendingEntry(
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        object_repr=str(obj),
        before=before,
        after=after,
        reason=reason,
    )


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict | None = None,
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    return record_many(actor=actor, entries=[entry_for(obj, action=action, before=before, after=after, reason=reason)])[
        0
    ]


def record_event(
    *,
    actor: Any,
    action: str = AuditAction.SYSTEM,
    object_type: str,
    object_id: str = "",
    description: str = "",
    after: dict | None = None,
    reason: str = "",
) -> AuditEntry:
    """Audit something that is not one model row (a sweep, an import, a command run)."""
    entry = PendingEntry(
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=description,
        before=None,
        after=after,
        reason=reason,
    )
    return record_many(actor=actor, entries=[entry])[0]


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    problem: str


def verify_chain(entries: Iterator[AuditEntry] | None = None) -> ChainBreak | None:
    """Return the first broken entry, or None when the whole chain is intact.

    The whole log (``entries`` not given) is also checked against the signed checkpoints outside the database:
    a checkpoint's entry must still carry the checkpointed hash, and no checkpoint may point past the last row.
    """
    anchors: dict[int, audit_anchor.Checkpoint] = {}
    legacy = 0
    if entries is None:
        try:
            head, history = audit_anchor.read_head(), audit_anchor.read_history()
        except audit_anchor.AnchorError as exc:
            return ChainBreak(0, str(exc))
        anchors = {cp.seq: cp for cp in [*history, *([head] if head else [])]}
        legacy = head.legacy_until if head else 0
    expected_seq, prev = 1, GENESIS_HASH
    rows = entries if entries is not None else AuditEntry.objects.order_by("seq").iterator(chunk_size=5000)
    for row in rows:
        if row.seq != expected_seq:
            return ChainBreak(expected_seq, f"entry #{expected_seq} is missing (next found is #{row.seq})")
        if row.prev_hash != prev:
            return ChainBreak(row.seq, "previous-hash link does not match (entries deleted or reordered)")
        if row.compute_hash() != row.hash and not (row.seq <= legacy and row.legacy_hash() == row.hash):
            return ChainBreak(
                row.seq, "content does not match its keyed hash (entry edited, or hashes recomputed without the key)"
            )
        anchor = anchors.get(row.seq)
        if anchor is not None and anchor.hash != row.hash:
            return ChainBreak(row.seq, f"hash differs from the signed checkpoint of {anchor.at} (entries rewritten)")
        prev, expected_seq = row.hash, expected_seq + 1
    newest = max(anchors, default=0)
    if newest >= expected_seq:
        return ChainBreak(
            expected_seq,
            f"entries #{expected_seq}–#{newest} are missing: the signed checkpoint of {anchors[newest].at} "
            f"covers #{newest} (tail deleted)",
        )
    return None


def checkpoint_now(*, adopt_legacy: bool = False) -> audit_anchor.Checkpoint | None:
    """Anchor the newest entry now (head and history). ``adopt_legacy`` accepts the unkeyed hashes written
    before anchoring existed, up to the newest entry, once the chain has been verified with them."""
    last = AuditEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    if last is None:
        return None
    return audit_anchor.write_checkpoint(last[0], last[1], history=True, legacy=last[0] if adopt_legacy else None)


def verify_legacy_chain() -> ChainBreak | None:
    """The chain checked with keyed OR unkeyed hashes (before ``checkpoint_now(adopt_legacy=True)``)."""
    expected_seq, prev = 1, GENESIS_HASH
    for row in AuditEntry.objects.order_by("seq").iterator(chunk_size=5000):
        if row.seq != expected_seq or row.prev_hash != prev or row.hash not in {row.compute_hash(), row.legacy_hash()}:
            return ChainBreak(row.seq if row.seq == expected_seq else expected_seq, "chain broken (legacy check)")
        prev, expected_seq = row.hash, expected_seq + 1
    return None
