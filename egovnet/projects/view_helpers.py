"""What every project page needs: the scoped project lookup and how a refused service call is shown.

Shared by ``views`` and ``views_agency`` (which ``views`` dispatches to), so neither imports the other back.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404

from . import labels, queries
from .models import Project


def project_or_404(request, pk: int, *, commissioned: bool = False) -> Project:
    qs = queries.visible_projects(request.user, commissioned=commissioned)
    return get_object_or_404(qs.select_related("owner", "approver"), pk=pk)


def refusal(request, exc: Exception) -> None:
    """The service's refusal as a message on the next page (a ValidationError field by field)."""
    if isinstance(exc, ValidationError):
        text = (
            "; ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            if hasattr(exc, "error_dict")
            else " ".join(exc.messages)
        )
        messages.error(request, text)
    else:
        messages.error(request, labels.refusal_text(exc))
