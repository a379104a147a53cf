"""Every interpretation id the code, the packs and the docs cite is in the register (docs/rules/interpretations.md)."""

from __future__ import annotations

import pathlib
import re

REPO = pathlib.Path(__file__).resolve().parents[3]
REGISTER = REPO / "docs" / "rules" / "interpretations.md"
ID = re.compile(r"\bA-\d+\.\d+\b")
SUFFIXES = {".py", ".md", ".html", ".yaml", ".json", ".po", ".txt"}


def registered() -> dict[str, str]:
    """A-id → its section text."""
    text = REGISTER.read_text(encoding="utf-8")
    parts = re.split(r"^## (A-\d+\.\d+)\s*$", text, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def cited() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for root in ("egovnet", "docs", "README.md"):
        base = REPO / root
        paths = [base] if base.is_file() else base.rglob("*")
        for path in paths:
            if path.suffix not in SUFFIXES or path == REGISTER or not path.is_file():
                continue
            for aid in ID.findall(path.read_text(encoding="utf-8", errors="replace")):
                out.setdefault(aid, set()).add(str(path.relative_to(REPO)))
    return out


def test_every_cited_interpretation_is_registered():
    known = registered()
    missing = {aid: sorted(where)[:3] for aid, where in cited().items() if aid not in known}
    assert not missing, f"cited but not in docs/rules/interpretations.md: {missing}"


def test_each_register_entry_has_question_resolution_and_source():
    for aid, body in registered().items():
        for field in ("**Question:**", "**Resolution:**", "**Source:**"):
            assert field in body, f"{aid} lacks {field}"


def test_the_register_holds_every_interpretation_of_the_domain_context():
    known = registered()
    for n in range(1, 13):
        assert any(aid.startswith(f"A-{n}.") for aid in known), f"no interpretation of article {n}"
    assert len([a for a in known if not a.startswith("A-57")]) >= 33
