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
    document: str = ""  # the short reference of the document the rule cites, e.g. 发改高技〔2012〕1986号

    @property
    def citation(self) -> Text:
        """The full clause: 《发改高技〔2012〕1986号》第九条 / NDRC [2012] No. 1986, art. 9."""
        return cite(self.document, self.article, self.paragraph)

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
    """Read-only context handed to a rule: the parameter values on the evaluation date, the dated parameters
    themselves (to read a value on the date of an earlier act) and the jurisdiction resolver."""

    params: Mapping[str, Any]
    pack_id: str
    directory: Any = None  # egovnet.policy.engine.jurisdiction.DivisionDirectory
    parameters: Mapping[str, Any] = field(default_factory=dict)  # name → engine.params.Parameter

    def param_on(self, name: str, on: dt.date) -> Any:
        """The value of a parameter on the date of an act (falls back to the evaluation-date value when the
        parameter is not dated in this context)."""
        p = self.parameters.get(name)
        return p.at(on) if p is not None else self.params[name]


@dataclass(frozen=True)
class Document:
    """A legal document a pack puts into practice: its short reference (文号), title and article count."""

    ref: str  # 发改高技〔2012〕1986号
    title: str  # 关于进一步加强国家电子政务网络建设和应用工作的通知
    en: str  # NDRC [2012] No. 1986
    articles: int | None = None  # number of articles, when known (citations beyond it are refused)
    source: str = ""  # where the text was read


DOCUMENTS: dict[str, Document] = {}


def register_document(doc: Document) -> Document:
    DOCUMENTS[doc.ref] = doc
    return doc


def cite(document: str, article: int, paragraph: int | None = None) -> Text:
    """《文号》第N条第M款 / <en>, art. N ¶M. Without a document the bare article (never happens for pack rules)."""
    clause_zh = article_zh(article) + (f"第{_zh_number(paragraph)}款" if paragraph else "")
    clause_en = f"art. {article}" + (f" ¶{paragraph}" if paragraph else "")
    doc = DOCUMENTS.get(document)
    if not document:
        return Text(clause_zh, clause_en)
    en = doc.en if doc else document
    return Text(f"《{document}》{clause_zh}", f"{en}, {clause_en}")


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
    document: str = ""  # short reference of the cited document (the pack's, unless the rule names another)
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
        return article_zh(self.article) + (f"第{_zh_number(self.paragraph)}款" if self.paragraph else "")

    @property
    def citation(self) -> Text:
        return cite(self.document, self.article, self.paragraph)

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


def _zh_number(n: int) -> str:
    """Chinese numerals for article and paragraph numbers (1–99)."""
    if n in _ZH_NUM:
        return _ZH_NUM[n]
    if 10 < n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _ZH_NUM[tens]) + "十" + (_ZH_NUM[ones] if ones else "")
    return str(n)


def article_zh(article: int) -> str:
    return f"第{_zh_number(article)}条"


@dataclass
class Pack:
    """A policy pack: a set of rules with an effective period and parameters.

    Rules register themselves with :meth:`rule` (a decorator). Adding a pack never changes the engine.
    """

    id: str
    title: Text
    effective_from: dt.date
    effective_to: dt.date | None = None
    params: dict[str, Any] = field(default_factory=dict)  # name → engine.params.Parameter (or a bare value)
    rules: dict[str, Rule] = field(default_factory=dict)
    gates: dict[str, Text] = field(default_factory=dict)  # gates this pack introduces (name → description)
    document: Document | None = None  # the document its rules cite by default

    def __post_init__(self) -> None:
        if self.document is not None:
            register_document(self.document)

    @property
    def parameters(self) -> dict[str, Any]:
        """The pack's parameters as dated ``engine.params.Parameter``s (a bare value: one period from the pack's
        start, no reference)."""
        from egovnet.policy.engine.params import normalise

        return normalise(self.id, self.effective_from, self.params)

    def param(self, name: str, on: dt.date) -> Any:
        """This pack's own value of a parameter on a date (callers outside the engine, e.g. funding)."""
        return self.parameters[name].at(on)

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
        document: Document | None = None,
    ) -> Callable[[RuleFunc], RuleFunc]:
        doc = document or self.document
        if doc is not None and document is not None:
            register_document(doc)
        limit = doc.articles if doc is not None and doc.articles else None
        if article < 1 or (limit is not None and article > limit):
            raise ValueError(f"{rule_id}: {doc.ref if doc else 'the document'} has no article {article}")

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
                document=doc.ref if doc else "",
                app_fields=_known_fields(rule_id, app_fields, "Application", ("id", "name")),
                department_fields=_known_fields(rule_id, department_fields, "DepartmentConnection", ("department",)),
            )
            return func

        return register
