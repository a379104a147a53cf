"""Organisations: departments, DRCs, public-security organs, secrecy bureaus, finance, operators…"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from egovnet.core.models import BaseModel, PinyinNamed, ScopeSpec

from .choices import Level, OrgKind


class Organisation(PinyinNamed, BaseModel):
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=OrgKind.choices)
    level = models.CharField(_("level"), max_length=12, choices=Level.choices)
    division = models.ForeignKey(
        "geo.Division", verbose_name=_("division"), on_delete=models.PROTECT, related_name="organisations"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Materialised path of ids ("/3/17/"), so a subtree is one indexed prefix match.
    path = models.CharField(max_length=255, editable=False, db_index=True, blank=True)
    in_beijing = models.BooleanField(_("in Beijing"), default=False)
    is_demo = models.BooleanField(_("demo data"), default=False)
    notes = models.TextField(_("notes"), blank=True)

    SCOPE = ScopeSpec(org="")

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name", "id"]
        indexes = [
            models.Index(fields=["name", "id"], name="org_name_id"),
            models.Index(fields=["name_pinyin", "id"], name="org_pinyin_id"),
            models.Index(fields=["level", "name_pinyin", "id"], name="org_level_pinyin_id"),
            models.Index(fields=["kind", "level"], name="org_kind_level"),
            models.Index(fields=["level", "division"], name="org_level_division"),
            # the list filtered by level, in its default name order: an index walk, not a sort of 25k rows
            models.Index(fields=["level", "name", "id"], name="org_level_name_id"),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A local organisation's division must be of its own level (central ones may sit anywhere)."""
        want = {Level.PROVINCIAL: "province", Level.PREFECTURE: "prefecture", Level.COUNTY: "county"}.get(self.level)
        if want and self.division_id:
            division = self.division
            # Districts of municipalities are county-level; 东莞/中山/儋州/嘉峪关 have no counties below them.
            if division.level != want:
                raise ValidationError(
                    {
                        "division": _("A %(level)s organisation needs a %(want)s-level division, not %(division)s.")
                        % {"level": self.get_level_display(), "want": want, "division": division}
                    }
                )
