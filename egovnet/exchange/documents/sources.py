"""Data sources wired to the lifecycle (projects) and the rules engine (policy).

``project_review_sheet(project_id, reader)`` builds the 项目网络使用合规审查表 from the project the
reader may see (``projects.queries.visible_projects``), the engine's findings for every gate of the
packs in force at the project's act date, its evidence (references only) and its applications'
placement (redacted for the reader). Registered as the ``review_sheet`` source in ``apps.ready``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from egovnet.core import permissions
from egovnet.geo.models import Division
from egovnet.migration.services.progress import by_province, nation
from egovnet.networks.planning.coverage import compute_coverage
from egovnet.networks.planning.targets import targets_report
from egovnet.policy.choices import FindingOutcome, SweepStatus
from egovnet.policy.engine import GATES, packs_in_force
from egovnet.policy.engine.model import rule_sort_key
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import Finding, SweepRun
from egovnet.policy.packs.ndrc_2012_1986.placement import required_network
from egovnet.projects.facts import app_id
from egovnet.projects.judged import lifecycle_findings
from egovnet.projects.queries import visible_projects
from egovnet.systems import redaction
from egovnet.systems.models import ApplicationSystem

from .data import EvidenceItem, GateResult, ReviewSheetData, RuleResult

# The worst outcome wins when a rule yields findings for several subjects (fail closed).
SEVERITY = ["fail", "indeterminate", "waived", "pass", "not_applicable"]


def _worst(outcomes: list[str]) -> str:
    return min(outcomes, key=lambda o: SEVERITY.index(o) if o in SEVERITY else 0)


def _gates(findings: list[Any], rules: dict[str, Any]) -> list[GateResult]:
    by_rule: dict[str, list[Any]] = defaultdict(list)
    for finding in findings:
        by_rule[finding.rule].append(finding)
    gates = []
    for code, name in GATES.items():
        results = []
        for rule in sorted((r for r in rules.values() if code in r.gates), key=lambda r: rule_sort_key(r.id)):
            found = by_rule.get(rule.id, [])
            outcome = _worst([str(f.outcome) for f in found]) if found else "not_evaluated"
            worst = [f for f in found if str(f.outcome) == outcome]
            message = "；".join(dict.fromkeys(f.message.zh for f in worst if f.message.zh))
            results.append(
                RuleResult(rule.id, rule.citation.zh, rule.title.zh, outcome, message, blocking=rule.strength.blocking)
            )
        if results:
            gates.append(GateResult(code, name.zh, results))
    return gates


def _open_items(findings: list[Any]) -> list[str]:
    items = []
    for f in findings:
        if f.is_blocking_outcome:
            fix = f.remediation.zh or f.message.zh
            items.append(f"{f.rule}（{f.citation.zh}）{f.message.zh} 整改：{fix}")
    return list(dict.fromkeys(items))


def _evidence(project: Any) -> list[EvidenceItem]:
    rows = project.evidence.select_related("issuer").order_by("date", "id")
    return [
        EvidenceItem(
            kind=f"{e.get_doc_type_display()}{'：' + e.title if e.title and not e.opaque else ''}",
            reference=e.ref_no or "（未填文号）",
            issuer=e.issuer.name if e.issuer_id else "",
            date=e.date,
            opaque=e.opaque,
            note=e.get_result_display() if e.result else "",
        )
        for e in rows
    ]


def project_review_sheet(project_id: int, reader: Any) -> ReviewSheetData:
    """The review sheet of a project the reader may see (``ObjectDoesNotExist`` otherwise)."""
    from ..importers import glossary
    from .builders import placements_for

    project = visible_projects(reader).select_related("owner__division").filter(pk=project_id).first()
    if project is None:
        raise ObjectDoesNotExist(f"项目 {project_id} 不存在或不在您的查看范围内 / no such project in your scope")
    # each gate already passed is judged on the evidence and by the packs of its passing (projects.judged)
    findings, rules, snapshot = lifecycle_findings(project.pk, on=timezone.localdate())
    packs = packs_in_force(snapshot.evaluation_date)
    hidden = redaction.hidden_app_keys(reader, project.applications.all())
    findings = redaction.redact_engine_findings(findings, hidden)  # texts about hidden applications: generic
    apps = list(project.applications.order_by("id").values_list("pk", "system_id"))
    systems = ApplicationSystem.objects.filter(pk__in=[s for _, s in apps])
    placements = placements_for(systems, reader, restrict_scope=False)  # the project's visibility covers them
    facts = {a.id: a for a in snapshot.applications}
    by_system = {s: facts.get(app_id(pk)) for pk, s in apps}
    for placement in placements:
        fact = by_system.get(placement.system_id)
        if fact is not None and (not placement.classified or placement.grade):  # withheld grade: no inference
            expected = required_network(fact) or ""
            placement.expected_network = glossary.TARGET_NETWORK.get(expected, "未定 undetermined")
    day = snapshot.evaluation_date
    devs = [f"{d.rule}：{d.reason}" for d in snapshot.deviations if d.approved and d.expires and d.expires >= day]
    open_items = _open_items(findings) + ([] if packs else ["没有生效的政策规则包，无法判定 / no policy pack in force"])
    return ReviewSheetData(
        project_name=project.name,
        project_code=project.national_approval_ref or f"P-{project.pk:06d}",
        owner=project.owner.name,
        level=glossary.LEVEL.get(project.owner.level, project.owner.level),
        division=f"{project.owner.division.name} {project.owner.division_id}",
        stage=project.get_stage_display(),
        project_type=project.get_kind_display(),
        funding=project.get_approval_regime_display(),
        applications=placements,
        gates=_gates(findings, rules),
        evidence=_evidence(project),
        open_items=open_items + [f"已批准的偏离 approved deviation — {d}" for d in devs],
        policy_pack="、".join(p.title.zh or p.id for p in packs) or "发改高技[2012]1986号",
    )


def national_coverage(reader: Any) -> tuple[list[Any], str]:
    """Issue 5: extranet coverage of each province's counties (prefectures where it has no counties)."""
    from django.utils import timezone

    from .data import ProvinceFigure

    report = compute_coverage(timezone.localdate())
    figures = []
    for p in report.provinces:
        shares = p.counts.shares()
        value = shares["county_coverage"] if shares["county_coverage"] is not None else shares["prefecture_coverage"]
        c = p.counts
        detail = f"地市 {c.prefectures_covered}/{c.prefectures_total}，区县 {c.counties_covered}/{c.counties_total}"
        figures.append(ProvinceFigure(p.code, p.name, float(value or 0.0), detail))
    n = report.national.shares()
    note = (
        f"政务外网覆盖（第三条）：全国地市覆盖率 {n['prefecture_coverage'] or 0}%，区县覆盖率 {n['county_coverage'] or 0}%，"
        f"省级平台与中央骨干网连通 {report.provinces_linked} 个省份。图中数值为各省区县覆盖率。"
    )
    return figures, note


def national_migration(reader: Any) -> tuple[list[Any], str]:
    """Issue 6: share of migration items done, by province (central departments as 中央), in the reader's scope."""
    from .data import ProvinceFigure

    rows = by_province(reader)
    figures = [
        ProvinceFigure(
            str(r["region"]), r["name"], float(r["percent"]), f"{r['migrated']}/{r['total']}，逾期 {r['overdue']}"
        )
        for r in rows
    ]
    total = nation(reader)
    note = (
        f"业务专网迁移（第四条、第十二条）：迁移事项 {total['total']} 项，已完成 {total['migrated']} 项"
        f"（{total['percent']}%），逾期 {total['overdue']} 项（按阅读人管辖范围统计）。"
    )
    return figures, note


def national_targets(reader: Any) -> list[Any]:
    """Issue 5: programme targets and their current values."""
    from .data import Target

    out = []
    for t in targets_report()["targets"]:
        label = f"{t['title']}（{t['article']}，{t['status_label']}，期限 {t['deadline']}）"
        out.append(Target(label, float(t["target_percent"] or 0), float(t["current_percent"] or 0)))
    return out


def national_findings(reader: Any) -> tuple[list[Any], list[Any]]:
    """Issue 3: failing findings stored by the engine in the reader's scope, by article/rule and by province;
    passes are not stored (ADR 0351), so the passing column is the last national sweep's count."""
    from django.db.models import Count, Q

    from .data import ArticleFindings, ProvinceFigure

    qs = permissions.restrict(Finding.objects.all(), reader, "view")
    open_q = Q(outcome__in=[FindingOutcome.FAIL, FindingOutcome.INDETERMINATE])
    failing = dict(qs.filter(open_q).values_list("rule").annotate(n=Count("pk")).order_by())
    run = SweepRun.objects.filter(status=SweepStatus.DONE, province="").order_by("-pk").first()
    by_rule = run.counts.get("by_rule", {}) if run else {}
    passing = {rule: n.get(FindingOutcome.PASS, 0) for rule, n in by_rule.items()}
    articles = {r.id: r.citation.zh for p in all_packs() for r in p.rules.values()}
    shown = sorted(
        {r for r, n in failing.items() if n} | {r for r, n in passing.items() if n},
        key=rule_sort_key,
    )
    by_article = [ArticleFindings(articles.get(r, "—"), r, failing.get(r, 0), passing.get(r, 0)) for r in shown]
    counts = qs.filter(open_q).values("province_code").annotate(n=Count("pk")).order_by("province_code")
    names = dict(Division.objects.filter(level="province").values_list("code", "name"))
    by_province = [
        ProvinceFigure(r["province_code"] or "central", names.get(r["province_code"], "中央 Central"), float(r["n"]))
        for r in counts
    ]
    return by_article, by_province
