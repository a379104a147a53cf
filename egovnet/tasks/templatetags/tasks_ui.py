"""``{% project_waiting project %}``: the project page's "等待：…" panel (include ``tasks/_waiting.html``)."""

from __future__ import annotations

from django import template
from django.utils import timezone

register = template.Library()


@register.inclusion_tag("tasks/_waiting.html", takes_context=True)
def project_waiting(context, project):
    from ..derive import may_act
    from ..inbox import project_waiting as waiting
    from ..views import LocalApprovalForm

    request = context.get("request")
    user = getattr(request, "user", None)
    today = timezone.localdate()
    rows = [(t, may_act(user, t)) for t in waiting(project, today, verdict=context.get("verdict"))]
    return {"rows": rows, "today": today, "local_form": LocalApprovalForm(initial={"date": today}), "request": request}
