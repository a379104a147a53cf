"""The project list filters stage and status by label and the owner by a picked organisation."""

import re

import pytest

from .test_ui import login

pytestmark = pytest.mark.django_db


def test_stage_status_and_owner_filters(world, project):
    c = login(world.lead)
    page = c.get("/projects/").content.decode()
    assert re.search(r'<select id="f-stage" name="stage">.*?<option value="needs_analysis">需求分析</option>', page, re.S)
    assert '<select id="f-status" name="status">' in page and 'hx-get="/orgs/lookup/"' in page
    assert project.name in c.get("/projects/", {"stage": "needs_analysis"}).content.decode()
    assert project.name not in c.get("/projects/", {"stage": "construction"}).content.decode()
    owner = project.owner
    assert project.name in c.get("/projects/", {"owner": f"{owner.pk} {owner.name}"}).content.decode()
    assert project.name not in c.get("/projects/", {"owner": str(world.other_ministry.pk)}).content.decode()
    assert project.name not in c.get("/projects/", {"owner": "乱码"}).content.decode()
