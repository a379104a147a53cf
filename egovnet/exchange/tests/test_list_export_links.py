"""The registry list pages offer Excel/CSV export of exactly what they show (filters kept, names redacted)."""

import io

import openpyxl
import pytest

from egovnet.core.choices import Role
from egovnet.systems.queries import REDACTED_NAME
from egovnet.systems.services import system_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader(make_org, make_user, divisions, admin_user_):
    ministry = make_org("某部")
    system_create(actor=admin_user_, name="公开门户", owner=ministry, mlps_level=3, public_facing=True)
    system_create(actor=admin_user_, name="内部办公", owner=ministry, mlps_level=2)
    system_create(actor=admin_user_, name="机密案件系统", owner=ministry, is_classified=True, secrecy_grade="jimi")
    return make_user("staff", (Role.DEPARTMENT_STAFF, ministry, None))


def test_list_page_links_to_export_with_its_filters(client, reader):
    client.force_login(reader)
    page = client.get("/systems/?public_facing=true").content.decode()
    assert "/exchange/export/systems.xlsx?public_facing=true" in page
    assert "/exchange/export/systems.csv?public_facing=true" in page


def test_exported_workbook_matches_the_screen(client, reader):
    client.force_login(reader)
    response = client.get("/exchange/export/systems.xlsx")
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(
        io.BytesIO(b"".join(response.streaming_content) if response.streaming else response.content)
    ).active
    cells = {str(c.value) for row in sheet.iter_rows() for c in row if c.value is not None}
    assert {"公开门户", "内部办公", REDACTED_NAME} <= cells
    assert "机密案件系统" not in cells
    filtered = client.get("/exchange/export/systems.csv?public_facing=true")
    body = (b"".join(filtered.streaming_content) if filtered.streaming else filtered.content).decode("utf-8-sig")
    assert "公开门户" in body and "内部办公" not in body
