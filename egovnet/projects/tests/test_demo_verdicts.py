"""The demo's completed project shows no blockers anywhere, and a national sweep of the demo data stores no
finding that contradicts a gate already passed (issue: stale evidence, sweeps by today's rules)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from egovnet.demo import load_demo
from egovnet.demo.actor import trusted_system_actor
from egovnet.policy.engine.gates import stage_gate
from egovnet.policy.engine.registry import all_packs
from egovnet.policy.models import Finding
from egovnet.policy.sweep import run_sweep
from egovnet.projects import queries
from egovnet.projects.choices import ProjectStatus, TransitionKind
from egovnet.projects.models import Project

pytestmark = pytest.mark.django_db


def _passed_gates(p: Project) -> set[str]:
    """The gates named by the project's recorded passings (independent of ``projects.judged``): every advance or
    acceptance records the gate it passed; a send-back would undo, and the demo has none."""
    transitions = list(p.transitions.all())
    assert not any(t.kind == TransitionKind.SEND_BACK for t in transitions)
    return {g for t in transitions if t.kind in (TransitionKind.ADVANCE, TransitionKind.COMPLETE)
            for g in t.gate.split("+") if g.startswith("G-") and g != "G-NONE"}  # fmt: skip


def _judged_gates(p: Project) -> set[str]:
    from egovnet.projects.choices import Stage

    return {g for s in Stage for g in stage_gate(s, approval_path=p.approval_path, cobuilt=p.cobuilt).gates}


def _pdf_text(content: bytes) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs] + [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "".join("".join(parts).split())


def test_the_demo_completed_project_shows_no_blockers_and_the_sweep_contradicts_no_passed_gate(
    client, django_user_model
):
    load_demo()
    run_sweep(actor=trusted_system_actor())  # national, as of today
    gates_of = {}
    for pack in all_packs():
        for rule in pack.rules.values():
            gates_of.setdefault(rule.id, set()).update(rule.gates)
    projects = list(Project.objects.filter(is_demo=True).prefetch_related("transitions"))
    for p in projects:
        passed = _passed_gates(p)
        judged = _judged_gates(p)
        for f in Finding.objects.filter(subject_type="project", subject_id=str(p.pk)):
            relevant = gates_of[f.rule] & judged
            assert not (relevant and relevant <= passed), (p.name, f.rule, f.message_zh)
            # every act of the demo is dated 2013–2014: nothing from the 2020 57号 overlay applies
            assert f.pack != "gov-2019-57", (p.name, f.rule)

    done = next(p for p in projects if p.status == ProjectStatus.COMPLETED)
    assert not Finding.objects.filter(subject_type="project", subject_id=str(done.pk), blocking=True).exists()
    # the projects list: no blocking rules on the completed project
    queries.attach_blocking_rules([done])
    assert done.blocking_rules == []
    admin = django_user_model.objects.create_superuser("demo-admin", "a@example.org", "pw-123456789")
    client.force_login(admin)
    listing = client.get(reverse("projects:project_list")).content.decode()
    row = listing[listing.index(done.name) :]
    row = row[: row.index("</tr>")]
    assert "R-" not in row
    # the project page: its live findings have no fail or indeterminate outcome
    page = client.get(reverse("projects:project_detail", args=[done.pk])).content.decode()
    assert "outcome-fail" not in page and "outcome-indeterminate" not in page and " blocking" not in page
    # the review sheet, as PDF and .docx, opened and read back: every gate passed, no open item
    pdf = client.get(reverse("exchange:review_sheet", args=[done.pk, "pdf"]))
    docx = client.get(reverse("exchange:review_sheet", args=[done.pk, "docx"]))
    assert pdf.status_code == docx.status_code == 200
    for text in (_pdf_text(pdf.content), _docx_text(docx.content)):
        assert "G-PROPOSAL-SUBMIT" in text and "通过passed" in text
        assert "未通过" not in text and "不通过" not in text and "R-9.5" in text
