"""Issue 7: the projects list exports to .xlsx/CSV with its filters and exactly the list's scope."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from openpyxl import load_workbook

from egovnet.core.errors import ServiceError
from egovnet.exchange.importers import get_spec, run_import
from egovnet.projects.models import Project
from egovnet.projects.services import project_create

from .conftest import ACT

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _rows(response) -> list[list]:
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


@pytest.fixture
def projects(world):
    a = project_create(actor=world.lead, owner=world.ministry, name="某部甲工程", act_date=ACT)
    b = project_create(actor=world.lead, owner=world.ministry, name="某部乙工程", act_date=ACT)
    Project.objects.filter(pk=b.pk).update(status="withdrawn")
    c = project_create(actor=world.other_lead, owner=world.other_ministry, name="另一部丙工程", act_date=ACT)
    return a, b, c


def test_list_page_links_to_the_export_with_its_filters(world, projects):
    page = login(world.lead).get("/projects/?status=active").content.decode()
    assert "导出" in page and "导出 Export" not in page
    assert "/exchange/export/projects.xlsx?status=active" in page
    assert "/exchange/export/projects.csv?status=active" in page


def test_export_holds_exactly_the_filtered_rows_in_the_readers_scope(world, projects):
    a, b, c = projects
    c_lead = login(world.lead)
    listed = c_lead.get("/projects/?status=active").content.decode()
    rows = _rows(c_lead.get("/exchange/export/projects.xlsx?status=active"))
    header, data = rows[0], rows[1:]
    assert "项目名称 Name" in header and "状态 Status" in header and "审批程序 Approval path" in header
    names = {r[header.index("项目名称 Name")] for r in data}
    assert names == {"某部甲工程"}
    assert "某部甲工程" in listed and "某部乙工程" not in listed  # the screen shows the same rows
    assert data[0][header.index("状态 Status")] == "在建"
    assert data[0][header.index("建设单位 Owner department")] == "某部"
    everything = _rows(c_lead.get("/exchange/export/projects.xlsx"))
    assert {r[2] for r in everything[1:]} == {"某部甲工程", "某部乙工程"}  # never 另一部丙工程
    other = _rows(login(world.other_lead).get("/exchange/export/projects.xlsx"))
    assert {r[2] for r in other[1:]} == {"另一部丙工程"}


def test_csv_export_and_import_refused(world, projects, tmp_path):
    body = b"".join(login(world.lead).get("/exchange/export/projects.csv?status=withdrawn").streaming_content)
    text = body.decode("utf-8-sig")
    assert "某部乙工程" in text and "某部甲工程" not in text and "另一部丙工程" not in text
    path = tmp_path / "p.csv"
    path.write_bytes(body)
    with pytest.raises(ServiceError, match="只能导出"):
        run_import(path, get_spec("projects"), actor=world.lead, dry_run=True)
    page = login(world.admin).get("/exchange/import/").content.decode()
    assert 'value="projects"' not in page
