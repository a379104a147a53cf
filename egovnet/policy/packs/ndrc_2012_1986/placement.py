"""The placement rule of article 4 (R-4.2 / R-4.3 / R-4.4) as a pure function."""

from __future__ import annotations

from egovnet.policy.facts import Application

INTRANET = "intranet"
EXTRANET = "extranet"
STANDALONE = "standalone_classified"


def required_network(app: Application) -> str | None:
    """秘密/机密 → intranet; non-classified → extranet; 绝密 → standalone classified; unknown → None."""
    if app.classified is None:
        return None
    if not app.classified:
        return EXTRANET
    if app.secrecy_grade == "juemi":
        return STANDALONE
    if app.secrecy_grade in ("mimi", "jimi"):
        return INTRANET
    return None


def placement_rule_id(app: Application) -> str:
    if app.classified and app.secrecy_grade == "juemi":
        return "R-4.4"
    return "R-4.2" if app.classified else "R-4.3"
