"""Home-page card of the project lifecycle: blocked projects. (What the user must do, and what is overdue,
comes from the tasks app's inbox counts, shown first on the home page.)"""

from __future__ import annotations

from typing import Any

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from egovnet.core.home import Attention

from .choices import ProjectStatus
from .queries import blocking_findings, visible_projects


def cards(user: Any) -> list[Attention]:
    out = []
    blocked = visible_projects(user).filter(status=ProjectStatus.ACTIVE).filter(
        Exists(blocking_findings().filter(subject_id=Cast(OuterRef("pk"), CharField())))
    )
    n = blocked.count()
    out.append(Attention(_("Blocked projects"), n, reverse("projects:project_list") + "?blocked=1",
                         "warn" if n else "ok", order=20))
    return out
