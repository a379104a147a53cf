"""Pagination for every list endpoint: page numbers, plus keyset (cursor) paging for deep pages.

The row count of a page answer (``count``) is exact below ``COUNT_CACHE_MIN`` rows. At or above it, the count of
the same query (same SQL, same parameters: the reader's scope and filters are part of the key) is reused for up to
``COUNT_CACHE_SECONDS``: a ``COUNT(*)`` over 100,000 rows costs about as much as the page itself, and a figure
that large may lag writes by a few seconds without misleading anyone (ADR 0270). The schema says so.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
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


def count_key(queryset: models.QuerySet) -> str | None:
    """The cache key of the query's count: its database, SQL and parameters; None for a query that matches
    nothing by construction (``.none()``, an empty ``__in``), whose count costs no database work."""
    try:
        sql, params = queryset.query.get_compiler(queryset.db).as_sql()
    except EmptyResultSet:
        return None
    text = f"{queryset.db}\x00{sql}\x00{params!r}"
    return "egovnet:count:" + hashlib.sha256(text.encode()).hexdigest()


def page_count(queryset: Any) -> int:
    """``queryset.count()``, reused for a few seconds when it is large (see the module doc)."""
    if not isinstance(queryset, models.QuerySet):
        return len(queryset)
    key = count_key(queryset)
    if key is None:
        return queryset.count()
    cached = cache.get(key)
    if cached is not None:
        return cached
    count = queryset.count()
    if count >= COUNT_CACHE_MIN:
        cache.set(key, count, COUNT_CACHE_SECONDS)
    return count


class CountReusingPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        return page_count(self.object_list)


class RegistryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CountReusingPaginator

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
