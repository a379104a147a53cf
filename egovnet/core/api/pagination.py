"""Pagination for every list endpoint: page numbers, plus keyset (cursor) paging for deep pages."""

from rest_framework.pagination import CursorPagination, PageNumberPagination


class RegistryPagination(PageNumberPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500


class RegistryCursorPagination(CursorPagination):
    """Used when the client passes ``?cursor=`` (or asks for it with ``?paging=cursor``).

    Keyset on the view's ordering (``?ordering=`` included, since the ordering filter is consulted);
    every whitelisted ordering ends in a unique column, so pages neither skip nor repeat rows.
    """

    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 1000
    ordering = "id"
