"""Rule, finding and pack types of the clause-traced engine (pure Python, no ORM)."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from egovnet.policy.facts import Snapshot


class Strength(enum.StrEnum):
    MUST = "MUST"
    IN_PRINCIPLE = "IN_PRINCIPLE"
    GOAL = "GOAL"
    INFO = "INFO"

    @property
    def blocking(self) -> bool:
        """Only MUST and IN-PRINCIPLE rules can block a gate; GOAL and INFO rules are advisory."""
        return self in (Strength.MUST, Strength.IN_PRINCIPLE)


class Outcome(enum.StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not_applicable"
    WAIVED = "waived"
    INDETERMINATE = "indeterminate"


# Text, Finding and Draft are made in the hundreds of thousands by a national sweep: plain slotted classes
# with a value hash (``unsafe_hash``) cost a fifth of a frozen dataclass to create (frozen ones set every field
# through ``object.__setattr__``). They are still treated as immutable: nothing assigns to their fields, the
# engine derives changed copies with ``dataclasses.replace``.
@dataclass(slots=True, unsafe_hash=True)
class Text:
    """A bilingual text: 简体中文 first, English second."""

    zh: str
    en: str

    def __str__(self) -> str:
        return f"{self.zh} / {self.en}" if self.zh and self.en else (self.zh or self.en)


@dataclass(slots=True, unsafe_hash=True)
class Finding:
    rule: str
    article: int
    paragraph: int | None
    outcome: Outcome
    strength: Strength
    subject: str
    message: Text
    remediation: Text = Text("", "")
    evidence: tuple[str, ...] = ()
    pack: str = ""
    error: str = ""
    deviation: str = ""

    @property
    def is_blocking_outcome(self) -> bool:
        return self.outcome in (Outcome.FAIL, Outcome.INDETERMINATE) and self.strength.blocking


@dataclass(slots=True, unsafe_hash=True)
class Draft:
    """What a rule function yields; the engine completes it into a :class:`Finding`."""

    outcome: Outcome
    subject: str
    message: Text | None = None
    remediation: Text | None = None
    evidence: tuple[str, ...] = ()


def passed(subject: str, zh: str = "", en: str = "", evidence: Iterable[str] = ()) -> Draft:
    return Draft(Outcome.PASS, subject, Text(zh, en) if (zh or en) else None, None, tuple(evidence))


def failed(subject: str, zh: str, en: str, fix_zh: str = "", fix_en: str = "", evidence: Iterable[str] = ()) -> Draft:
    fix = Text(fix_zh, fix_en) if (fix_zh or fix_en) else None
    return Draft(Outcome.FAIL, subject, Text(zh, en), fix, tuple(evidence))


def not_applicable(subject: str, zh: str, en: str) -> Draft:
    return Draft(Outcome.NOT_APPLICABLE, subject, Text(zh, en))


RuleFunc = Callable[[Snapshot, "RuleContext"], Iterable[Draft]]


@dataclass(frozen=True)
class RuleContext:
    """Read-only context handed to a rule: the pack's parameters and the jurisdiction resolver."""

    params: Mapping[str, Any]
    pack_id: str
    directory: Any = None  # egovnet.policy.engine.jurisdiction.DivisionDirectory


@dataclass(frozen=True)
class Rule:
    id: str
    article: int
    strength: Strength
    title: Text
    message: Text
    remediation: Text
    func: RuleFunc
    paragraph: int | None = None
    gates: tuple[str, ...] = ()
    effective_from: dt.date | None = None
    effective_to: dt.date | None = None
    status: str = "active"  # active | reconstructed | historical
    interpretation: str = ""
    waivable: bool = True  # some IN-PRINCIPLE-looking items are never waivable
    pack: str = ""
    # What a pass says when the rule gives no text of its own (and what a hidden subject's pass shows):
    # every rule has a pass text and a fail text (``message``), so no outcome ever carries the other's sentence.
    passed: Text = Text("符合。", "Complies.")
    # A per-application (per-department) rule: its findings about an application (department) depend only on
    # these fields of that item (and the rule context), so the engine may judge equal items once
    # (``engine.grouped``). ``None``: the rule reads the snapshot as a whole.
    app_fields: tuple[str, ...] | None = None
    department_fields: tuple[str, ...] | None = None

    @property
    def clause(self) -> str:
        return f"§{self.article}" + (f"¶{self.paragraph}" if self.paragraph else "")

    @property
    def clause_zh(self) -> str:
        return f"第{_ZH_NUM[self.article]}条" + (f"第{self.paragraph}款" if self.paragraph else "")

    def in_force(self, on: dt.date) -> bool:
        return (self.effective_from is None or self.effective_from <= on) and (
            self.effective_to is None or on <= self.effective_to
        )


_ZH_NUM = {
    1: "一",
    2: "二",
    3: "三",
    4: "四",
    5: "五",
    6: "六",
    7: "七",
    8: "八",
    9: "九",
    10: "十",
    11: "十一",
    12: "十二",
}


def _known_fields(
    rule_id: str, names: Iterable[str] | None, fact: str, identity: tuple[str, ...]
) -> tuple[str, ...] | None:
    if names is None:
        return None
    from dataclasses import fields

    from egovnet.policy import facts

    known = {f.name for f in fields(getattr(facts, fact))} - set(identity)
    unknown = set(names) - known
    if unknown:
        raise ValueError(f"{rule_id}: names unknown {fact} fields {sorted(unknown)}")
    return tuple(sorted(set(names)))


def rule_sort_key(rule_id: str) -> tuple[int, ...]:
    """Rules in clause order ("R-4.10" after "R-4.9"): the numbers of the id, non-numeric parts as 0."""
    return tuple(int(p) if p.isdigit() else 0 for p in rule_id.split("-", 1)[-1].split("."))


def article_zh(article: int) -> str:
    return f"第{_ZH_NUM.get(article, str(article))}条"


@dataclass
class Pack:
    """A policy pack: a set of rules with an effective period and parameters.

    Rules register themselves with :meth:`rule` (a decorator). Adding a pack never changes the engine.
    """

    id: str
    title: Text
    effective_from: dt.date
    effective_to: dt.date | None = None
    params: dict[str, Any] = field(default_factory=dict)
    rules: dict[str, Rule] = field(default_factory=dict)
    gates: dict[str, Text] = field(default_factory=dict)  # gates this pack introduces (name → description)

    def in_force(self, on: dt.date) -> bool:
        return self.effective_from <= on and (self.effective_to is None or on <= self.effective_to)

    def rule(
        self,
        rule_id: str,
        *,
        article: int,
        strength: Strength,
        title: tuple[str, str],
        message: tuple[str, str],
        remediation: tuple[str, str],
        paragraph: int | None = None,
        gates: Iterable[str] = (),
        effective_from: dt.date | None = None,
        effective_to: dt.date | None = None,
        status: str = "active",
        interpretation: str = "",
        waivable: bool = True,
        app_fields: Iterable[str] | None = None,
        department_fields: Iterable[str] | None = None,
        passed: tuple[str, str] | None = None,
    ) -> Callable[[RuleFunc], RuleFunc]:
        if not 1 <= article <= 12:
            raise ValueError(f"{rule_id}: article must be 1–12")

        def register(func: RuleFunc) -> RuleFunc:
            if rule_id in self.rules:
                raise ValueError(f"rule {rule_id} registered twice in pack {self.id}")
            self.rules[rule_id] = Rule(
                id=rule_id,
                article=article,
                paragraph=paragraph,
                strength=strength,
                title=Text(*title),
                message=Text(*message),
                remediation=Text(*remediation),
                func=func,
                gates=tuple(gates),
                effective_from=effective_from,
                effective_to=effective_to,
                status=status,
                interpretation=interpretation,
                waivable=waivable,
                pack=self.id,
                passed=Text(*passed) if passed else Text(f"符合：{title[0]}。", f"Complies: {title[1]}."),
                app_fields=_known_fields(rule_id, app_fields, "Application", ("id", "name")),
                department_fields=_known_fields(rule_id, department_fields, "DepartmentConnection", ("department",)),
            )
            return func

        return register
