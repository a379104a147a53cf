"""Excel/CSV import and export of migration items and O&M budget lines (issue 7, through egovnet.exchange)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from openpyxl import load_workbook

from egovnet.core.models import AuditEntry
from egovnet.exchange.exporters import export_rows
from egovnet.exchange.importers import get_spec, run_import
from egovnet.exchange.templates import INSTRUCTIONS_SHEET, LISTS_SHEET, build_template
from egovnet.migration import services
from egovnet.migration.choices import BudgetObjectKind
from egovnet.migration.exchange_specs import PLAN_VERSION_H, SYSTEM_H
from egovnet.migration.models import BudgetLine, MigrationItem
from egovnet.systems.queries import REDACTED_NAME

from .helpers import approved_plan

ITEMS, BUDGET = "migration-items", "budget-lines"
DATE_H = "计划割接日期 Planned cut-over date"
AMOUNT_H = "金额（万元） Amount (10k yuan)"


@pytest.fixture
def draft(world):
    plan = services.plan_create(
        actor=world["users"]["staff"], department=world["ministry"], title="水利部专网迁移计划", scheme="分两期"
    )
    return plan.effective_version


def _row(spec, **by_header) -> list:
    return [by_header.get(h) for h in spec.headers()]


def _item_row(world, version, key="flood", **extra) -> list:
    values = {
        PLAN_VERSION_H: version.pk,
        SYSTEM_H: world["systems"][key].pk,
        "迁出专网 From network": world["legacy"].pk,
        "目标网络 Target network": "政务外网",
        DATE_H: "2027-06-30",
        **extra,
    }
    return _row(get_spec(ITEMS), **values)


def _write_csv(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)


def _export(name, user, queryset=None) -> list[list]:
    spec = get_spec(name)
    return list(export_rows(spec, queryset if queryset is not None else spec.model.objects.all(), user))


@pytest.mark.parametrize("name", [ITEMS, BUDGET])
def test_template_has_chinese_headers_dropdowns_and_imports_back(world, name, tmp_path):
    spec = get_spec(name)
    path = tmp_path / f"{name}.xlsx"
    build_template(spec, path)
    wb = load_workbook(path)
    data = wb["数据 Data"]
    assert [c.value for c in data[1]] == spec.headers()
    assert any(LISTS_SHEET in (dv.formula1 or "") for dv in data.data_validations.dataValidation)
    lists = " ".join(str(c) for row in wb[LISTS_SHEET].iter_rows(values_only=True) for c in row if c)
    assert ("政务外网" in lists) if name == ITEMS else ("应用系统" in lists)
    instructions = " ".join(str(c.value) for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert ("第四条" if name == ITEMS else "第十二条") in instructions
    report = run_import(path, spec, actor=world["users"]["staff"], dry_run=True)
    assert report.ok and report.rows == 0


def test_filled_in_template_creates_items_through_the_service(world, draft, tmp_path):
    path = tmp_path / "items.xlsx"
    build_template(get_spec(ITEMS), path)
    wb = load_workbook(path)
    wb["数据 Data"].append(_item_row(world, draft, "flood"))
    wb["数据 Data"].append(_item_row(world, draft, "water", **{DATE_H: dt.date(2027, 9, 30)}))
    wb.save(path)
    report = run_import(path, get_spec(ITEMS), actor=world["users"]["staff"])
    assert report.applied and report.created == 2, report.errors
    items = list(MigrationItem.objects.filter(plan_version=draft).order_by("planned_date"))
    assert [i.system_id for i in items] == [world["systems"]["flood"].pk, world["systems"]["water"].pk]
    assert items[0].target_network == "extranet" and items[0].is_effective  # set by item_add
    creates = AuditEntry.objects.filter(action="create", object_type="migration.migrationitem")
    assert creates.count() == 2 and {e.actor_id for e in creates} == {world["users"]["staff"].pk}


def test_one_bad_row_rejects_the_file_naming_row_and_column(world, draft, tmp_path):
    path = tmp_path / "bad.csv"
    spec = get_spec(ITEMS)
    _write_csv(
        path,
        [
            spec.headers(),
            _item_row(world, draft, "flood"),
            _item_row(world, draft, "other"),  # another ministry's system (第四条)
            _item_row(world, draft, "water", **{DATE_H: "明年"}),
        ],
    )
    report = run_import(path, spec, actor=world["users"]["staff"])
    assert not report.applied
    assert [(e.row, e.column) for e in report.errors] == [(3, SYSTEM_H), (4, DATE_H)]
    assert "第四条" in report.errors[0].message and "2024-05-31" in report.errors[1].message
    assert not MigrationItem.objects.exists()


def test_dry_run_writes_nothing_and_cli_reports(world, draft, tmp_path, capsys):
    path = tmp_path / "dry.csv"
    _write_csv(path, [get_spec(ITEMS).headers(), _item_row(world, draft, "flood")])
    before = AuditEntry.objects.count()
    report = run_import(path, get_spec(ITEMS), actor=world["users"]["staff"], dry_run=True)
    assert report.ok and report.created == 1 and not report.applied
    call_command("import", str(path), registry=ITEMS, actor="staff", dry_run=True, quiet=True)
    assert "create row 2" in capsys.readouterr().out
    assert not MigrationItem.objects.exists() and AuditEntry.objects.count() == before
    call_command("import", str(path), registry=ITEMS, actor="staff", quiet=True)
    assert MigrationItem.objects.filter(plan_version=draft).count() == 1


def test_round_trip_updates_exactly_the_changed_row_and_stale_version_is_an_error(world, draft, tmp_path):
    staff = world["users"]["staff"]
    for key in ("flood", "water"):
        services.item_add(
            actor=staff, version=draft, system=world["systems"][key], from_network=world["legacy"],
            planned_date=dt.date(2027, 6, 30),
        )  # fmt: skip
    rows = _export(ITEMS, staff)
    spec = get_spec(ITEMS)
    target = MigrationItem.objects.get(system=world["systems"]["water"])
    for row in rows[1:]:
        if row[0] == target.pk:
            row[spec.headers().index(DATE_H)] = "2028-01-15"
    path = tmp_path / "edit.csv"
    _write_csv(path, rows)
    versions = dict(MigrationItem.objects.values_list("pk", "version"))
    report = run_import(path, spec, actor=staff)
    assert report.applied and (report.updated, report.unchanged) == (1, 1), report.errors
    after = dict(MigrationItem.objects.values_list("pk", "version"))
    assert [pk for pk in after if after[pk] != versions[pk]] == [target.pk]
    assert MigrationItem.objects.get(pk=target.pk).planned_date == dt.date(2028, 1, 15)
    # The same file again: that row is now stale (version moved on) → row error, nothing written.
    for row in rows[1:]:
        if row[0] == target.pk:
            row[spec.headers().index(DATE_H)] = "2028-03-01"
    _write_csv(path, rows)
    report = run_import(path, spec, actor=staff)
    assert not report.applied and [(e.row, e.column) for e in report.errors] == [(3, "版本 Version")]
    assert MigrationItem.objects.get(pk=target.pk).planned_date == dt.date(2028, 1, 15)


def test_approved_version_is_read_only_on_import(world, tmp_path):
    _plan, version = approved_plan(world)
    path = tmp_path / "approved.csv"
    _write_csv(
        path,
        [get_spec(ITEMS).headers(), _item_row(world, version, "secret", **{"目标网络 Target network": "政务内网"})],
    )
    report = run_import(path, get_spec(ITEMS), actor=world["users"]["staff"])
    assert not report.applied and report.errors[0].column == PLAN_VERSION_H and "第四条" in report.errors[0].message


def test_a_department_cannot_import_into_another_departments_plan(world, draft, tmp_path):
    path = tmp_path / "scope.csv"
    _write_csv(path, [get_spec(ITEMS).headers(), _item_row(world, draft, "flood")])
    report = run_import(path, get_spec(ITEMS), actor=world["users"]["other_staff"])
    assert not report.applied and [(e.row, e.column) for e in report.errors] == [(2, PLAN_VERSION_H)]
    assert "permission denied" in report.errors[0].message
    budget = tmp_path / "budget.csv"
    spec = get_spec(BUDGET)
    _write_csv(
        budget,
        [
            spec.headers(),
            _row(
                spec,
                **{
                    "部门 Department": world["ministry"].pk,
                    "年度 Fiscal year": 2026,
                    "对象类型 Object": "网络",
                    "网络 Network": world["legacy"].pk,
                    AMOUNT_H: "100",
                },
            ),
        ],
    )
    report = run_import(budget, spec, actor=world["users"]["other_staff"])
    assert not report.applied and [(e.row, e.column) for e in report.errors] == [(2, "部门 Department")]
    assert not MigrationItem.objects.exists() and not BudgetLine.objects.exists()


def _budget_lines(world):
    staff = world["users"]["staff"]
    make = services.budget_line_create
    return [
        make(actor=staff, department=world["ministry"], fiscal_year=2026, object_kind=BudgetObjectKind.NETWORK,
             network=world["legacy"], amount_10k_yuan=Decimal("120")),
        make(actor=staff, department=world["ministry"], fiscal_year=2025, object_kind=BudgetObjectKind.NETWORK,
             network=world["legacy"], amount_10k_yuan=Decimal("110")),
        make(actor=staff, department=world["ministry"], fiscal_year=2026, object_kind=BudgetObjectKind.APPLICATION,
             system=world["systems"]["secret"], amount_10k_yuan=Decimal("30")),
        make(actor=world["users"]["other_staff"], department=world["other"], fiscal_year=2026,
             object_kind=BudgetObjectKind.NETWORK, network=world["other_net"], amount_10k_yuan=Decimal("80")),
    ]  # fmt: skip


def test_budget_round_trip_and_bad_kind_combination(world, tmp_path):
    lines = _budget_lines(world)
    staff = world["users"]["staff"]
    rows = _export(BUDGET, staff)
    spec = get_spec(BUDGET)
    assert {r[0] for r in rows[1:]} == {lines[0].pk, lines[1].pk, lines[2].pk}  # not the other ministry's
    assert REDACTED_NAME in [r[spec.headers().index("系统名称 System name")] for r in rows[1:]]  # 机密, no clearance
    for row in rows[1:]:
        if row[0] == lines[1].pk:
            row[spec.headers().index(AMOUNT_H)] = "99.5"
    rows.append(_row(spec, **{"部门 Department": world["ministry"].pk, "年度 Fiscal year": 2027,
                              "对象类型 Object": "应用系统", "网络 Network": world["legacy"].pk, AMOUNT_H: "1"}))  # fmt: skip
    path = tmp_path / "budget.csv"
    _write_csv(path, rows)
    report = run_import(path, spec, actor=staff)
    assert not report.applied and [e.row for e in report.errors] == [len(rows)]
    assert "应用系统" in report.errors[0].message or "application" in report.errors[0].message.lower()
    _write_csv(path, rows[:-1])
    report = run_import(path, spec, actor=staff)
    assert report.applied and (report.updated, report.unchanged) == (1, 2), report.errors
    assert BudgetLine.objects.get(pk=lines[1].pk).amount_10k_yuan == Decimal("99.50")
    assert BudgetLine.objects.get(pk=lines[0].pk).version == lines[0].version


def test_export_contains_what_the_list_shows_and_keeps_its_filters(world, client):
    _budget_lines(world)
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("migration:budget_list"), {"year": "2026"})
    shown = {line.pk for line in page.context["page"].object_list}
    url = reverse("exchange:export", args=[BUDGET, "csv"])
    assert f"{url}?year=2026" in page.content.decode()
    body = b"".join(client.get(url, {"year": "2026"}).streaming_content).decode("utf-8-sig")
    exported = {int(r[0]) for r in list(csv.reader(io.StringIO(body)))[1:]}
    assert exported == shown and len(shown) == 2
    xlsx = client.get(reverse("exchange:export", args=[BUDGET, "xlsx"]), {"year": "2026"})
    wb = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)), read_only=True)
    assert {r[0] for r in list(wb.worksheets[0].iter_rows(values_only=True))[1:]} == shown


def test_plan_page_export_link_exports_the_versions_items(world, client):
    plan, version = approved_plan(world)
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("migration:plan_detail", args=[plan.pk])).content.decode()
    url = reverse("exchange:export", args=[ITEMS, "csv"])
    assert f"{url}?plan_version={version.pk}" in page
    body = b"".join(client.get(url, {"plan_version": version.pk}).streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == get_spec(ITEMS).headers()
    assert {int(r[0]) for r in rows[1:]} == set(version.items.values_list("pk", flat=True))
    assert "防汛调度系统" in body


def test_cli_rejects_unknown_registry(world, tmp_path):
    with pytest.raises(CommandError):
        call_command("import", str(tmp_path / "x.csv"), registry="nope", actor="staff")


def test_overdue_page_export_link_exports_the_overdue_items(world, client):
    _plan, version = approved_plan(world, planned=dt.date(2020, 1, 31))
    client.force_login(world["users"]["staff"])
    page = client.get(reverse("migration:overdue"))
    shown = {i.pk for i in page.context["page"].object_list}
    query = page.context["export_query"]
    assert f"{reverse('exchange:export', args=[ITEMS, 'csv'])}?{query}" in page.content.decode().replace("&amp;", "&")
    body = b"".join(client.get(f"{reverse('exchange:export', args=[ITEMS, 'csv'])}?{query}").streaming_content)
    exported = {int(r[0]) for r in list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))[1:]}
    assert exported == shown and len(shown) == 2


def test_duplicates_are_row_errors_and_validation_queries_do_not_grow_per_row(
    world, draft, tmp_path, django_assert_max_num_queries
):
    from egovnet.migration.tests.conftest import make_system

    staff, spec = world["users"]["staff"], get_spec(ITEMS)
    services.item_add(
        actor=staff, version=draft, system=world["systems"]["flood"], from_network=world["legacy"],
        planned_date=dt.date(2027, 6, 30),
    )  # fmt: skip
    extra = [make_system(world["ministry"], f"业务系统{n}", world["legacy"]) for n in range(40)]
    rows = [spec.headers(), _item_row(world, draft, "flood"), _item_row(world, draft, "water")]
    rows += [_item_row(world, draft, "water", **{SYSTEM_H: s.pk}) for s in extra]
    rows.append(_item_row(world, draft, "water"))
    path = tmp_path / "dup.csv"
    _write_csv(path, rows)
    with django_assert_max_num_queries(20):
        report = run_import(path, spec, actor=staff, dry_run=True)
    assert [(e.row, e.column) for e in report.errors] == [(2, SYSTEM_H), (len(rows), SYSTEM_H)]
    # Updates: the exported rows, all changed, validated in a bounded number of queries too.
    for s in extra:
        services.item_add(
            actor=staff, version=draft, system=s, from_network=world["legacy"], planned_date=dt.date(2027, 6, 30)
        )
    exported = _export(ITEMS, staff)
    for row in exported[1:]:
        row[spec.headers().index("备注 Notes")] = "改"
    _write_csv(path, exported)
    with django_assert_max_num_queries(20):
        report = run_import(path, spec, actor=staff, dry_run=True)
    assert report.ok and report.updated == 41, report.errors


@pytest.mark.parametrize("name", [ITEMS, BUDGET])
def test_template_download_and_import_page_offer_the_registry(world, client, name):
    client.force_login(world["users"]["staff"])
    response = client.get(reverse("exchange:template", args=[name]))
    assert response.status_code == 200 and response["Content-Disposition"].endswith(f'{name}-template.xlsx"')
    assert f'value="{name}"' in client.get(reverse("exchange:import_start")).content.decode()
