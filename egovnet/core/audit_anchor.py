"""Anchors that keep the audit chain honest against someone who can write to the database.

A plain hash chain proves only that the rows agree with each other: whoever can write to the database can
delete the tail, or edit a row and recompute every later hash. Two anchors live outside the database
(docs/decisions/0024):

- every entry's hash is an HMAC keyed with ``settings.AUDIT_HMAC_KEY`` (from the environment, never stored in
  the database), so hashes cannot be recomputed without the key;
- signed checkpoints (sequence number and hash of the newest entry, HMAC-signed with the same key) are written
  to ``settings.AUDIT_CHECKPOINT_DIR`` after each committed audited write (``head.json``, replaced atomically)
  and every ``AUDIT_CHECKPOINT_EVERY`` entries or on demand (``history.jsonl``, appended). ``audit verify``
  checks the chain against them: a deleted tail leaves a checkpoint pointing past the last row.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

log = logging.getLogger(__name__)
HEAD, HISTORY, LOCK = "head.json", "history.jsonl", ".lock"


class AnchorError(ValueError):
    """A checkpoint file that is unreadable or whose signature does not match (the file was tampered with)."""


def chain_key() -> bytes:
    key = settings.AUDIT_HMAC_KEY
    return key.encode("utf-8") if isinstance(key, str) else key


def keyed_hash(prev_hash: str, body: str) -> str:
    return hmac.new(chain_key(), (prev_hash + body).encode("utf-8"), hashlib.sha256).hexdigest()


def plain_hash(prev_hash: str, body: str) -> str:
    """The unkeyed hash entries had before anchoring; accepted only up to an adopted ``legacy_until``."""
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    legacy_until: int = 0

    def signature(self) -> str:
        body = json.dumps(asdict(self), sort_keys=True, separators=(",", ":"))
        return hmac.new(chain_key(), b"egovnet-audit-checkpoint\0" + body.encode(), hashlib.sha256).hexdigest()

    def line(self) -> str:
        return json.dumps({**asdict(self), "sig": self.signature()}, sort_keys=True, separators=(",", ":"))

    @classmethod
    def parse(cls, text: str, where: str) -> Checkpoint:
        try:
            data = json.loads(text)
            sig = data.pop("sig")
            checkpoint = cls(**data)
        except (ValueError, TypeError, KeyError) as exc:
            raise AnchorError(f"checkpoint file {where} is unreadable ({exc})") from None
        if not hmac.compare_digest(sig, checkpoint.signature()):
            raise AnchorError(f"checkpoint in {where} has a wrong signature (edited, or signed with another key)")
        return checkpoint


def checkpoint_dir() -> Path | None:
    path = getattr(settings, "AUDIT_CHECKPOINT_DIR", None)
    return Path(path) if path else None


def read_head() -> Checkpoint | None:
    folder = checkpoint_dir()
    if folder is None or not (folder / HEAD).exists():
        return None
    return Checkpoint.parse((folder / HEAD).read_text(encoding="utf-8"), str(folder / HEAD))


def read_history() -> list[Checkpoint]:
    folder = checkpoint_dir()
    if folder is None or not (folder / HISTORY).exists():
        return []
    lines = (folder / HISTORY).read_text(encoding="utf-8").splitlines()
    return [Checkpoint.parse(line, f"{folder / HISTORY} line {i}") for i, line in enumerate(lines, 1) if line.strip()]


def legacy_until() -> int:
    head = read_head()
    return head.legacy_until if head else 0


def write_checkpoint(seq: int, hash_: str, *, history: bool = False, legacy: int | None = None) -> Checkpoint | None:
    """Record (seq, hash) as the newest anchored entry; never moves the head backwards. Serialised by a lock file."""
    folder = checkpoint_dir()
    if folder is None:
        return None
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / LOCK).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        head = read_head()
        keep_legacy = head.legacy_until if head else 0
        checkpoint = Checkpoint(seq, hash_, timezone.now().isoformat(), keep_legacy if legacy is None else legacy)
        if head is None or seq > head.seq or legacy is not None:
            tmp = folder / f"{HEAD}.tmp"
            tmp.write_text(checkpoint.line(), encoding="utf-8")
            os.replace(tmp, folder / HEAD)
        if history:
            with (folder / HISTORY).open("a", encoding="utf-8") as fh:
                fh.write(checkpoint.line() + "\n")
    return checkpoint


def anchor_after_commit(first_seq: int, last_seq: int, last_hash: str) -> None:
    """After the audited write commits, move the head; append to the history when a multiple of N was crossed."""
    every = max(int(getattr(settings, "AUDIT_CHECKPOINT_EVERY", 1000)), 1)
    history = (first_seq - 1) // every != last_seq // every

    def write() -> None:
        try:
            write_checkpoint(last_seq, last_hash, history=history)
        except OSError:  # the write itself is committed; verify will say the anchor lags behind
            log.exception("audit checkpoint could not be written to %s", checkpoint_dir())

    transaction.on_commit(write)


def reanchor_after_restore(seq: int, hash_: str) -> None:
    """A verified restore rewinds the log on purpose: the old checkpoints are kept beside the new ones as
    evidence (renamed ``*.before-restore-<time>``) and the restored head is anchored afresh."""
    folder = checkpoint_dir()
    if folder is None:
        return
    try:
        previous = read_head()
    except AnchorError:
        previous = None
    stamp = timezone.now().strftime("%Y%m%dT%H%M%S%f")
    for name in (HEAD, HISTORY):
        if (folder / name).exists():
            os.replace(folder / name, folder / f"{name}.before-restore-{stamp}")
    write_checkpoint(seq, hash_, history=True, legacy=previous.legacy_until if previous else 0)
