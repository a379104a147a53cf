"""Ordering with public names mapped to indexed (or redaction-safe) columns, always ending in a unique key."""

from __future__ import annotations

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
