"""A co-built project's local DRC reviewer sees the project, but not the central ministry's classified system:
its name and grade are hidden on the page, in the API, in the review sheet (PDF, .docx) and in the finding texts
(clearance AND scope, the same decision as the system's own API detail, which answers 404). ADR 0010."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from egovnet.core.choices import Clearance, Role
from egovnet.geo.models import Division
from egovnet.policy.engine.registry import all_packs
from egovnet.projects.services import local_part_create
from egovnet.systems.redaction import GRADE_WORDS, REDACTED_NAME

pytestmark = pytest.mark.django_db
SECRET = "机密案件系统"


@pytest.fixture
def cobuilt(world, project, make_user):
    project.cobuilt = True
    project.save(update_fields=["cobuilt"])
    local_part_create(actor=world.lead, project=project, division=Division.objects.get(pk="410000"),
                      owner=world.ha_dept, name="河南部分", local_drc=world.ha_drc)  # fmt: skip
    # Cleared for 机密: only the scope keeps the central ministry's system from this reader.
    world.ha_cleared = make_user("hadrc_cleared", (Role.DRC_REVIEWER, world.ha_drc, None), clearance=Clearance.JIMI)
    world.ministry_cleared = make_user(
        "mcleared", (Role.DEPARTMENT_LEAD, world.ministry, None), clearance=Clearance.JIMI
    )
    return project


def _main(page: str) -> str:
    """The page's content (the top bar shows the reader's own clearance, e.g. "涉密资格: 机密")."""
    return page[page.index("<main") : page.index("</main>")]


def _grade_words(text: str) -> list[str]:
    """Grade words in ``text`` outside the rule titles (public catalogue text, e.g. "绝密级系统不上政务内网")."""
    text = text.replace("\n", "")
    for rule in (r for p in all_packs() for r in p.rules.values()):
        text = text.replace(rule.title.zh, "").replace(rule.title.en, "")
    return [w for w in GRADE_WORDS if re.search(w, text, re.IGNORECASE)]


def _docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = "".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    return cells + "".join(p.text for p in doc.paragraphs)


def _sheet(client, project, fmt: str) -> str:
    response = client.get(reverse("exchange:review_sheet", args=[project.pk, fmt]))
    assert response.status_code == 200
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "pdf":
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    return _docx_text(content)


def test_local_drc_reviewer_sees_the_project_but_not_the_central_classified_system(client, world, cobuilt):
    client.force_login(world.ha_cleared)
    assert client.get(f"/api/systems/systems/{world.cases.pk}/").status_code == 404  # the system's own decision
    page = client.get(reverse("projects:project_detail", args=[cobuilt.pk])).content.decode()
    assert SECRET not in page and REDACTED_NAME in page
    assert _grade_words(_main(page)) == []
    api = client.get(f"/api/projects/projects/{cobuilt.pk}/applications/").json()
    assert {a["name"] for a in api} == {"政务服务门户", REDACTED_NAME}
    gate = client.get(f"/api/projects/projects/{cobuilt.pk}/gate/").content.decode("utf-8")
    assert SECRET not in gate and _grade_words(gate) == []
    for fmt in ("pdf", "docx"):
        text = _sheet(client, cobuilt, fmt)
        assert SECRET not in text, fmt
        assert REDACTED_NAME in text.replace("\n", ""), (fmt, text)
        assert _grade_words(text) == [], fmt


def test_the_owner_side_with_clearance_still_sees_name_and_grade(client, world, cobuilt):
    client.force_login(world.ministry_cleared)
    page = client.get(reverse("projects:project_detail", args=[cobuilt.pk])).content.decode()
    assert SECRET in page
    api = client.get(f"/api/projects/projects/{cobuilt.pk}/applications/").json()
    assert SECRET in {a["name"] for a in api}
    text = _sheet(client, cobuilt, "docx")
    assert SECRET in text and "机密" in text
