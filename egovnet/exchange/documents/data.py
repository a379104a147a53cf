"""Plain data the documents are rendered from: filled by builders (one per data source), never the ORM."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

OUTCOME_ZH = {
    "pass": "通过",
    "fail": "不通过",
    "not_applicable": "不适用",
    "waived": "已豁免（经批准偏离）",
    "indeterminate": "无法判定",
    "not_evaluated": "未评估",
}
NOT_PASSING = {"fail", "indeterminate", "not_evaluated"}  # fail closed


@dataclass
class ApplicationPlacement:
    """One application of the project and where it runs / will run (names already redacted for the reader)."""

    name: str
    owner: str
    classified: bool
    grade: str  # 中文 grade or "" when withheld / not classified
    mlps_level: int | None
    current_network: str
    target_network: str
    expected_network: str = ""  # from the engine (R-4.2–4.4); "" until wired
    deviation_ref: str = ""
    note: str = ""
    system_id: int | None = None


@dataclass
class RuleResult:
    rule_id: str  # "R-9.2"
    article: str  # "第九条"
    title: str
    outcome: str  # pass | fail | not_applicable | waived | indeterminate | not_evaluated
    message: str = ""
    blocking: bool = True

    @property
    def outcome_zh(self) -> str:
        return OUTCOME_ZH.get(self.outcome, self.outcome)


@dataclass
class GateResult:
    code: str  # "G-PROPOSAL-SUBMIT"
    name: str  # 中文 name
    rules: list[RuleResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not any(r.blocking and r.outcome in NOT_PASSING for r in self.rules)


@dataclass
class EvidenceItem:
    kind: str  # 中文 kind, e.g. 保密审查意见
    reference: str  # document number (文号) — for classified evidence an opaque reference only
    issuer: str = ""
    date: dt.date | None = None
    opaque: bool = False
    note: str = ""


@dataclass
class ReviewSheetData:
    """项目网络使用合规审查表."""

    project_name: str
    project_code: str
    owner: str
    level: str
    division: str
    stage: str
    project_type: str = ""
    funding: str = ""
    applications: list[ApplicationPlacement] = field(default_factory=list)
    gates: list[GateResult] = field(default_factory=list)
    evidence: list[EvidenceItem] = field(default_factory=list)
    open_items: list[str] = field(default_factory=list)
    generated_at: dt.datetime | None = None
    generated_by: str = ""
    policy_pack: str = "发改高技[2012]1986号"

    @property
    def articles(self) -> list[str]:
        return list(dict.fromkeys(r.article for g in self.gates for r in g.rules))


@dataclass
class ProvinceFigure:
    code: str  # "410000"
    name: str
    value: float
    detail: str = ""


@dataclass
class Target:
    name: str
    target: float
    actual: float
    unit: str = "%"


@dataclass
class ArticleFindings:
    article: str
    rule_id: str
    failing: int
    passing: int = 0


@dataclass
class NationalReportData:
    """全国政务网络建设进展报告."""

    title: str = "国家电子政务网络建设进展报告"
    period: str = ""
    generated_at: dt.datetime | None = None
    generated_by: str = ""
    coverage: list[ProvinceFigure] = field(default_factory=list)  # value = % coverage
    coverage_note: str = ""
    migration: list[ProvinceFigure] = field(default_factory=list)  # value = % of dedicated-network systems migrated
    migration_note: str = ""
    targets: list[Target] = field(default_factory=list)
    findings_by_article: list[ArticleFindings] = field(default_factory=list)
    findings_by_province: list[ProvinceFigure] = field(default_factory=list)  # value = open findings
    totals: dict[str, int] = field(default_factory=dict)
    todo: list[str] = field(default_factory=list)  # sections whose data source is not wired yet
