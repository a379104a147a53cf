"""The inbox counts in the navigation, cheap on every page: kept in the session for ``TTL`` seconds.

They are computed from the derivation when the user signs in, whenever the inbox page is shown, and at the
first page after ``TTL``; so a count lags an action by at most ``TTL`` seconds (the inbox itself never lags).
"""

from __future__ import annotations

import time
from typing import Any

from django.utils.functional import SimpleLazyObject

KEY = "egovnet_inbox_counts"
TTL = 60


def store_counts(request: Any, box: Any, user: Any = None) -> dict:
    from .models import Notification

    user = user or request.user
    counts = {
        "todo": len(box.todo),
        "overdue": len(box.overdue),
        "total": box.count,
        "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
        "at": time.time(),
    }
    if hasattr(request, "session"):
        request.session[KEY] = counts
    return counts


def current_counts(request: Any) -> dict:
    cached = request.session.get(KEY) if hasattr(request, "session") else None
    if cached and time.time() - cached.get("at", 0) < TTL:
        return cached
    from .inbox import inbox as build

    return store_counts(request, build(request.user))


def on_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        from .inbox import inbox as build

        store_counts(request, build(user), user)


def inbox(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"inbox_counts": SimpleLazyObject(lambda: current_counts(request))}
