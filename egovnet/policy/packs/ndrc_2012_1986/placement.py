"""The placement rule of article 4 (R-4.2 / R-4.3 / R-4.4): the one computation of "where an application belongs".

The dossier check, the registry sweep and the migration plans all call these functions, so an application whose
classification or grade is not known gets the same answer everywhere: no target (``None``), never a guess.
"""

from __future__ import annotations

from egovnet.policy.facts import Application

INTRANET = "intranet"
EXTRANET = "extranet"
STANDALONE = "standalone_classified"
#: 第四条: "机密级及以下" goes on the intranet; 绝密 is outside it (A-4.1).
INTRANET_GRADES = ("mimi", "jimi")


def expected_network(classified: bool | None, secrecy_grade: str | None) -> str | None:
    """秘密/机密 → intranet; non-classified → extranet; 绝密 → standalone classified; undetermined → None.

    ``classified`` None (not yet determined, R-6.5) or a classified application without a known grade has no
    placement: the caller must ask for the missing fact instead of assuming the intranet.
    """
    if classified is None:
        return None
    if not classified:
        return EXTRANET
    if secrecy_grade == "juemi":
        return STANDALONE
    if secrecy_grade in INTRANET_GRADES:
        return INTRANET
    return None


def required_network(app: Application) -> str | None:
    return expected_network(app.classified, app.secrecy_grade)


def placement_rule_id(app: Application) -> str:
    return placement_rule_for(app.classified, app.secrecy_grade)


def placement_rule_for(classified: bool | None, secrecy_grade: str | None) -> str:
    if classified and secrecy_grade == "juemi":
        return "R-4.4"
    return "R-4.2" if classified else "R-4.3"
