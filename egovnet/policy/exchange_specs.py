"""Export-only registry of the findings list: the list's filters, scope and redaction, 中文 headers.

Registered with ``egovnet.exchange`` in ``PolicyConfig.ready()``. Rows are scoped by ``views.scoped_findings``
and filtered by ``views.filter_findings`` (the list's own query parameters); a finding about a classified
system above the reader's clearance carries the rule's generic message and remediation, as on the screen
(``views.redact``), and an unknown rule's text is withheld (fail closed). Findings are written by the sweep,
never imported: the spec is ``importable=False`` and its create/update refuse.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from egovnet.core.errors import ServiceError
from egovnet.exchange.importers import Column, RegistrySpec, register
from egovnet.exchange.importers.registries import _choice
from egovnet.exchange.importers.spec import BOOL
from egovnet.systems import redaction

from .choices import FindingOutcome, RuleStrength, SubjectType
from .engine.model import cite
from .engine.registry import all_packs
from .models import Finding

OUTCOME_ZH = {
    FindingOutcome.PASS: "通过",
    FindingOutcome.FAIL: "不符合",
    FindingOutcome.NOT_APPLICABLE: "不适用",
    FindingOutcome.WAIVED: "已豁免",
    FindingOutcome.INDETERMINATE: "无法判定",
}
STRENGTH_ZH = {
    RuleStrength.MUST: "必须",
    RuleStrength.IN_PRINCIPLE: "原则上",
    RuleStrength.GOAL: "目标",
    RuleStrength.INFO: "提示",
}
SUBJECT_ZH = {
    SubjectType.SYSTEM: "应用系统",
    SubjectType.NETWORK: "网络",
    SubjectType.ORGANISATION: "组织机构",
    SubjectType.PROVINCE: "省份",
    SubjectType.PROJECT: "建设项目",
}


class ListFilters:
    """The findings list's filters (``views.filter_findings``) behind the FilterSet interface the exporter uses."""

    def __init__(self, data: Any = None, queryset: QuerySet | None = None) -> None:
        from .views import filter_findings

        self.qs = filter_findings(queryset if queryset is not None else Finding.objects.all(), data or {})


def _scope(reader: Any) -> QuerySet:
    from .views import scoped_findings

    return scoped_findings(reader)


def _annotate(queryset: QuerySet, reader: Any) -> QuerySet:
    """What the reader may not see of each finding's subject (``systems.redaction.annotate_findings``)."""
    if "subject_hidden" in queryset.query.annotations:
        return queryset
    return redaction.annotate_findings(queryset, reader)


def _row(reader: Any, row: dict[str, Any]) -> dict[str, Any]:
    """The full clause (《文号》第N条) for the article; a hidden subject keeps only the rule's generic text of the
    outcome (the one redaction path)."""
    rule = next((p.rules[row["rule"]] for p in all_packs() if row["rule"] in p.rules), None)
    clause = cite(rule.document, row["article"], rule.paragraph).zh if rule else f"第{row['article']}条"
    return redaction.redact_stored_row(reader, {**row, "article": clause})


def _refuse(**_: Any) -> Any:
    raise ServiceError(
        "检查结果只能导出，不能导入；由规则巡检生成。 / Findings are export-only: the policy sweep writes them.",
        code="export_only",
    )


def _ro(field: str, header: str, **kw: Any) -> Column:
    return Column(field, header, importable=False, **kw)


FINDINGS = RegistrySpec(
    name="findings",
    title="规则检查结果 Findings",
    model=Finding,
    columns=[
        _choice("subject_type", "对象类型 Subject type", SubjectType.choices, SUBJECT_ZH, importable=False),
        _ro("subject_id", "对象编号 Subject id"),
        _ro("subject_label", "对象 Subject"),
        _ro("rule", "规则 Rule"),
        _ro("article_zh", "条款 Article", export_field="article"),
        _choice("outcome", "结论 Outcome", FindingOutcome.choices, OUTCOME_ZH, importable=False),
        _choice("strength", "强度 Strength", RuleStrength.choices, STRENGTH_ZH, importable=False),
        _ro("message_zh", "说明 Message (zh)"),
        _ro("remediation_zh", "整改 Remediation (zh)"),
        _ro("province_code", "省份 Province"),
        _ro("evaluated_at", "检查时间 Evaluated at"),
        _ro("redacted", "已脱敏 Redacted", kind=BOOL, export_field="subject_hidden"),
    ],
    create=_refuse,
    update=_refuse,
    obj_kw="finding",
    owner_field="owner",
    redact=_row,
    annotate=_annotate,
    filterset=ListFilters,
    importable=False,
    scope=_scope,
)


def register_specs() -> None:
    register(FINDINGS)
