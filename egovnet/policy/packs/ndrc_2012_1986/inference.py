"""Facts the dossier implies without stating them (issue 16 §1; docs/dossier/README.md, "Optional facts").

Each function returns ``True``/``False`` when the fact is stated or can be derived, and ``None`` when it stays
open; a rule that depends on an open fact accepts every candidate and says which field would settle it, never
naming one authority on a guess. Interpretations: A-6.6 (nationwide), A-6.7 (uniformly graded).
"""

from __future__ import annotations

import datetime as dt

from egovnet.policy.facts import STAGES, Application, Org, Snapshot
from egovnet.policy.packs.ndrc_2012_1986.pack import PACK

BELOW_CENTRAL = ("provincial", "prefecture", "county")


def nationwide(app: Application, owner: Org) -> bool | None:
    """Cross-province or nationwide (43号 §15 / 1360号): stated, or — for a central owner — coverage reaching below
    the central level (a central department's system used by provincial or lower units spans provinces). Anything
    else stays open (None)."""
    if app.nationwide is not None:
        return app.nationwide
    if owner.level == "central" and any(level in BELOW_CENTRAL for level in app.coverage_levels):
        return True
    # central-only coverage does not prove the opposite (a public portal reaches the nation over the Internet)
    return None


def uniformly_graded(app: Application, owner: Org, s: Snapshot) -> bool | None:
    """Graded uniformly by its competent department: stated, or the application's grading report was issued by the
    owner itself (the competent department grading its own system)."""
    if app.uniformly_graded is not None:
        return app.uniformly_graded
    reports = [d for d in s.docs_covering("mlps_grading_report", app.id) if d.issuer is not None]
    if not reports:
        return None
    return any(d.issuer.name == owner.name for d in reports)


def mps_filing(app: Application | None, owner: Org, s: Snapshot) -> bool | None:
    """Whether an in-Beijing central unit's system files with MPS: True/False when settled, None when open."""
    if app is None:
        return False
    nw = nationwide(app, owner)
    ug = uniformly_graded(app, owner, s)
    if nw is False or ug is False:
        return False
    if nw and ug:
        return True
    return None


def settling_fields(app: Application, owner: Org, s: Snapshot) -> list[str]:
    """The optional fields whose statement would settle an open MPS-or-Beijing question."""
    out = []
    if nationwide(app, owner) is None:
        out.append(f"applications[{app.id}].nationwide（或 coverage_levels / or coverage_levels）")
    if uniformly_graded(app, owner, s) is None:
        out.append(
            f"applications[{app.id}].uniformly_graded（或由本单位出具的定级报告 / or a grading report issued by the owner）"
        )
    return out


# --- project-level facts a dossier implies (A-10.4, A-9.3, A-57.8) -------------------------------------------------

PAST_PROPOSAL = STAGES[STAGES.index("proposal") + 1 :]


def cobuilt(stated: bool | None, local_parts: int) -> bool:
    """Co-built when stated, or when the dossier lists local parts: only a central–local co-built project has local
    parts (第十条, A-10.4)."""
    return stated if stated is not None else local_parts > 0


def approval_path(p: dict, doc_types: set[str]) -> str:
    """Simplified when stated, or when the dossier of a project past the proposal stage holds a feasibility study
    but neither a project proposal nor a national approval reference, and the project may take the simplified path
    (investment below ``simplified_threshold_10k_yuan`` on its date, or a ``simplified_basis``): the FSR is then
    the first approval document and stands in for the proposal (P-55 art. 7, A-9.3). Anything else stays full."""
    if p.get("approval_path"):
        return p["approval_path"]
    first_approval = (
        p["stage"] in PAST_PROPOSAL
        and "feasibility_study_report" in doc_types
        and "project_proposal" not in doc_types
        and not p.get("national_approval_ref")
    )
    return "simplified" if first_approval and _may_simplify(p) else "full"


def _may_simplify(p: dict) -> bool:
    if p.get("simplified_basis"):
        return True
    investment = p.get("total_investment_10k_yuan")
    on = dt.date.fromisoformat(p["date"])
    param = PACK.params["simplified_threshold_10k_yuan"]
    return investment is not None and on >= param.periods[0].start and investment < param.at(on)


def approval_regime(stated: str | None, owner_level: str, is_cobuilt: bool, doc_types: set[str]) -> str:
    """Stated; else ``department`` when the dossier holds an NDRC project filing (NDRC files only projects other
    departments approved, 国办发〔2019〕57号 第四条, A-57.8); else ndrc for central or co-built owners, local
    otherwise."""
    if stated:
        return stated
    if "ndrc_project_filing" in doc_types:
        return "department"
    return "ndrc" if owner_level == "central" or is_cobuilt else "local"


def in_lieu_of_proposal(stated: bool | None, doc_type: str, path: str) -> bool:
    """A feasibility study of a simplified-path project stands in for the proposal by definition (P-55 art. 7)."""
    if stated is not None:
        return stated
    return doc_type == "feasibility_study_report" and path == "simplified"


def plan_stage(stated: str | None, doc_type: str, project_stage: str) -> str | None:
    """A deployment plan without a stated stage belongs to the submission the dossier is at: the proposal's up to the
    proposal stage, the FSR's from the feasibility stage on (where the FSR of a simplified project also stands in
    for the proposal, P-55 art. 7)."""
    if stated or doc_type != "deployment_migration_plan":
        return stated
    return "fsr" if project_stage in PAST_PROPOSAL else "proposal"
