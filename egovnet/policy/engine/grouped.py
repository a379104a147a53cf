"""Judging equal applications once: the engine's fast path for per-application rules over registry batches.

A rule declared with ``app_fields`` judges each application on those fields alone. Over a national batch most
applications share them (186k systems fall into a few hundred classes for the placement rules), so the rule
runs once per class, on a one-application snapshot whose application is the class *prototype*:

- its ``id`` and ``name`` are :data:`TOKEN`, which the caller replaces by each member's key in the texts it
  keeps (:func:`for_member`);
- every field the rule did not declare is :data:`UNREAD`, which raises on any use, so a rule that reads an
  undeclared field fails closed (indeterminate) instead of judging a whole class on one member's value.

The result is the list of ``(finding, members)`` pairs: the finding applies to every member. Equivalence with
the plain evaluation of the whole snapshot is asserted in ``tests/test_grouped.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields, replace

from egovnet.policy.engine.evaluate import run_rule
from egovnet.policy.engine.model import Finding, Rule, RuleContext, Text
from egovnet.policy.facts import Application, Snapshot

TOKEN = "\x1fapp\x1f"
_APP_FIELDS = tuple(f.name for f in fields(Application) if f.name not in ("id", "name"))


class _Unread:
    """An application field the rule did not declare: any use raises (comparison, truth, text, iteration)."""

    __slots__ = ()

    def _refuse(self, *_args: object, **_kwargs: object) -> None:
        raise AttributeError("rule read an application field it did not declare in app_fields")

    __eq__ = __ne__ = __lt__ = __le__ = __gt__ = __ge__ = __bool__ = __str__ = __format__ = _refuse  # type: ignore[assignment]
    __iter__ = __len__ = __contains__ = __getitem__ = __hash__ = __int__ = __float__ = _refuse  # type: ignore[assignment]

    def __repr__(self) -> str:
        return "UNREAD"


UNREAD = _Unread()


@dataclass
class AppClass:
    """Applications with equal facts (all fields but id and name): a prototype and its members' keys."""

    prototype: Application  # id == name == TOKEN
    members: list[str] = field(default_factory=list)


def prototype_of(app: Application, fields: Iterable[str] | None = None) -> Application:
    """The class prototype of ``app``: id and name are the token; with ``fields``, every other field is
    :data:`UNREAD` (the class is defined on those fields only)."""
    keep = None if fields is None else set(fields)
    masked = {} if keep is None else {name: UNREAD for name in _APP_FIELDS if name not in keep}
    return replace(app, id=TOKEN, name=TOKEN, **masked)


def declared_app_fields(rules: Iterable[Rule]) -> tuple[str, ...]:
    """The application fields the per-application rules among ``rules`` read (their union)."""
    return tuple(sorted({name for r in rules if r.app_fields is not None for name in r.app_fields}))


def evaluate_grouped(
    rule: Rule, classes: Sequence[AppClass], ctx: RuleContext, on: dt.date
) -> list[tuple[Finding, list[str]]]:
    """Run a per-application rule once per class of applications equal on its ``app_fields``."""
    if rule.app_fields is None:
        raise ValueError(f"{rule.id} is not a per-application rule")
    wanted = rule.app_fields
    masked = {name: UNREAD for name in _APP_FIELDS if name not in wanted}
    merged: dict[tuple, tuple[AppClass, list[str]]] = {}
    for c in classes:
        key = tuple(getattr(c.prototype, name) for name in wanted)
        entry = merged.get(key)
        if entry is None:
            merged[key] = (c, list(c.members))
        else:
            entry[1].extend(c.members)
    out: list[tuple[Finding, list[str]]] = []
    for c, members in merged.values():
        snap = Snapshot(evaluation_date=on, applications=(replace(c.prototype, **masked),))
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


def classes_of(apps: Iterable[Application]) -> list[AppClass]:
    """Group applications by their facts (id and name aside)."""
    by_proto: dict[Application, AppClass] = {}
    for app in apps:
        proto = prototype_of(app)
        c = by_proto.get(proto)
        if c is None:
            c = by_proto[proto] = AppClass(proto)
        c.members.append(app.id)
    return list(by_proto.values())


def members_of(classes: Iterable[AppClass]) -> tuple[Application, ...]:
    """The applications behind the classes, each with its own key (the inverse of :func:`classes_of`)."""
    return tuple(replace(c.prototype, id=key, name=key) for c in classes for key in c.members)
