"""Ordering with public names mapped to indexed (or redaction-safe) columns, always ending in a unique key; the
filter backend that skips the filter form when no filter is given."""

from __future__ import annotations

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter


class RegistryOrderingFilter(OrderingFilter):
    """``?ordering=name,-id``: only the names in the view's ``ordering_fields`` are accepted.

    A view may set ``ordering_aliases = {"name": "display_name"}`` so that the public name sorts on
    a safe column (systems sort on the redacted display name, never on a hidden classified name).
    The view's unique tie-breaker (``ordering_tiebreaker``, default ``id``) is appended so that
    page and cursor pagination are deterministic.
    """

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        aliases = getattr(view, "ordering_aliases", {})
        tiebreaker = getattr(view, "ordering_tiebreaker", "id")
        mapped = []
        for term in ordering:
            desc = term.startswith("-")
            name = aliases.get(term.lstrip("-"), term.lstrip("-"))
            mapped.append(f"-{name}" if desc else name)
        if tiebreaker not in {t.lstrip("-") for t in mapped}:
            mapped.append(tiebreaker)
        return tuple(mapped)


class RegistryFilterBackend(DjangoFilterBackend):
    """django-filter's backend, minus the filter form when the request names no filter.

    Building a filter set builds its form (every field, choice lists included) and validates it, on every
    request. With no query parameter other than paging, ordering and field selection, every filter is empty and
    leaves the queryset as it is (django-filter skips empty values), so the form is not built at all. Any other
    parameter, even an unknown one, takes the usual path (validation errors included).
    """

    NOT_FILTERS = frozenset({"page", "page_size", "ordering", "cursor", "paging", "brief", "fields", "format"})

    def filter_queryset(self, request, queryset, view):
        if self.NOT_FILTERS.issuperset(request.query_params.keys()):
            return queryset
        return super().filter_queryset(request, queryset, view)
