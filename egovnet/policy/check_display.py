"""The self-check report as a page shows it: subjects by name, findings grouped under their document's
article, packs by their document. The JSON download keeps the ids (scripts read it)."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from egovnet.policy.engine.registry import all_packs

# Subjects that are parts of the dossier rather than one of its rows.
SECTION_SUBJECTS = {
    "project": _("the project"),
    "programme": _("national programme targets"),
    "coverage": _("network coverage"),
    "departments": _("departments' connections"),
    "provinces": _("provincial networks"),
    "migration": _("migration items"),
}
_PARAGRAPH = (re.compile(r"第[一二三四五六七八九十]+款$"), re.compile(r" ¶\d+$"))


def english() -> bool:
    """Whether the reader's language is English (pages pick one half of bilingual texts)."""
    return (get_language() or "").startswith("en")


def subject_names(dossier: dict[str, Any]) -> dict[str, str]:
    """The dossier's own ids (``app-1``, ``lp-gd``, ``net-1``) → the names it gives them."""
    names: dict[str, str] = {}
    for app in dossier.get("applications") or []:
        names[str(app.get("id"))] = app.get("name") or str(app.get("id"))
    for part in dossier.get("local_parts") or []:
        names[str(part.get("id"))] = part.get("name") or str(part.get("id"))
    for i, comp in enumerate(dossier.get("network_components") or []):
        key = str(comp.get("id", f"net-{i + 1}"))
        names[key] = str(_("network component %(n)s") % {"n": i + 1})
    return names


def humanise(report: dict[str, Any], dossier: dict[str, Any]) -> dict[str, Any]:
    """Replace the dossier's ids by names in each finding's subject and texts, and in the placements."""
    names = subject_names(dossier)
    pattern = re.compile("|".join(rf"(?<![A-Za-z0-9_-]){re.escape(k)}(?![A-Za-z0-9_-])" for k in sorted(names, key=len, reverse=True)))

    def named(text: str) -> str:
        return pattern.sub(lambda m: names[m.group(0)], text) if names and text else text

    for f in report.get("findings", []):
        subject = f.get("subject", "")
        f["subject_name"] = names.get(subject) or str(SECTION_SUBJECTS.get(subject, "")) or ""
        for key in ("message_zh", "message_en", "remediation_zh", "remediation_en"):
            f[key] = named(f.get(key) or "")
    for p in report.get("placements", []):
        p["application_name"] = names.get(p.get("application", ""), p.get("application", ""))
    report["pack_documents"] = pack_documents(report.get("packs", []))
    return report


def pack_documents(pack_ids: list[str]) -> list[str]:
    by_id = {p.id: p for p in all_packs()}
    out = []
    for pid in pack_ids:
        doc = getattr(by_id.get(pid), "document", None)
        out.append((doc.en if english() else f"《{doc.ref}》") if doc else pid)
    return out


def group_by_article(findings: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """Findings under "《发改高技〔2012〕1986号》第九条" headings, documents apart (57号 has its own 第九条)."""
    groups: dict[tuple[str, int], list[dict[str, Any]]] = defaultdict(list)
    headings: dict[tuple[str, int], str] = {}
    for f in findings:
        key = (f.get("document") or "", f["article"])
        groups[key].append(f)
        citation = f.get("citation") or {}
        text = citation.get("en" if english() else "zh") or str(f["article"])
        headings.setdefault(key, _PARAGRAPH[1 if english() else 0].sub("", text))
    order = sorted(groups, key=lambda k: (k[0] != "发改高技〔2012〕1986号", k[0], k[1]))
    return [(headings[k], groups[k]) for k in order]
