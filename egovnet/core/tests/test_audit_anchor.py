"""Audit anchoring: tail truncation and re-hashing are detected by keyed hashes and signed checkpoints."""

from __future__ import annotations

import hashlib
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from egovnet.core import audit, audit_anchor
from egovnet.core.models import AuditEntry
from egovnet.core.services import system_actor

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(django_capture_on_commit_callbacks, settings):
    """Five committed audited writes, anchored the way production anchors them (after each commit)."""
    settings.AUDIT_CHECKPOINT_EVERY = 2
    for i in range(5):
        with django_capture_on_commit_callbacks(execute=True):
            audit.record_event(actor=system_actor(), object_type="test.event", description=f"run {i}")
    return list(AuditEntry.objects.order_by("seq"))


def _raw(sql: str, params: list) -> None:
    with connection.cursor() as cur:
        cur.execute(sql, params)


def _verify_fails(match: str) -> str:
    with pytest.raises(CommandError, match=match) as info:
        call_command("audit", "verify")
    return str(info.value)


def test_each_commit_moves_the_signed_head_and_every_n_entries_extend_the_history(chain):
    head = audit_anchor.read_head()
    assert (head.seq, head.hash) == (chain[-1].seq, chain[-1].hash)
    assert [cp.seq for cp in audit_anchor.read_history()] == [2, 4]
    assert audit.verify_chain() is None
    call_command("audit", "verify")


def test_tail_truncation_is_detected(chain):
    _raw("DELETE FROM core_auditentry WHERE seq >= %s", [chain[3].seq])  # the last two entries
    broken = audit.verify_chain()
    assert broken is not None and broken.seq == chain[3].seq and "tail deleted" in broken.problem
    _verify_fails("tail deleted")


def test_rehash_attack_is_detected(chain):
    """Edit entry 2 and recompute every later hash the way an unkeyed chain would be recomputed."""
    prev = chain[0].hash
    for row in chain[1:]:
        if row.seq == chain[1].seq:
            row.reason = "tampered"
        row.prev_hash = prev
        body = row.body()
        row.hash = hashlib.sha256((prev + body).encode("utf-8")).hexdigest()
        _raw(
            "UPDATE core_auditentry SET reason = %s, prev_hash = %s, hash = %s WHERE seq = %s",
            [row.reason, row.prev_hash, row.hash, row.seq],
        )
        prev = row.hash
    broken = audit.verify_chain()
    assert broken is not None and broken.seq == chain[1].seq and "keyed hash" in broken.problem
    _verify_fails(f"#{chain[1].seq}")


def test_rehash_with_a_guessed_key_is_detected_too(chain, settings):
    """Even a chain re-keyed with another key (all rows consistent) fails against the signed checkpoints."""
    settings.AUDIT_HMAC_KEY = "attacker-guess"
    prev = chain[0].prev_hash
    for row in chain:
        row.prev_hash = prev
        row.hash = row.compute_hash()
        _raw("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE seq = %s", [row.prev_hash, row.hash, row.seq])
        prev = row.hash
    broken = audit.verify_chain()
    assert broken is not None and "signature" in broken.problem  # the checkpoints do not verify with this key


def test_a_forged_checkpoint_file_is_refused(chain, settings):
    head_file = audit_anchor.checkpoint_dir() / audit_anchor.HEAD
    data = json.loads(head_file.read_text())
    data["seq"] = chain[2].seq  # pretend the log ended earlier, to hide a truncation
    head_file.write_text(json.dumps(data))
    broken = audit.verify_chain()
    assert broken is not None and "wrong signature" in broken.problem


def test_checkpoint_on_demand_and_after_a_tail_deletion_nothing_is_anchored(chain):
    call_command("audit", "checkpoint")
    assert audit_anchor.read_history()[-1].seq == chain[-1].seq
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [chain[-1].seq])
    with pytest.raises(CommandError, match="tail deleted"):
        call_command("audit", "checkpoint")  # a broken chain is never re-anchored


def test_unkeyed_entries_from_before_anchoring_are_adopted_once(django_capture_on_commit_callbacks):
    for i in range(3):
        audit.record_event(actor=system_actor(), object_type="test.event", description=f"old {i}")
    prev = "0" * 64
    for row in AuditEntry.objects.order_by("seq"):  # the hashes an older release wrote
        row.prev_hash = prev
        row.hash = row.legacy_hash()
        _raw("UPDATE core_auditentry SET prev_hash = %s, hash = %s WHERE seq = %s", [row.prev_hash, row.hash, row.seq])
        prev = row.hash
    assert "keyed hash" in audit.verify_chain().problem
    call_command("audit", "checkpoint", "--adopt-legacy")
    with django_capture_on_commit_callbacks(execute=True):
        audit.record_event(actor=system_actor(), object_type="test.event", description="new")
    assert audit.verify_chain() is None
    assert audit_anchor.read_head().legacy_until == 3
