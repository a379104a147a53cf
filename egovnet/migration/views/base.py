"""Helpers shared by the migration web views: scope lookups and pagination (service calls: ``core.view_helpers``)."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404

from egovnet.core import permissions

PAGE_SIZE = 50


def in_scope(request: Any, queryset: QuerySet, pk: Any) -> Any:
    """The row if the reader may see it; 404 otherwise (outside scope looks like absent)."""
    obj = permissions.restrict(queryset, request.user, "view").filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def page_of(request: Any, rows: Any) -> Any:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))


def query_without_page(request: Any) -> str:
    """The page's filters as a query string, for its export links (same parameters as the list)."""
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def can(user: Any, action: str, model: Any, org: Any) -> bool:
    return permissions.can_for_org(user, action, model, org)
