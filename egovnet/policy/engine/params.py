"""Dated, sourced pack parameters and their explicit merging (after OpenFisca's parameter files).

A parameter is a list of value periods, each with the date it starts and the reference it comes from (a clause of
a document, or an interpretation id of ``docs/rules/interpretations.md``). The value on a date is the value of
the last period started by then. Packs in force together are merged in order of their start; a later pack may
only replace a parameter of an earlier one when it says so (``overrides=<earlier pack id>``): an undeclared
override raises :class:`ParameterConflict`, because a silent one changes verdicts nobody decided to change.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


class ParameterConflict(ValueError):
    """Two packs define the same parameter and the later one does not declare that it overrides the earlier."""


class ParameterUndefined(LookupError):
    """A parameter has no value on the date asked (before its first period starts)."""


@dataclass(frozen=True)
class Period:
    start: dt.date
    value: Any
    reference: str  # the clause or interpretation id the value comes from


@dataclass(frozen=True)
class Parameter:
    name: str
    description: str
    periods: tuple[Period, ...]
    unit: str = ""
    #: the id of the pack whose parameter of the same name this one replaces ("" = introduces it)
    overrides: str = ""
    pack: str = ""

    def __post_init__(self) -> None:
        if not self.periods:
            raise ValueError(f"parameter {self.name}: at least one value period is needed")
        starts = [p.start for p in self.periods]
        if starts != sorted(starts) or len(set(starts)) != len(starts):
            raise ValueError(f"parameter {self.name}: periods must have distinct, ascending start dates")

    def at(self, on: dt.date) -> Any:
        return self.period_at(on).value

    def period_at(self, on: dt.date) -> Period:
        current = None
        for p in self.periods:
            if p.start <= on:
                current = p
        if current is None:
            raise ParameterUndefined(f"parameter {self.name} has no value before {self.periods[0].start} (asked {on})")
        return current


def value(start: dt.date, v: Any, reference: str) -> Period:
    return Period(start, v, reference)


def parameter(name: str, description: str, *periods: Period, unit: str = "", overrides: str = "") -> Parameter:
    return Parameter(name=name, description=description, periods=tuple(periods), unit=unit, overrides=overrides)


def normalise(pack_id: str, start: dt.date, params: Mapping[str, Any]) -> dict[str, Parameter]:
    """A pack's parameters as :class:`Parameter`s; a bare value becomes one period from the pack's start with no
    reference (accepted for throw-away test packs; shipped packs must source every value, a test checks it)."""
    out: dict[str, Parameter] = {}
    for name, p in params.items():
        if not isinstance(p, Parameter):
            p = Parameter(name=name, description="", periods=(Period(start, p, ""),))
        elif p.name != name:
            raise ValueError(f"pack {pack_id}: parameter registered as {name!r} is named {p.name!r}")
        out[name] = Parameter(
            name=name, description=p.description, periods=p.periods, unit=p.unit, overrides=p.overrides, pack=pack_id
        )
    return out


def merge(packs: Iterable[Any]) -> dict[str, Parameter]:
    """The parameters of ``packs`` (in order of their start), later declared overrides replacing earlier ones.

    An override keeps the earlier pack's periods before the overriding pack's first period, so a date before the
    override still reads the earlier value.
    """
    merged: dict[str, Parameter] = {}
    for pack in sorted(packs, key=lambda p: (p.effective_from, p.id)):
        for name, p in pack.parameters.items():
            earlier = merged.get(name)
            if earlier is None:  # (a declared override of a pack not in force with this one stands alone)
                merged[name] = p
                continue
            if p.overrides != earlier.pack:
                raise ParameterConflict(
                    f"pack {pack.id} redefines parameter {name!r} of pack {earlier.pack} without declaring "
                    f"overrides={earlier.pack!r}"
                )
            first = p.periods[0].start
            kept = tuple(x for x in earlier.periods if x.start < first)
            merged[name] = Parameter(
                name=name,
                description=p.description or earlier.description,
                periods=kept + p.periods,
                unit=p.unit or earlier.unit,
                overrides=p.overrides,
                pack=p.pack,
            )
    return merged


def values_at(parameters: Mapping[str, Parameter], on: dt.date) -> dict[str, Any]:
    """The value of every parameter on ``on``; a parameter not yet defined then is left out (a rule reading it
    raises and its finding is indeterminate — fail closed)."""
    out: dict[str, Any] = {}
    for name, p in parameters.items():
        try:
            out[name] = p.at(on)
        except ParameterUndefined:
            continue
    return out


def params_at(packs: Sequence[Any], on: dt.date) -> dict[str, Any]:
    return values_at(merge(packs), on)
