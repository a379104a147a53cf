"""Model validation of new rows without building model instances: a conservative pre-check.

``clean_fields()`` on a model instance costs more per row than reading the row from the workbook. A new row's
values are checked here with plain per-field predicates built once per model; the model's own ``clean()`` runs
on a light instance (no ``__init__``, no signals). A row either passes certainly, or the caller validates it the
usual way (``clean_fields()`` + ``clean()`` on a real instance) and reports the messages those give: every
message still comes from Django and the model, so it is the same as before (docs/decisions/0506).

The predicates may only be stricter than Django's checks, never looser: a field of a kind not listed here, or a
value of an unexpected type, answers "not certain" and the row takes the usual path.
"""

from __future__ import annotations

import datetime as dt
import decimal
from collections.abc import Callable
from functools import cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.base import ModelState

Predicate = Callable[[Any], bool]
EXCLUDED = frozenset({"path"})  # set by the write path, never by a row (as ``_validate_model`` excludes it)


def _validators_pass(field: models.Field, value: Any) -> bool:
    try:
        for validator in field.validators:
            validator(value)
    except ValidationError:
        return False
    return True


def _in_choices(field: models.Field) -> Predicate | None:
    if not field.choices:
        return None
    allowed = frozenset(value for value, _ in field.flatchoices)
    return allowed.__contains__


def _string(field: models.Field) -> Predicate:
    limit = field.max_length
    choices = _in_choices(field)

    def ok(value: Any) -> bool:
        if type(value) is not str or "\x00" in value or (limit is not None and len(value) > limit):
            return False
        return choices is None or choices(value)

    return ok


def _integer(field: models.Field) -> Predicate:
    choices = _in_choices(field)
    return lambda v: type(v) is int and (choices is None or choices(v)) and _validators_pass(field, v)


def _decimal(field: models.Field) -> Predicate:
    return lambda v: type(v) is decimal.Decimal and v.is_finite() and _validators_pass(field, v)


def _json_strings(field: models.Field) -> Predicate:
    return lambda v: type(v) is list and all(type(x) is str for x in v)


def _predicate(field: models.Field) -> Predicate | None:
    """A certain-valid test for one field's value, or None when the field's kind is not covered."""
    if isinstance(field, models.BooleanField):
        base: Predicate | None = lambda v: type(v) is bool  # noqa: E731
    elif isinstance(field, models.CharField | models.TextField):
        base = _string(field)
    elif isinstance(field, models.IntegerField):  # small / big / positive variants included
        base = _integer(field)
    elif isinstance(field, models.DecimalField):
        base = _decimal(field)
    elif isinstance(field, models.DateTimeField):
        base = lambda v: isinstance(v, dt.datetime)  # noqa: E731
    elif isinstance(field, models.DateField):
        base = lambda v: type(v) is dt.date  # noqa: E731
    elif isinstance(field, models.JSONField) and not field.choices:
        base = _json_strings(field)
    else:
        return None
    if base is None:
        return None
    empty_ok = field.blank

    def ok(value: Any) -> bool:
        if empty_ok and value in field.empty_values:
            return True  # clean_fields() skips blank values of blank fields
        if value in field.empty_values:
            return False  # an empty value of a required field, or None: the usual path says which
        return base(value)

    return ok


class ModelCheck:
    """The per-field predicates and defaults of one model, and its ``clean()`` on a light instance."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        self.fks = [f for f in self.fields if isinstance(f, models.ForeignKey)]
        self.checked: list[tuple[str, Predicate]] = []
        self.covered = True
        for f in self.fields:
            if isinstance(f, models.ForeignKey) or f.name in EXCLUDED:
                continue
            predicate = _predicate(f)
            if predicate is None:
                self.covered = False
                break
            self.checked.append((f.name, predicate))
        # defaults of the fields a row leaves out, as ``Model(**values)`` would set them
        self.defaults = {f.name: f.get_default() for f in self.fields if not (f.has_default() and callable(f.default))}

    def instance(self, values: dict[str, Any]) -> models.Model:
        """An unsaved instance with these values and the fields' defaults, built without ``__init__``."""
        obj = self.model.__new__(self.model)
        obj._state = ModelState()
        data = obj.__dict__
        data[self.model._meta.pk.attname] = None
        for f in self.fields:
            if f.name in values:
                value = values[f.name]
            elif f.name in self.defaults:
                value = self.defaults[f.name]
            else:
                value = f.get_default()
            if isinstance(f, models.ForeignKey):
                data[f.attname] = value.pk if isinstance(value, models.Model) else value
                if isinstance(value, models.Model):
                    obj._state.fields_cache[f.name] = value
            else:
                data[f.attname] = value
        return obj

    def certainly_valid(self, values: dict[str, Any]) -> bool:
        """True only when ``clean_fields()`` (foreign keys and the path excluded) and ``clean()`` both pass."""
        if not self.covered:
            return False
        defaults = self.defaults
        for name, ok in self.checked:
            if name in values:
                value = values[name]
            elif name in defaults:
                value = defaults[name]
            else:
                return False  # a callable default: not certain without calling it
            if not ok(value):
                return False
        try:
            self.instance(values).clean()
        except ValidationError:
            return False
        return True


@cache
def model_check(model: type[models.Model]) -> ModelCheck:
    return ModelCheck(model)
