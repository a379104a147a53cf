"""Judging equal items once: the engine's fast path for per-item rules over registry batches.

A rule declared with ``app_fields`` (or ``department_fields``) judges each application (department) on those
fields alone. Over a national batch most items share them (186k systems fall into a few hundred classes for
the placement rules; 100k departments into a handful for R-3.2), so the rule runs once per class, on a
one-item snapshot whose item is the class *prototype*:

- its identity fields (an application's ``id`` and ``name``, a department's ``department``) are
  :data:`TOKEN`, which the caller replaces by each member's key in the texts it keeps (:func:`for_member`);
- every field the rule did not declare is :data:`UNREAD`, which raises on any use, so a rule that reads an
  undeclared field fails closed (indeterminate) instead of judging a whole class on one member's value.

The result is the list of ``(finding, members)`` pairs: the finding applies to every member. Equivalence with
the plain evaluation of the whole snapshot is asserted in ``tests/test_grouped.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace
from typing import Any

from egovnet.policy.engine.evaluate import run_rule
from egovnet.policy.engine.model import Finding, Rule, RuleContext, Text
from egovnet.policy.facts import Application, DepartmentConnection, Snapshot

TOKEN = "\x1fitem\x1f"


@dataclass(frozen=True)
class ItemKind:
    """A snapshot collection whose items per-item rules may judge one at a time."""

    fact: type
    collection: str  # Snapshot field
    declared: str  # Rule attribute naming the fields a rule reads
    identity: tuple[str, ...]  # fields that name the item (the token in a prototype)

    @property
    def facts(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self.fact) if f.name not in self.identity)

    def rule_fields(self, rule: Rule) -> tuple[str, ...] | None:
        return getattr(rule, self.declared)


APPLICATIONS = ItemKind(Application, "applications", "app_fields", ("id", "name"))
DEPARTMENTS = ItemKind(DepartmentConnection, "departments", "department_fields", ("department",))
KINDS = {k.fact: k for k in (APPLICATIONS, DEPARTMENTS)}


class _Unread:
    """A field the rule did not declare: any use raises (comparison, truth, text, iteration, arithmetic)."""

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise AttributeError("rule read a field it did not declare (app_fields / department_fields)")

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __bool__ = __str__ = __format__ = _refuse  # type: ignore[assignment]
    __iter__ = __len__ = __contains__ = __getitem__ = __hash__ = __int__ = __float__ = _refuse  # type: ignore[assignment]
    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = __index__ = _refuse  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "UNREAD"


UNREAD = _Unread()


@dataclass
class ItemClass:
    """Items with equal facts (identity aside): a prototype and its members' keys."""

    prototype: Any  # an Application or DepartmentConnection whose identity fields are TOKEN
    members: list[str] = field(default_factory=list)

    @property
    def kind(self) -> ItemKind:
        return KINDS[type(self.prototype)]


def prototype_of(item: Any, fields: Iterable[str] | None = None) -> Any:
    """The class prototype of ``item``: identity fields are the token; with ``fields``, every other field is
    :data:`UNREAD` (the class is defined on those fields only)."""
    kind = KINDS[type(item)]
    keep = None if fields is None else set(fields)
    masked = {} if keep is None else {name: UNREAD for name in kind.facts if name not in keep}
    return replace(item, **dict.fromkeys(kind.identity, TOKEN), **masked)


def declared_fields(rules: Iterable[Rule], kind: ItemKind = APPLICATIONS) -> tuple[str, ...]:
    """The fields of ``kind`` the per-item rules among ``rules`` read (their union)."""
    return tuple(sorted({name for r in rules for name in (kind.rule_fields(r) or ())}))


def judges_per_item(rule: Rule, kind: ItemKind) -> bool:
    return kind.rule_fields(rule) is not None


def evaluate_grouped(
    rule: Rule, classes: Sequence[ItemClass], ctx: RuleContext, on: dt.date
) -> list[tuple[Finding, list[str]]]:
    """Run a per-item rule once per class of items equal on the fields it declares (classes of one kind)."""
    if not classes:
        return []
    kind = classes[0].kind
    wanted = kind.rule_fields(rule)
    if wanted is None:
        raise ValueError(f"{rule.id} does not judge {kind.collection} one by one")
    masked = {name: UNREAD for name in kind.facts if name not in wanted}
    merged: dict[tuple, tuple[ItemClass, list[str]]] = {}
    for c in classes:
        key = tuple(getattr(c.prototype, name) for name in wanted)
        entry = merged.get(key)
        if entry is None:
            merged[key] = (c, list(c.members))
        else:
            entry[1].extend(c.members)
    out: list[tuple[Finding, list[str]]] = []
    for c, members in merged.values():
        snap = Snapshot(evaluation_date=on, **{kind.collection: (replace(c.prototype, **masked),)})
        for f in run_rule(rule, snap, ctx):
            out.append((f, members if f.subject == TOKEN or f.error else []))
    return out


def for_member(f: Finding, key: str) -> Finding:
    """The class finding as it reads for one member (its key in place of the token)."""
    if f.subject != TOKEN and TOKEN not in f.message.zh + f.message.en + f.remediation.zh + f.remediation.en:
        return f
    return replace(
        f,
        subject=key,
        message=_sub(f.message, key),
        remediation=_sub(f.remediation, key),
        evidence=tuple(e.replace(TOKEN, key) for e in f.evidence),
        error=f.error.replace(TOKEN, key),
    )


def _sub(t: Text, key: str) -> Text:
    return Text(t.zh.replace(TOKEN, key), t.en.replace(TOKEN, key))


def _identity(item: Any) -> str:
    return getattr(item, KINDS[type(item)].identity[0])


def classes_of(items: Iterable[Any]) -> list[ItemClass]:
    """Group items (of one kind) by their facts (identity aside)."""
    by_proto: dict[Any, ItemClass] = {}
    for item in items:
        proto = prototype_of(item)
        c = by_proto.get(proto)
        if c is None:
            c = by_proto[proto] = ItemClass(proto)
        c.members.append(_identity(item))
    return list(by_proto.values())


def members_of(classes: Iterable[ItemClass]) -> tuple[Any, ...]:
    """The items behind the classes, each with its own key (the inverse of :func:`classes_of`)."""
    return tuple(replace(c.prototype, **dict.fromkeys(c.kind.identity, key)) for c in classes for key in c.members)
