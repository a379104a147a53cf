"""Users, their clearance, and role assignments scoped to organisation / division subtrees."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import Clearance, Role


class User(AbstractUser):
    display_name = models.CharField(_("display name"), max_length=100, blank=True)
    organisation = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    clearance = models.PositiveSmallIntegerField(_("clearance"), choices=Clearance.choices, default=Clearance.NONE)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class RoleAssignment(models.Model):
    """A role held within an organisation subtree and/or a division subtree.

    Both scopes empty = national scope. Both set = the intersection (e.g. a ministry's staff in one
    province). Division scope never covers central-level organisations (see docs/decisions/0003).
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=40, choices=Role.choices)
    org_scope = models.ForeignKey(
        "orgs.Organisation",
        verbose_name=_("organisation scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    division_scope = models.ForeignKey(
        "geo.Division",
        verbose_name=_("division scope"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        indexes = [models.Index(fields=["user", "role"])]

    def __str__(self) -> str:
        scope = " / ".join(str(s) for s in (self.org_scope, self.division_scope) if s) or "全国 national"
        return f"{self.get_role_display()} @ {scope}"
