"""Abstract base model and the scope declaration every scoped model carries."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ScopeSpec:
    """How a model's rows map to the organisation tree and the division tree.

    ``org`` is the lookup path from the model to its owning organisation ("" when the model *is* an
    organisation, e.g. "owner__" for a system). ``None`` means the model is reference data visible to
    every signed-in user.
    """

    org: str | None

    def field(self, name: str) -> str:
        return f"{self.org}{name}"


class BaseModel(models.Model):
    """Created / updated stamps and a version counter for optimistic concurrency.

    Every write goes through a service, which checks ``version`` against the one the client read
    (see ``egovnet.core.services.lock_for_update``), so a stale form never overwrites a newer edit.
    """

    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_updated = models.DateTimeField(_("last updated"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    SCOPE: ScopeSpec | None = None

    class Meta:
        abstract = True
