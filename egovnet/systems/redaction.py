"""The one redaction path for classified systems: who may see a classified system's name, grade and
classification reference (定密文号), and how every output renders what the reader may not see (ADR 0010).

Decision: a classified system is *shown* to a reader only when it lies in the reader's scope
(``core.permissions.scope_q``, the same condition as the system's own list and API detail) AND the reader's
clearance covers its grade. Unclassified systems are always shown (their names are not secret). The decision
exists twice, with one meaning: as a SQL condition (:func:`shown_q`, annotated by :func:`annotate`) for lists,
exports, counts and searches, and in Python (:func:`may_see`) for one object already loaded.

Rendering: :func:`name`, :func:`grade`, :func:`ref` take an annotated row (or a dict from ``values()``);
finding texts of a hidden subject are the rule's generic, grade-free wording for the finding's outcome
(:func:`generic_text`, :func:`redact_stored_findings`, :func:`redact_engine_findings`).

Pages, htmx fragments, API serializers, exports, PDF/.docx builders, finding renderers and audit views call
these functions; none of them compares grades with clearances or tests scope on its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from django.db.models import BooleanField, Case, CharField, ExpressionWrapper, F, Q, QuerySet, Value, When

from egovnet.core import permissions

from .choices import GRADE_RANK

REDACTED_NAME = "【涉密系统，名称不予显示】"
REDACTED_NAME_EN = "[classified system — name withheld]"
GRADE_WORDS = ("秘密", "机密", "绝密", "mimi", "jimi", "juemi")
_GRADE_RE = re.compile("|".join(GRADE_WORDS), re.IGNORECASE)


def cleared_grades(user: Any) -> list[str]:
    """The grades the user's clearance covers (秘密 ⊂ 机密; 绝密 is above every clearance)."""
    rank = permissions.clearance_rank(user)
    return [g.value for g, r in GRADE_RANK.items() if r <= rank]


def shown_q(user: Any, prefix: str = "") -> Q:
    """SQL condition over systems (re-rooted at ``prefix``, e.g. ``"system__"``): the reader may see the
    system's name, grade and classification reference."""
    from .models import ApplicationSystem

    clearance = Q(**{f"{prefix}secrecy_grade__in": cleared_grades(user)})
    scope = permissions.scope_q(user, ApplicationSystem, "view", prefix)
    return Q(**{f"{prefix}is_classified": False}) | (clearance & scope)


def grade_in_scope(user: Any, is_classified: bool, grade: str) -> str:
    """The grade ``user`` sees of systems already known to lie in the user's scope (a summary row summed for
    the user's own scope): :func:`shown_q` with its scope term true, so clearance alone decides; "" = withheld."""
    if not is_classified:
        return grade
    return grade if grade in cleared_grades(user) else ""


def cleared_q(user: Any, prefix: str = "") -> Q:
    """Clearance alone, for a reader whose need to know comes from the task itself (see ``annotate``)."""
    return Q(**{f"{prefix}is_classified": False}) | Q(**{f"{prefix}secrecy_grade__in": cleared_grades(user)})


def annotate(queryset: QuerySet, user: Any, *, need_to_know: bool = False) -> QuerySet:
    """``name_visible`` / ``display_name`` / ``display_grade`` / ``display_ref`` on a systems queryset
    ("" when hidden): search, filters, sorting and counts run on these, never on the raw columns.

    ``need_to_know=True`` only where the caller has established that the systems were submitted to the reader's
    body for a decision (the authority a request is addressed to): the request gives the scope, clearance still
    decides."""
    cond = cleared_q(user) if need_to_know else shown_q(user)
    return queryset.annotate(
        name_visible=ExpressionWrapper(cond, output_field=BooleanField()),
        display_name=Case(When(cond, then=F("name")), default=Value(""), output_field=CharField()),
        display_grade=Case(When(cond, then=F("secrecy_grade")), default=Value(""), output_field=CharField()),
        display_ref=Case(When(cond, then=F("secrecy_ref")), default=Value(""), output_field=CharField()),
    )


def may_see(user: Any, system: Any) -> bool:
    """:func:`shown_q` for one loaded system (its owner is read for the scope test)."""
    if not system.is_classified:
        return True
    if GRADE_RANK.get(system.secrecy_grade, 99) > permissions.clearance_rank(user):
        return False
    from .models import ApplicationSystem

    return permissions.can_for_org(user, "view", ApplicationSystem, system.owner)


def snapshot_hidden(snapshot: dict | None, rank: int) -> bool:
    """An audit snapshot of a system records a grade above clearance ``rank`` (the reader's, as
    ``permissions.clearance_rank``): its name, grade and reference are withheld from that reader."""
    if not snapshot or not snapshot.get("is_classified"):
        return False
    return GRADE_RANK.get(snapshot.get("secrecy_grade") or "", 99) > rank


def _visible(row: Any) -> bool:
    value = row.get("name_visible") if isinstance(row, dict) else getattr(row, "name_visible", None)
    if value is None:
        raise ValueError("redaction: the row was not annotated by systems.redaction.annotate (fail closed)")
    return bool(value)


def _get(row: Any, field: str) -> Any:
    return row.get(field) if isinstance(row, dict) else getattr(row, field)


def name(row: Any) -> str:
    return _get(row, "display_name") if _visible(row) else REDACTED_NAME


def grade(row: Any) -> str:
    return (_get(row, "display_grade") or "") if _visible(row) else ""


def ref(row: Any) -> str:
    return (_get(row, "display_ref") or "") if _visible(row) else ""


def shown_name(user: Any, system: Any) -> str:
    """The name of one loaded system as ``user`` may read it."""
    return system.name if may_see(user, system) else REDACTED_NAME


# ---- finding texts -------------------------------------------------------------------------------------

_OUTCOME_TEXT = {
    "not_applicable": ("本条不适用于该对象。", "The rule does not apply to this subject."),
    "waived": ("已依据经批准的例外豁免。", "Waived by an approved deviation."),
    "indeterminate": ("无法判定，按未通过处理。", "Indeterminate; treated as not passing."),
}
HIDDEN = ("内容涉及您无权知悉的密级，已隐藏。", "Hidden: it concerns a classification above your clearance.")
_NEUTRAL_FAIL = ("不符合本条要求。", "Does not comply with this rule.")
_NEUTRAL_FIX = (
    "请按本条要求整改，或登记经批准的例外。",
    "Bring it into line with the rule or record an approved deviation.",
)


def has_grade_word(text: str) -> bool:
    return bool(_GRADE_RE.search(text or ""))


def _grade_free(pair: tuple[str, str], fallback: tuple[str, str]) -> tuple[str, str]:
    return fallback if any(has_grade_word(t) for t in pair) else pair


def generic_text(rule: Any, outcome: str) -> tuple[tuple[str, str], tuple[str, str]]:
    """(message, remediation) of ``rule`` for ``outcome`` as shown for a hidden subject: the rule's own pass
    or fail wording, never a sentence of the other outcome, and never a grade word. ``rule`` None (a rule no
    pack defines any more): the text is withheld (fail closed)."""
    outcome = str(outcome)
    if rule is None:  # nothing generic to show, so nothing at all
        return HIDDEN, ("", "")
    if outcome == "pass":
        return _grade_free((rule.passed.zh, rule.passed.en), ("符合本条要求。", "Complies with this rule.")), ("", "")
    if outcome in _OUTCOME_TEXT:
        return _OUTCOME_TEXT[outcome], ("", "")
    message = _grade_free((rule.message.zh, rule.message.en), _NEUTRAL_FAIL)
    fix = _grade_free((rule.remediation.zh, rule.remediation.en), _NEUTRAL_FIX)
    return message, fix


def _rules() -> dict[str, Any]:
    from egovnet.policy.engine.registry import all_packs

    return {r.id: r for p in all_packs() for r in p.rules.values()}


def annotate_findings(queryset: QuerySet, user: Any) -> QuerySet:
    """Stored findings (``policy.Finding``) annotated with ``subject_hidden``: the reader may see only the
    generic texts. True for a finding about a system whose grade is above the reader's clearance (the
    finding's scope is its own, through its owner), and for a finding about a project with an application
    hidden from the reader whose texts name an application or carry a grade word."""
    from django.apps import apps
    from django.db.models import Exists, OuterRef
    from django.db.models.functions import Cast

    applications = apps.get_model("projects", "ProjectApplication")._default_manager
    hidden_app = (
        applications.annotate(project_key=Cast("project_id", CharField()))
        .filter(project_key=OuterRef("subject_id"))
        .exclude(shown_q(user, "system__"))
    )
    telling = Q()
    for word in (*GRADE_WORDS, "app-"):
        for field in ("message_zh", "message_en", "remediation_zh", "remediation_en"):
            telling |= Q(**{f"{field}__icontains": word})
    rank = permissions.clearance_rank(user)
    hidden = Q(subject_type="system", secrecy_rank__gt=rank) | (
        Q(subject_type="project") & telling & Exists(hidden_app)
    )
    return queryset.annotate(subject_hidden=ExpressionWrapper(hidden, output_field=BooleanField()))


def stored_finding_hidden(row: Any, user: Any) -> bool:
    """Whether a stored finding (annotated by :func:`annotate_findings`; a live, unannotated registry finding
    is judged by its grade) shows only generic texts to ``user``."""
    get = row.get if isinstance(row, dict) else lambda k, d=None: getattr(row, k, d)
    hidden = get("subject_hidden")
    if hidden is None:
        return get("secrecy_rank", 0) > permissions.clearance_rank(user)
    return bool(hidden)


def redact_stored_findings(rows: Iterable[Any], user: Any) -> list[Any]:
    """Stored ``policy.Finding`` rows for ``user``: a hidden subject keeps the generic text of its outcome and
    no evidence. Sets ``redacted`` on every row."""
    rules = _rules()
    rows = list(rows)
    for row in rows:
        row.redacted = stored_finding_hidden(row, user)
        if row.redacted:
            (row.message_zh, row.message_en), (row.remediation_zh, row.remediation_en) = generic_text(
                rules.get(row.rule), row.outcome
            )
            row.evidence = []
    return rows


def redact_stored_row(user: Any, row: dict[str, Any]) -> dict[str, Any]:
    """One stored finding as a ``values()`` dict (exports)."""
    row["subject_hidden"] = stored_finding_hidden(row, user)
    if row["subject_hidden"]:
        message, fix = generic_text(_rules().get(row["rule"]), row["outcome"])
        row["message_zh"], row["remediation_zh"] = message[0], fix[0]
        if "message_en" in row:
            row["message_en"], row["remediation_en"] = message[1], fix[1]
    return row


_APP_KEY = re.compile(r"\bapp-(\d+)\b")


def hidden_app_keys(user: Any, applications: QuerySet) -> set[str]:
    """Engine keys (``app-<application pk>``) of the project applications (a ``ProjectApplication`` queryset)
    whose system ``user`` may not see. One query."""
    rows = applications.exclude(shown_q(user, "system__"))
    return {f"app-{pk}" for pk in rows.values_list("pk", flat=True)}


def texts_hidden(subject: str, texts: Iterable[str], hidden_keys: set[str]) -> bool:
    """A project finding speaks of a hidden application: its subject is one, or its text names one, or (the
    project has one) its text carries a grade word."""
    if not hidden_keys:
        return False
    texts = [t or "" for t in texts]
    if subject in hidden_keys or any(f"app-{m}" in hidden_keys for t in texts for m in _APP_KEY.findall(t)):
        return True
    return any(has_grade_word(t) for t in texts)


def redact_engine_findings(findings: Iterable[Any], hidden_keys: set[str]) -> list[Any]:
    """Engine findings (``policy.engine.model.Finding``) of a project, for a reader who may not see the
    applications ``hidden_keys``: those about them keep the generic text of their outcome, no evidence."""
    from egovnet.policy.engine.model import Text

    rules = _rules()
    out = []
    for f in findings:
        texts = (f.message.zh, f.message.en, f.remediation.zh, f.remediation.en)
        if texts_hidden(f.subject, texts, hidden_keys):
            message, fix = generic_text(rules.get(f.rule), f.outcome)
            f = replace(f, message=Text(*message), remediation=Text(*fix), evidence=())
        out.append(f)
    return out


def redact_failing(row: Any, hidden_keys: set[str]) -> Any:
    """A flat failing-rule record (``message_zh`` … ``remediation_en`` attributes, e.g. a gate verdict's)."""
    texts = (row.message_zh, row.message_en, row.remediation_zh, row.remediation_en)
    if not texts_hidden(row.subject, texts, hidden_keys):
        return row
    (mz, me), (rz, re_) = generic_text(_rules().get(row.rule), row.outcome)
    return replace(row, message_zh=mz, message_en=me, remediation_zh=rz, remediation_en=re_)
