"""Excel export (opened with openpyxl, cells checked) and the CLI commands."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import load_workbook

from egovnet.migration import services
from egovnet.migration.export import LINE_HEADERS, SUMMARY_HEADERS, proposals_xlsx, stored_sheets
from egovnet.migration.models import OmProposal
from egovnet.systems.queries import REDACTED_NAME

from .test_funding import AS_OF, funded  # noqa: F401  (fixture)


def run(*args):
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_excel_export_cells(world, funded, tmp_path):  # noqa: F811
    fin = world["users"]["finance"]
    p = services.proposal_generate(actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    wb = load_workbook(io.BytesIO(proposals_xlsx(stored_sheets([p]), fin)))
    assert wb.sheetnames == ["汇总", "水利部-2027"]
    summary = wb["汇总"]
    assert [c.value for c in summary[1]] == SUMMARY_HEADERS
    assert [c.value for c in summary[2]][:6] == ["水利部", 2027, "审核中", 450.0, 295.0, -155.0]
    sheet = wb["水利部-2027"]
    assert [c.value for c in sheet[1]] == LINE_HEADERS
    rows = {r[2]: r for r in sheet.iter_rows(min_row=2, values_only=True)}
    legacy = rows["水利专网"]
    assert legacy[4:9] == (300.0, 225.0, -75.0, "R-12.3", "《发改高技〔2012〕1986号》第十二条")
    assert "第十二条" in legacy[9] and "NDRC [2012] No. 1986, art. 12" in legacy[10] and legacy[11] == "是"
    assert "防汛调度系统" in legacy[12] and "水资源管理系统" in legacy[12]  # the justifying migration items
    assert rows["水利新专网"][5] == 0.0 and rows["水利新专网"][7] == "R-12.2"


def test_export_redacts_classified_names(world, funded):  # noqa: F811
    from egovnet.migration.choices import BudgetObjectKind

    fin = world["users"]["finance"]
    services.budget_line_create(
        actor=fin,
        department=world["ministry"],
        fiscal_year=2027,
        object_kind=BudgetObjectKind.APPLICATION,
        system=world["systems"]["secret"],
        amount_10k_yuan=5,
    )
    p = services.proposal_generate(actor=fin, department=world["ministry"], fiscal_year=2027, as_of=AS_OF)
    wb = load_workbook(io.BytesIO(proposals_xlsx(stored_sheets([p]), fin)))
    names = [r[2] for r in wb["水利部-2027"].iter_rows(min_row=2, values_only=True)]
    assert REDACTED_NAME in names and "水利涉密系统" not in names


def test_cli_om_proposal_formats(world, funded, tmp_path):  # noqa: F811
    text = run("om-proposal", "--year", "2027", "--as-of", "2026-11-01")
    assert "水利部 2027" in text and "R-12.2" in text and "第十二条" in text
    data = json.loads(
        run(
            "om-proposal",
            "--year",
            "2027",
            "--department",
            str(world["ministry"].pk),
            "--format",
            "json",
            "--as-of",
            "2026-11-01",
        )
    )
    assert data[0]["proposed_total"] == "295.00" and not data[0]["stored"]
    assert OmProposal.objects.count() == 0  # preview writes nothing
    out = tmp_path / "p.xlsx"
    run("om-proposal", "--year", "2027", "--format", "xlsx", "--output", str(out))
    assert load_workbook(out).sheetnames == ["汇总", "水利部-2027"]
    run("om-proposal", "--year", "2027", "--save", "--user", "finance")
    assert OmProposal.objects.get().lines.count() == 4
    with pytest.raises(CommandError):
        run("om-proposal", "--year", "2027", "--save", "--user", "staff")
    with pytest.raises(CommandError):
        run("om-proposal", "--year", "2027", "--format", "xlsx")


def test_cli_migration_reports(world, funded):  # noqa: F811
    plans = json.loads(run("migration", "plans", "--format", "json", "--as-of", "2026-11-01"))
    assert plans[0]["department"] == "水利部" and plans[0]["total"] == 3 and plans[0]["migrated"] == 1
    overdue = json.loads(run("migration", "overdue", "--format", "json", "--as-of", "2026-11-01"))
    assert [o["system"] for o in overdue] == ["水资源管理系统"] and overdue[0]["days_late"] == (
        dt.date(2026, 11, 1) - dt.date(2026, 5, 1)
    ).days
    data = json.loads(run("migration", "progress", "--format", "json"))
    assert data["nation"]["migrated"] == 1 and data["trend"][0]["cumulative"] == 1
    text = run("migration", "progress")
    assert "全国 nation" in text and "R-4.1" in text and "农业农村部" in text
    assert "（无迁移计划" in run("migration", "plans", "--user", "other_staff")
