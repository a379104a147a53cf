"""The inbox count in the navigation: computed only when a template reads it, once per request."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def inbox(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}

    def counts():
        from .inbox import inbox as build
        from .models import Notification

        box = build(user)
        unread = Notification.objects.filter(user=user, read_at__isnull=True).count()
        return {"todo": len(box.todo), "overdue": len(box.overdue), "total": box.count, "unread": unread}

    return {"inbox_counts": SimpleLazyObject(counts)}
