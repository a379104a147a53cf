"""The project workspace: stage stepper, actions disabled with their reason while the gate refuses, the slot
for "waiting for whom", section tabs — and a bounded number of queries."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from .helpers import client_for, evidence, pass_needs

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _advance_button(page: str) -> str:
    form = re.search(r'value="complete_needs_analysis".*?</form>', page, re.S)
    assert form, "the advance action is offered"
    return form.group(0)


def test_blocked_gate_disables_the_advance_action_with_its_reason(world, project):
    page = login(world.lead).get(f"/projects/{project.pk}/").content.decode()
    button = _advance_button(page)
    assert "disabled" in button and "关口未通过" in button
    assert 'class="step step-current"' in page and "需求分析" in page and "竣工验收" in page
    assert 'href="#evidence"' in page and 'id="waiting-on"' in page  # the tasks derivation names who must act
    assert "G-NEEDS" not in page  # gates by name, also in the waiting panel


def test_passed_gate_enables_the_action(world, project):
    pass_needs(world, project.pk)
    page = login(world.lead).get(f"/projects/{project.pk}/").content.decode()
    assert "disabled" not in _advance_button(page)


def test_project_page_queries_do_not_grow_with_rows(world, project):
    pass_needs(world, project.pk)
    client = login(world.lead)
    client.get(f"/projects/{project.pk}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/projects/{project.pk}/")
    for n in range(3):
        evidence(client_for(world.lead), project.pk, "needs_analysis_report", ref_no=f"需求-{n + 2}", date="2013-02-02")
    with CaptureQueriesContext(connection) as after:
        client.get(f"/projects/{project.pk}/")
    assert len(after) == len(before), [q["sql"][:120] for q in after.captured_queries]
