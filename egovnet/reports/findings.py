"""Network findings for the dashboards: the engine's R-2.x / R-3.x / R-5.x rules over the registry facts.

The database side is ``networks.planning.facts`` (records shaped like the engine's fact dataclasses); the
rules are the engine's (``egovnet.policy``), evaluated on a registry-only snapshot (no project), so only the
province / department level rules speak; project rules are not applicable there and are left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from egovnet.geo.models import Division
from egovnet.networks.models import Network
from egovnet.networks.planning.facts import (
    coverage_records,
    department_connection_facts,
    department_connection_records,
    provincial_network_records,
)
from egovnet.orgs.models import Organisation
from egovnet.policy.engine.evaluate import evaluate
from egovnet.policy.engine.model import Outcome
from egovnet.policy.engine.registry import packs_in_force
from egovnet.policy.facts import CoverageRecord, DepartmentConnection, ProvincialNetwork, Snapshot

NETWORK_RULE_PREFIXES = ("R-2.", "R-3.", "R-5.")
MAX_LISTED = 50
NETWORK_SUBJECT_RULES = ("R-5.2", "R-5.3", "R-5.4")


def network_findings(day: dt.date | None = None) -> dict[str, Any]:
    """Failed network rules on ``day``: counts per rule and the first findings (bilingual, with the fix)."""
    day = day or dt.date.today()
    facts = department_connection_facts(None, day)
    candidates = [org for org, f in facts.items() if f["non_classified_systems"]]
    snapshot = Snapshot(
        evaluation_date=day,
        coverage=tuple(CoverageRecord(**r) for r in coverage_records(day)),
        provincial_networks=tuple(ProvincialNetwork(**r) for r in provincial_network_records()),
        departments=tuple(DepartmentConnection(**r) for r in department_connection_records(candidates, day, facts)),
    )
    failed = [
        f
        for f in evaluate(snapshot, packs_in_force(day))
        if f.rule.startswith(NETWORK_RULE_PREFIXES) and f.outcome in (Outcome.FAIL, Outcome.INDETERMINATE)
    ]
    counts = Counter(f.rule for f in failed)
    listed = failed[:MAX_LISTED]
    names = _subject_names(listed)
    return {
        "date": day.isoformat(),
        "counts": dict(sorted(counts.items())),
        "total": len(failed),
        "findings": [
            {
                "rule": f.rule,
                "article": f.article,
                "outcome": str(f.outcome),
                "subject": f.subject,
                "subject_name": names.get((f.rule, f.subject), f.subject),
                "message_zh": f.message.zh,
                "message_en": f.message.en,
                "remediation_zh": f.remediation.zh,
                "remediation_en": f.remediation.en,
            }
            for f in listed
        ],
    }


def _subject_names(findings: list) -> dict[tuple[str, str], str]:
    """Readable names of subjects: provinces (R-3.1, R-5.1), departments (R-3.2), networks (R-5.2–5.4)."""
    provinces = {f.subject for f in findings if f.rule in ("R-3.1", "R-5.1")}
    orgs = {f.subject for f in findings if f.rule == "R-3.2" and f.subject.isdigit()}
    nets = {f.subject for f in findings if f.rule in NETWORK_SUBJECT_RULES and f.subject.isdigit()}
    names: dict[tuple[str, str], str] = {}
    for code, name in Division.objects.filter(code__in=provinces).values_list("code", "name"):
        names[("R-3.1", code)] = names[("R-5.1", code)] = name
    for pk, name in Organisation.objects.filter(pk__in=[int(s) for s in orgs]).values_list("pk", "name"):
        names[("R-3.2", str(pk))] = name
    for pk, name in Network.objects.filter(pk__in=[int(s) for s in nets]).values_list("pk", "name"):
        for rule in NETWORK_SUBJECT_RULES:
            names[(rule, str(pk))] = name
    return names
