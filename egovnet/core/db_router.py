"""Read replicas: report and export reads go to ``DATABASE_REPLICA_URL`` when it is set; everything else, every
write and every read inside a transaction (read-your-writes) goes to the primary.

Reads are sent to the replica only inside :func:`replica_reads` (a context manager, or the :func:`reads_from_replica`
view decorator), never by default: a page that shows what the user just saved must not read a lagging replica.
"""

from __future__ import annotations

import contextvars
import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.http import StreamingHttpResponse

_replica_reads: contextvars.ContextVar[bool] = contextvars.ContextVar("egovnet_replica_reads", default=False)


@contextmanager
def replica_reads() -> Iterator[None]:
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def _streamed_under_replica(content: Iterator) -> Iterator:
    with replica_reads():
        yield from content


def reads_from_replica(view: Callable) -> Callable:
    """Run a report/export view's reads on the replica, including the body of a streamed response."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with replica_reads():
            response = view(request, *args, **kwargs)
        if isinstance(response, StreamingHttpResponse):
            response.streaming_content = _streamed_under_replica(response.streaming_content)
        return response

    return wrapped


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        alias = getattr(settings, "DATABASE_READ_REPLICA", "")
        if not alias or not _replica_reads.get() or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return None
        return alias

    def db_for_write(self, model, **hints) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints) -> bool:
        return db == DEFAULT_DB_ALIAS
