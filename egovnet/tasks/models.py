"""In-app notices: one row per user, item and event, so each is delivered (and e-mailed) once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeEvent(models.TextChoices):
    ARRIVED = "arrived", _("New task")
    OVERDUE = "overdue", _("Overdue")
    DECIDED = "decided", _("Decided")


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    key = models.CharField(_("item"), max_length=100)  # the derivation's task key, or "request-12" when decided
    event = models.CharField(_("event"), max_length=10, choices=NoticeEvent.choices)
    title = models.CharField(_("title"), max_length=400)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_on = models.DateField(_("e-mailed on"), null=True, blank=True)

    SCOPE = None  # only ever read filtered by the signed-in user

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["user", "key", "event"], name="notice_once")]
        indexes = [models.Index(fields=["user", "read_at"], name="notice_user_unread")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.event} {self.key}"
