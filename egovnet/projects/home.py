"""Home-page cards of the project lifecycle: requests to decide, overdue requests, blocked projects."""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.home import Attention

from .choices import ProjectStatus, RequestStatus
from .queries import blocking_findings, decidable_requests, own_requests, visible_projects


def cards(user: Any) -> list[Attention]:
    today = timezone.localdate()
    tasks = reverse("projects:tasks")
    out = []
    pending = decidable_requests(user).filter(status=RequestStatus.PENDING)
    if permissions.user_roles(user) or user.is_superuser:
        out.append(Attention(_("Requests to decide"), pending.count(), tasks, order=10))
    overdue = pending.filter(due_on__lt=today).count() + own_requests(user).filter(
        status=RequestStatus.PENDING, due_on__lt=today
    ).count()
    out.append(Attention(_("Overdue requests"), overdue, tasks, "warn" if overdue else "ok", order=11))
    blocked = visible_projects(user).filter(status=ProjectStatus.ACTIVE).filter(
        Exists(blocking_findings().filter(subject_id=Cast(OuterRef("pk"), CharField())))
    )
    n = blocked.count()
    out.append(Attention(_("Blocked projects"), n, reverse("projects:project_list") + "?blocked=1",
                         "warn" if n else "ok", order=20))
    return out
