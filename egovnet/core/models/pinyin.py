"""A stored pinyin sort key next to a name, so lists sort by pinyin through an index on both databases.

Sorting through a collation instead means a Python comparison per row pair on SQLite (≈29 s for 100k random
names) and an unindexed sort on PostgreSQL. The key is derived data: every write path Django offers for the
name (``save``, ``bulk_create``, ``bulk_update``, ``update``) fills it, and audit diffs leave it out."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from egovnet.core.collation import pinyin_sort_key

PINYIN_FIELD = "name_pinyin"


def fill_pinyin_keys(objs: Iterable[Any]) -> None:
    """Set each unsaved or renamed object's stored key from its name (every bulk write path calls this)."""
    for obj in objs:
        obj.name_pinyin = pinyin_sort_key(obj.name)


class PinyinNamedQuerySet(models.QuerySet):
    def bulk_create(self, objs: Iterable[Any], *args: Any, **kwargs: Any) -> list[Any]:
        objs = list(objs)
        fill_pinyin_keys(objs)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs: Iterable[Any], fields: Iterable[str], *args: Any, **kwargs: Any) -> int:
        objs, fields = list(objs), list(fields)
        if "name" in fields:
            fill_pinyin_keys(objs)
            fields.append(PINYIN_FIELD)
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs: Any) -> int:
        if "name" in kwargs and PINYIN_FIELD not in kwargs:  # bulk_update passes both, as expressions
            if not isinstance(kwargs["name"], str):
                raise TypeError("update(name=…) needs a plain string, so that its pinyin key can be stored with it")
            kwargs[PINYIN_FIELD] = pinyin_sort_key(kwargs["name"])
        return super().update(**kwargs)


class PinyinNamed(models.Model):
    """Mix in before ``BaseModel``; the model's ``name`` field is the one keyed."""

    name_pinyin = models.CharField(max_length=255, editable=False, blank=True, default="")

    objects = PinyinNamedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.name_pinyin = pinyin_sort_key(self.name)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "name" in update_fields:
            kwargs["update_fields"] = {*update_fields, PINYIN_FIELD}
        super().save(*args, **kwargs)
