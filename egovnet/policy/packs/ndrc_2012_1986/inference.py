"""Facts the dossier implies without stating them (issue 16 §1; docs/dossier/README.md, "Optional facts").

Each function returns ``True``/``False`` when the fact is stated or can be derived, and ``None`` when it stays
open; a rule that depends on an open fact accepts every candidate and says which field would settle it, never
naming one authority on a guess. Interpretations: A-6.6 (nationwide), A-6.7 (uniformly graded).
"""

from __future__ import annotations

from egovnet.policy.facts import Application, Org, Snapshot

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
