"""An assessment agency sees only the projects it is commissioned on, only while the commission is open, and
only on the restricted agency page: never through evidence it issued, never evidence lists, requests or the
projects API (article 11; ADR 0400, 0010). The agency user here is national, like the demo agency login."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from egovnet.core.choices import Role
from egovnet.projects.queries import visible_projects
from egovnet.projects.services import commission_create, commission_report, commission_withdraw, project_create
from egovnet.projects.services.evidence import evidence_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(world, project, make_user):
    user = make_user("agency_national", Role.ASSESSMENT_AGENCY)  # no scope, as the demo's agency login
    # Another project of the ministry carries a report the agency issued earlier, without a commission.
    other = project_create(actor=world.lead, owner=world.ministry, name="另一工程", act_date=dt.date(2013, 5, 2))
    evidence_create(actor=world.admin, project=other, doc_type="mlps_assessment_report", issuer=world.agency_org,
                    agency=world.agencies["mlps"], result="pass", ref_no="测评〔2013〕1号", date=dt.date(2013, 6, 1))  # fmt: skip
    world.other = other
    return user


def _client(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _counts(c: Client) -> tuple[int, int, int]:
    return tuple(c.get(f"/api/projects/{what}/").json()["count"] for what in ("projects", "evidence", "requests"))


def test_an_agency_sees_only_the_open_commissions_project(world, project, agency):
    c = _client(agency)
    assert not visible_projects(agency).exists()
    assert c.get(f"/projects/{world.other.pk}/").status_code == 404  # it issued evidence there: not enough
    assert _counts(c) == (0, 0, 0)
    job = commission_create(actor=world.lead, project=project, agency=world.agencies["mlps"], assessment_type="mlps")
    assert c.get(f"/projects/{project.pk}/").status_code == 200  # the restricted page
    assert c.get(f"/projects/{world.other.pk}/").status_code == 404
    assert _counts(c) == (0, 0, 0)  # a commission never opens evidence, requests or the API
    commission_report(actor=agency, commission=job, expected_version=job.version, passed=True,
                      ref_no="测评〔2013〕9号", date=dt.date(2013, 9, 1))  # fmt: skip
    assert c.get(f"/projects/{project.pk}/").status_code == 404  # closed: reported
    assert _counts(c) == (0, 0, 0)


def test_a_withdrawn_commission_closes_the_project_to_the_agency(world, project, agency):
    c = _client(agency)
    job = commission_create(actor=world.lead, project=project, agency=world.agencies["mlps"], assessment_type="mlps")
    assert c.get(f"/projects/{project.pk}/").status_code == 200
    commission_withdraw(actor=world.lead, commission=job, expected_version=job.version, reason="合同终止")
    assert c.get(f"/projects/{project.pk}/").status_code == 404
