"""The home page says what needs attention (requests to decide, overdue, blocked projects, migration, O&M
proposals) with a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from egovnet.projects.services import project_add_application, project_create

from .conftest import ACT

pytestmark = pytest.mark.django_db


def test_home_shows_attention_cards_with_fixed_queries(world, project):
    client = Client()
    client.force_login(world.lead)
    html = client.get("/").content.decode()
    for label in ("待我办理", "已逾期", "关口受阻的项目", "已迁移应用", "待审核的运维经费建议", "全国总览"):
        assert label in html
    assert "/projects/?blocked=1" in html and 'href="/tasks/#overdue"' in html
    with CaptureQueriesContext(connection) as one:
        client.get("/")
    for n in range(3):
        p = project_create(actor=world.lead, owner=world.ministry, name=f"第{n}个项目", act_date=ACT)
        project_add_application(actor=world.lead, project=p, system=world.portal)
    with CaptureQueriesContext(connection) as four:
        client.get("/")
    assert len(four) == len(one)


def test_home_counts_are_the_inbox_counts(world, project):
    import re

    from egovnet.tasks.inbox import inbox

    client = Client()
    client.force_login(world.lead)
    html = client.get("/").content.decode()
    box = inbox(world.lead)
    shown = dict((label, int(n)) for n, label in re.findall(r'stat-n">(\d+)</span><span class="stat-l">([^<]+)<', html))
    assert shown["待我办理"] == len(box.todo) and shown["已逾期"] == len(box.overdue)
    assert box.count >= 1  # the blocked project's gate is the lead's to-do
