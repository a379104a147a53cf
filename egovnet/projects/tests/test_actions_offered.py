"""The project pages offer only the actions the user may do, and the refused ones answer 403 (not a form that
fails on save): edit, add application / local part, new request, review meeting, new project."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egovnet.core.choices import Role

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_reviewers_and_officers_see_no_edit_and_get_403(world, project, make_user):
    edit = reverse("projects:project_edit", args=[project.pk])
    # The approving DRC's reviewer and a NAPSS officer asked for a review see the project, but may not edit it.
    from egovnet.projects.services import request_submit

    request_submit(actor=world.lead, project=project, kind="secrecy_review", applications=[world.app_cases])
    for user in (world.reviewer, world.napss_officer):
        c = _client(user)
        page = c.get(reverse("projects:project_detail", args=[project.pk]))
        assert page.status_code == 200, user
        body = page.content.decode()
        assert edit not in body and reverse("projects:application_add", args=[project.pk]) not in body
        assert reverse("projects:request_add", args=[project.pk]) not in body
        assert c.get(edit).status_code == 403
        assert c.post(edit, {"name": "x"}).status_code == 403
    reviewer_page = _client(world.reviewer).get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert reverse("projects:meeting_add", args=[project.pk]) in reviewer_page  # the approving DRC organises it
    owner = _client(world.lead)
    body = owner.get(reverse("projects:project_detail", args=[project.pk])).content.decode()
    assert edit in body and reverse("projects:request_add", args=[project.pk]) in body
    assert reverse("projects:meeting_add", args=[project.pk]) not in body
    assert owner.get(edit).status_code == 200


def test_a_viewer_is_not_offered_a_new_project(world, project, make_user):
    viewer = _client(make_user("mviewer", (Role.VIEWER, world.ministry, None)))
    assert reverse("projects:project_add") not in viewer.get(reverse("projects:project_list")).content.decode()
    assert viewer.get(reverse("projects:project_add")).status_code == 403
    assert viewer.post(reverse("projects:project_add"), {"name": "x"}).status_code == 403
    lead = _client(world.lead)
    assert reverse("projects:project_add") in lead.get(reverse("projects:project_list")).content.decode()
    assert lead.get(reverse("projects:project_add")).status_code == 200
