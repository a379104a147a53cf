"""Findings refreshed after an edit: once per transaction, after it commits (ADR 0360).

Keys are (subject type, id). Every write that changes a subject's facts calls ``refresh_on_commit`` (or
``refresh_findings_on_commit(obj)`` for a registry row, whose subjects come from what its app registered with
``register_feeds`` and ``register_dependants``); the keys of one transaction are collected in one set and
re-evaluated once by :func:`egovnet.policy.findings_store.refresh_subjects`, after the commit (more than
``FINDINGS_REFRESH_INLINE_MAX`` subjects: as task batches on the queue, ADR 0804). A rolled-back write refreshes
nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db import models, transaction

from egovnet.policy.choices import SubjectType
from egovnet.policy.findings_store import refresh_subjects

M = TypeVar("M", bound=models.Model)


Keys = dict[str, set[Any]]
DependantsFn = Callable[[models.Model], list[tuple[str, list[Any]]]]
# Subjects judged one at a time: a project's finding keys are unique only within its snapshot; a province
# batch of several codes reads every province (``ProvinceSource.batch_for``).
ONE_AT_A_TIME = frozenset({SubjectType.PROJECT, SubjectType.PROVINCE})
ORDER = (SubjectType.SYSTEM, SubjectType.NETWORK, SubjectType.ORGANISATION, SubjectType.PROVINCE, SubjectType.PROJECT)
CHUNK = 500
_FEEDS: dict[str, DependantsFn] = {}
_EXTRA_DEPENDANTS: dict[str, list[DependantsFn]] = {}
_STATE = "egovnet_pending_refresh"
_AFTER_REFRESH: list[Callable[[Keys], None]] = []
_ENQUEUE_BATCH: list[Callable[[dict[str, list[str]]], Any]] = []


def register_feeds(model_label: str, fn: DependantsFn) -> None:
    """The subjects a model's row feeds through its own columns, without a query (itself, its owner
    department, its province …), declared by the app that owns the model (from its ``AppConfig.ready``).
    A model without one cannot be refreshed."""
    _FEEDS[model_label] = fn


def register_dependants(model_label: str, fn: DependantsFn) -> None:
    """More subjects whose facts a row feeds, found by a query, declared by the app that owns them (from its
    ``AppConfig.ready``): e.g. the projects app adds the projects that include an edited system."""
    hooks = _EXTRA_DEPENDANTS.setdefault(model_label, [])
    if fn not in hooks:
        hooks.append(fn)


def _dependants(obj: models.Model) -> list[tuple[str, list[Any]]]:
    """Subjects whose facts ``obj`` feeds: through its own columns, plus what other apps registered."""
    out = _own_dependants(obj)
    for fn in _EXTRA_DEPENDANTS.get(obj._meta.label, ()):
        out.extend(fn(obj))
    return out


def _own_dependants(obj: models.Model) -> list[tuple[str, list[Any]]]:
    feeds = _FEEDS.get(obj._meta.label)
    if feeds is None:
        raise TypeError(f"no findings source for {obj._meta.label}")
    return feeds(obj)


def register_after_refresh(fn: Callable[[Keys], None]) -> None:
    """``fn(keys)`` runs after every refresh, with the subjects refreshed: what else derives from registry rows
    (the dashboards' summary tables) is brought up to date by the same write path; declared by the app that
    owns it (from its ``AppConfig.ready``)."""
    if fn not in _AFTER_REFRESH:
        _AFTER_REFRESH.append(fn)


def register_enqueue_batch(fn: Callable[[dict[str, list[str]]], Any]) -> None:
    """How a batch of keys reaches the task queue (``policy.tasks.refresh_findings_batch``, set from
    ``PolicyConfig.ready``; this module does not import the tasks module back)."""
    _ENQUEUE_BATCH[:] = [fn]


def key_count(keys: Keys) -> int:
    return sum(len({i for i in ids if i is not None}) for ids in keys.values())


def batches(keys: Keys, size: int | None = None) -> list[dict[str, list[str]]]:
    """The keys split into task batches of at most ``size`` (``CHUNK``) subjects of one type, in refresh order."""
    size = size or CHUNK
    out = []
    for subject_type in sorted(keys, key=lambda t: ORDER.index(t) if t in ORDER else len(ORDER)):
        ids = sorted({str(i) for i in keys[subject_type] if i is not None})
        out += [{str(subject_type): ids[i : i + size]} for i in range(0, len(ids), size)]
    return out


def refresh_keys(keys: Keys, *, inline: bool = False) -> int:
    """Re-evaluate these subjects; the number of findings stored.

    More than ``settings.FINDINGS_REFRESH_INLINE_MAX`` subjects (a large import, an edit with many dependants)
    are not evaluated in the caller (a request): they are queued as task batches of at most ``CHUNK`` subjects,
    which any worker runs (safe to retry: a batch replaces its subjects' findings in one transaction), and 0 is
    returned. ``inline=True`` (the batch task itself) always evaluates now."""
    if not inline and _ENQUEUE_BATCH and key_count(keys) > settings.FINDINGS_REFRESH_INLINE_MAX:
        for batch in batches(keys):
            _ENQUEUE_BATCH[0](batch)
        return 0
    stored = 0
    for subject_type in sorted(keys, key=lambda t: ORDER.index(t) if t in ORDER else len(ORDER)):
        ids = sorted({str(i) for i in keys[subject_type] if i is not None})
        step = 1 if subject_type in ONE_AT_A_TIME else CHUNK
        for i in range(0, len(ids), step):
            stored += refresh_subjects(subject_type, ids[i : i + step])
    for fn in _AFTER_REFRESH:
        fn(keys)
    return stored


@dataclass
class _Pending:
    """The keys waiting for the commit of one transaction. ``queue`` is the connection's list of on-commit
    callbacks they were registered in: Django replaces that list on commit, rollback and savepoint rollback,
    so a different list means the keys must be rebuilt from the callbacks that survived."""

    queue: list
    keys: Keys


def _callback_keys(queue: list) -> Keys:
    keys: Keys = {}
    for _sids, func, _robust in queue:
        for t, ids in getattr(func, "refresh_keys", {}).items():
            keys.setdefault(t, set()).update(ids)
    return keys


def refresh_on_commit(subject_type: str, ids: Iterable[Any]) -> None:
    """Re-evaluate these subjects after the surrounding transaction commits (now, outside a transaction).

    Deduplicated per transaction: every call adds its keys to the connection's pending set and registers a
    callback; after the commit the first callback to run re-evaluates the whole set once (one batch per
    subject type), the others find it empty. A rolled-back write's callback is discarded by Django and its
    keys are dropped at the next call, when the set is rebuilt from the surviving callbacks (a key left over
    by a savepoint rolled back after the transaction's last call is re-evaluated with the others: harmless,
    a refresh reads committed rows). Callbacks run inside a transaction (``captureOnCommitCallbacks`` in
    tests) each take only their own keys still pending, so keys of callbacks never run stay unevaluated."""
    mine = {subject_type: {str(i) for i in ids if i is not None}}
    if not mine[subject_type]:
        return
    conn = transaction.get_connection()
    if not conn.in_atomic_block:
        refresh_keys(mine)
        return
    state = conn.__dict__.get(_STATE)
    if state is None or state.queue is not conn.run_on_commit:
        state = _Pending(conn.run_on_commit, _callback_keys(conn.run_on_commit))
        conn.__dict__[_STATE] = state
    state.keys.setdefault(subject_type, set()).update(mine[subject_type])

    def flush() -> None:
        pending = conn.__dict__.get(_STATE)
        if pending is None:
            return
        if not conn.in_atomic_block:  # after a commit: the whole set, whichever callback runs first
            keys, pending.keys = pending.keys, {}
        else:  # run inside a transaction (the tests' captured callbacks): this call's keys still pending
            keys = {t: ids & pending.keys.get(t, set()) for t, ids in mine.items()}
            for t, ids in keys.items():
                pending.keys[t] -= ids
        if any(keys.values()):
            refresh_keys(keys)

    flush.refresh_keys = mine  # type: ignore[attr-defined]
    transaction.on_commit(flush)


def refresh_findings_for(obj: models.Model, *, pk: Any = None) -> int:
    """Re-evaluate the findings of a registry object (system, network, organisation, connection) and its
    dependants now."""
    if pk is not None and obj.pk is None:  # deleted: evaluate the remembered key (drops its findings)
        obj.pk = pk
    keys: Keys = {}
    for t, ids in _dependants(obj):
        keys.setdefault(t, set()).update(ids)
    return refresh_keys(keys)


def refresh_findings_on_commit(obj: M) -> M:
    """Schedule the refresh of ``obj`` and its dependants after the surrounding transaction commits (once per
    transaction per subject); returns ``obj`` so a registry service can write
    ``return refresh_findings_on_commit(create_object(...))``. Keys are taken now, so a deleted object's
    findings are dropped."""
    for t, ids in _dependants(obj):
        refresh_on_commit(t, ids)
    return obj


def refresh_created_on_commit(objs: Iterable[models.Model]) -> None:
    """Schedule the refresh of rows created in bulk (the import's bulk path) after the commit: one pending key
    set for the whole batch, evaluated in chunks like any other refresh. Only the subjects a row feeds through
    its own columns: the dependants other apps register find rows that refer to an object, and nothing can
    refer to a row created in the same batch."""
    keys: Keys = {}
    for obj in objs:
        for t, ids in _own_dependants(obj):
            keys.setdefault(t, set()).update(ids)
    for t, ids in keys.items():
        refresh_on_commit(t, ids)
