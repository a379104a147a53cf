"""Issue 7: the findings list exports to .xlsx/CSV with its filters, its scope and its redaction."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from egovnet.core.tests.world import JIMI_NAME, SECRET_NAME, build_world
from egovnet.policy.sweep import run_sweep
from egovnet.policy.views import filter_findings, scoped_findings

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    w = build_world()
    run_sweep(actor=w.admin)
    return w


def export(client, user, fmt="xlsx", **params) -> list[list]:
    client.force_login(user)
    response = client.get(f"/exchange/export/findings.{fmt}", params)
    assert response.status_code == 200
    ws = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True).worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_findings_page_links_to_the_export_with_its_filters(client, world):
    client.force_login(world.staff_a)
    html = client.get(reverse("policy:findings_list"), {"rule": "R-4.2", "outcome": "fail"}).content.decode()
    assert "导出" in html and "导出 Export" not in html
    assert "/exchange/export/findings.xlsx?rule=R-4.2&amp;outcome=fail" in html
    assert "/exchange/export/findings.csv?rule=R-4.2&amp;outcome=fail" in html


def test_export_holds_exactly_the_lists_rows_for_the_reader(client, world):
    params = {"outcome": "fail"}
    rows = export(client, world.staff_b, **params)
    header, data = rows[0], rows[1:]
    for h in ("对象 Subject", "规则 Rule", "条款 Article", "结论 Outcome", "说明 Message (zh)", "省份 Province"):
        assert h in header
    expected = set(filter_findings(scoped_findings(world.staff_b), params).values_list("pk", flat=True))
    assert expected and {r[0] for r in data} == expected
    assert {r[header.index("结论 Outcome")] for r in data} == {"不符合"}
    assert all(str(r[header.index("条款 Article")]).startswith("《发改高技〔2012〕1986号》第") for r in data)
    labels = " ".join(str(r[header.index("对象 Subject")]) for r in data)
    assert "乙部业务系统" in labels and "甲部" not in labels and "河南省" not in labels
    assert export(client, world.nobody)[1:] == []


def test_export_redacts_classified_findings_like_the_screen(client, world):
    staff = export(client, world.staff_a, rule="R-4.2")
    text = " ".join(str(v) for row in staff for v in row if v is not None)
    assert "涉密系统 #" in text and "涉密应用未部署在政务内网。" in text
    assert "秘密级涉密应用" not in text and "机密级涉密应用" not in text
    assert SECRET_NAME not in text and JIMI_NAME not in text
    cleared = export(client, world.cleared_staff_a, rule="R-4.2")
    text = " ".join(str(v) for row in cleared for v in row if v is not None)
    assert "机密级涉密应用" in text and SECRET_NAME not in text and JIMI_NAME not in text


def test_findings_csv_export_is_filtered(client, world):
    client.force_login(world.admin)
    body = b"".join(client.get("/exchange/export/findings.csv", {"province": "410000"}).streaming_content)
    text = body.decode("utf-8-sig")
    assert "河南省审批系统" in text and "乙部业务系统" not in text
