"""The project owner is picked by typing (autocomplete over the reader's scope), not from the first 500 names."""

from __future__ import annotations

import pytest
from django.test import Client

from egovnet.orgs.models import Organisation
from egovnet.projects.models import Project

pytestmark = pytest.mark.django_db


def test_any_organisation_in_scope_can_own_a_project(world):
    template = Organisation.objects.get(pk=world.ministry.pk)
    Organisation.objects.bulk_create([
        Organisation(name=f"甲{n:04d}单位", kind=template.kind, level=template.level, division=template.division)
        for n in range(520)
    ])
    last = Organisation.objects.create(name="左后单位", kind=template.kind, level=template.level,
                                       division=template.division)  # sorts after the first 500 by name
    client = Client()
    client.force_login(world.admin)
    page = client.get("/projects/add/").content.decode()
    assert 'hx-get="/orgs/lookup/"' in page and "<select" not in page.split('name="owner"')[0][-200:]
    response = client.post("/projects/add/", {"name": "新项目", "owner": f"{last.pk} {last.name}", "kind": "new",
                                              "approval_path": "full"})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert Project.objects.get(name="新项目").owner == last


def test_an_owner_outside_the_scope_is_refused(world):
    client = Client()
    client.force_login(world.lead)
    response = client.post("/projects/add/", {"name": "越权项目", "owner": f"{world.other_ministry.pk} 另一部",
                                              "kind": "new", "approval_path": "full"})
    assert response.status_code == 200 and "不在您的管辖范围内" in response.content.decode()
    assert not Project.objects.filter(name="越权项目").exists()
