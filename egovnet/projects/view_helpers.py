"""What every project page needs: the scoped project lookup and how a service call is run and refused.

Shared by ``views`` and ``views_agency`` (which ``views`` dispatches to), so neither imports the other back.
"""

from __future__ import annotations

from functools import partial

from django.shortcuts import get_object_or_404

from egovnet.core import view_helpers

from . import queries
from .models import Project


def project_or_404(request, pk: int, *, commissioned: bool = False) -> Project:
    qs = queries.visible_projects(request.user, commissioned=commissioned)
    return get_object_or_404(qs.select_related("owner", "approver"), pk=pk)


# Project pages offer their actions before the service has checked the reader's role on this project, so a
# refused permission is shown on the page like any other refusal rather than as a bare 403; and they read in one
# language, so a refusal shows the reader's half of the service's bilingual message.
attempt = partial(view_helpers.attempt, permission_as_message=True, in_one_language=True)
attempt_call = partial(view_helpers.attempt_call, permission_as_message=True, in_one_language=True)
