"""Pagination for every list endpoint: page numbers, plus keyset (cursor) paging for deep pages.

The row count of a page answer (``count``) is exact below ``COUNT_CACHE_MIN`` rows. At or above it, the count of
the same list for the same reader (path, view, user, database and every parameter but paging: the reader's scope
and filters are part of the key) is reused for up to ``COUNT_CACHE_SECONDS``: a ``COUNT(*)`` over 100,000 rows
costs about as much as the page itself, and a figure that large may lag writes by a few seconds without
misleading anyone (ADR 0270). The schema says so.
"""

from __future__ import annotations

import hashlib
from functools import partial
from typing import Any

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db import models
from django.utils.functional import cached_property
from rest_framework.pagination import CursorPagination, PageNumberPagination

COUNT_CACHE_MIN = 10_000
COUNT_CACHE_SECONDS = 10
COUNT_DESCRIPTION = (
    f"符合条件的总行数；达到 {COUNT_CACHE_MIN:,} 行时可能是最多 {COUNT_CACHE_SECONDS} 秒前的数值。 / "
    f"Number of matching rows: exact below {COUNT_CACHE_MIN:,}; from {COUNT_CACHE_MIN:,} up it may be up to "
    f"{COUNT_CACHE_SECONDS} s old."
)


NOT_IN_KEY = frozenset({"page", "page_size", "brief", "fields", "format"})


def count_key(request: Any, view: Any, queryset: models.QuerySet) -> str:
    """The key of a list's count: the path, the view, the reader, the database and every parameter except paging
    and field selection (so the reader's scope and filters are part of it). Built from the request, not from
    the SQL: compiling the query once more cost as much as counting 20,000 SQLite rows."""
    params = sorted((k, v) for k, values in request.query_params.lists() if k not in NOT_IN_KEY for v in values)
    user = getattr(getattr(request, "user", None), "pk", None)
    text = (
        f"{request.path}\x00{type(view).__module__}.{type(view).__qualname__}\x00{user}\x00{queryset.db}\x00{params!r}"
    )
    return "egovnet:count:" + hashlib.sha256(text.encode()).hexdigest()


def page_count(queryset: Any, key: str | None) -> int:
    """``queryset.count()``, reused for a few seconds when it is large (see the module doc)."""
    if key is None or not isinstance(queryset, models.QuerySet):
        return queryset.count() if isinstance(queryset, models.QuerySet) else len(queryset)
    cached = cache.get(key)
    if cached is not None:
        return cached
    count = queryset.count()
    if count >= COUNT_CACHE_MIN:
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return count


class CountReusingPaginator(Paginator):
    def __init__(self, *args: Any, count_key: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return page_count(self.object_list, self.count_key)


class RegistryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    count_key: str | None = None

    @property
    def django_paginator_class(self):
        return partial(CountReusingPaginator, count_key=self.count_key)

    def paginate_queryset(self, queryset, request, view=None):
        if isinstance(queryset, models.QuerySet):
            self.count_key = count_key(request, view, queryset)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["properties"]["count"]["description"] = COUNT_DESCRIPTION
        return answer


class RegistryCursorPagination(CursorPagination):
    """Used when the client passes ``?cursor=`` (or asks for it with ``?paging=cursor``).

    Keyset on the view's ordering (``?ordering=`` included, since the ordering filter is consulted);
    every whitelisted ordering ends in a unique column, so pages neither skip nor repeat rows.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = "id"
