"""Export redaction (scope and clearance as on screen), templates, and the export → edit → import round trip."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import RequestFactory
from openpyxl import load_workbook

from egovnet.core.models import AuditEntry
from egovnet.exchange.exporters import export_response, export_rows, write_xlsx
from egovnet.exchange.importers import get_spec, run_import
from egovnet.exchange.templates import DIVISIONS_SHEET, INSTRUCTIONS_SHEET, LISTS_SHEET, build_template
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db
SYSTEMS = get_spec("systems")


@pytest.fixture
def systems(world):
    make = ApplicationSystem.objects.create
    return {
        "open": make(name="公开门户", owner=world["ministry"], mlps_level=3, coverage_levels=["central"]),
        "mimi": make(name="秘密办公", owner=world["ministry"], is_classified=True, secrecy_grade="mimi"),
        "jimi": make(name="机密案件", owner=world["ministry"], is_classified=True, secrecy_grade="jimi"),
        "other": make(name="另一部系统", owner=world["other_ministry"]),
        "henan": make(name="河南政务服务", owner=world["henan"]),
    }


def _rows(user, qs=None):
    return list(export_rows(SYSTEMS, qs if qs is not None else ApplicationSystem.objects.all(), user))


def test_export_is_restricted_and_redacted_like_the_screen(world, systems):
    rows = _rows(world["ministry_lead"])  # 秘密 clearance, ministry scope
    header, data = rows[0], rows[1:]
    assert header == SYSTEMS.headers()
    names = {r[0]: r[2] for r in data}
    assert set(names) == {systems[k].pk for k in ("open", "mimi", "jimi")}  # no other ministry, no province
    assert names[systems["mimi"].pk] == "秘密办公"
    assert names[systems["jimi"].pk] == REDACTED_NAME
    grade_col = SYSTEMS.headers().index("密级 Secrecy grade")
    assert {r[0]: r[grade_col] for r in data}[systems["jimi"].pk] == ""
    assert "机密案件" not in repr(rows)
    henan = _rows(world["henan_staff"])
    assert [r[0] for r in henan[1:]] == [systems["henan"].pk]


def test_export_response_csv_and_xlsx(world, systems, django_assert_max_num_queries):
    request = RequestFactory().get("/")
    request.user = world["ministry_lead"]
    with django_assert_max_num_queries(3):
        response = export_response(request, ApplicationSystem.objects.all(), SYSTEMS, "csv")
        body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0] == SYSTEMS.headers() and len(rows) == 4 and "机密案件" not in body
    response = export_response(request, ApplicationSystem.objects.filter(mlps_level=3), SYSTEMS, "xlsx")
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    values = list(wb.worksheets[0].iter_rows(values_only=True))
    assert len(values) == 2 and values[1][2] == "公开门户"
    assert export_response(request, ApplicationSystem.objects.all(), SYSTEMS, "pdf").status_code == 400


def test_round_trip_updates_exactly_the_changed_rows(world, systems, tmp_path):
    path = tmp_path / "export.xlsx"
    write_xlsx(iter(_rows(world["ministry_lead"])), path)
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[0].value == systems["open"].pk:
            row[headers.index("带宽需求（Mbps） Bandwidth (Mbps)")].value = 100
    wb.save(path)
    audit_before = AuditEntry.objects.count()
    versions = {s.pk: s.version for s in ApplicationSystem.objects.all()}
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert report.ok and report.applied, report.errors
    # The redacted 机密 row came back with the placeholder name and no grade: unchanged, not an error.
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    after = {s.pk: s for s in ApplicationSystem.objects.all()}
    assert after[systems["open"].pk].bandwidth_mbps == 100
    assert after[systems["jimi"].pk].name == "机密案件" and after[systems["jimi"].pk].secrecy_grade == "jimi"
    changed = [pk for pk, s in after.items() if s.version != versions[pk]]
    assert changed == [systems["open"].pk]
    entries = AuditEntry.objects.filter(seq__gt=audit_before)
    assert [(e.action, e.object_id) for e in entries if e.action == "update"] == [("update", str(systems["open"].pk))]


def test_round_trip_of_an_unchanged_file_writes_nothing(world, systems, tmp_path):
    path = tmp_path / "same.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(_rows(world["root"]))
    before = AuditEntry.objects.filter(action="update").count()
    report = run_import(path, SYSTEMS, actor=world["root"])
    assert report.ok and report.unchanged == 5 and report.updated == 0  # root sees every row
    assert AuditEntry.objects.filter(action="update").count() == before


def test_changing_a_hidden_classified_row_is_refused(world, systems, tmp_path):
    rows = _rows(world["ministry_lead"])
    bw = SYSTEMS.headers().index("带宽需求（Mbps） Bandwidth (Mbps)")
    for row in rows[1:]:
        if row[0] == systems["jimi"].pk:
            row[bw] = 5
    path = tmp_path / "hidden.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert len(report.errors) == 1 and "clearance" in report.errors[0].message
    assert ApplicationSystem.objects.get(pk=systems["jimi"].pk).bandwidth_mbps is None


@pytest.mark.parametrize("registry", ["organisations", "networks", "systems"])
def test_template_has_headers_instructions_dropdowns_and_imports_back(world, registry, tmp_path):
    spec = get_spec(registry)
    path = tmp_path / f"{registry}.xlsx"
    build_template(spec, path)
    wb = load_workbook(path)
    assert wb.sheetnames[:2] == ["数据 Data", INSTRUCTIONS_SHEET]
    data = wb["数据 Data"]
    assert [c.value for c in data[1]] == spec.headers()
    assert wb[LISTS_SHEET].sheet_state == "hidden"
    formulas = {dv.formula1 for dv in data.data_validations.dataValidation}
    assert any(LISTS_SHEET in (f or "") for f in formulas)
    if registry != "systems":
        assert any(DIVISIONS_SHEET in (f or "") for f in formulas)
        codes = {r[0] for r in wb[DIVISIONS_SHEET].iter_rows(min_row=2, values_only=True)}
        assert "410102" in codes
    instructions = " ".join(str(c.value) for row in wb[INSTRUCTIONS_SHEET].iter_rows() for c in row if c.value)
    assert "整个文件" in instructions and all(c.header in instructions for c in spec.columns)
    # The empty template imports as an empty, valid file (template round trip).
    report = run_import(path, spec, actor=world["root"], dry_run=True)
    assert report.ok and report.rows == 0


def test_template_filled_in_imports(world, tmp_path):
    path = tmp_path / "t.xlsx"
    build_template(SYSTEMS, path)
    wb = load_workbook(path)
    ws = wb["数据 Data"]
    ws.append(
        [
            None,
            None,
            "省级政务服务平台",
            world["henan"].pk,
            None,
            "否",
            None,
            3,
            "政务外网",
            None,
            None,
            "政务外网",
            "是",
            "是",
            "是",
            "是",
            "省级、地市级、区县级",
            100,
            "运行中",
            None,
        ]
    )
    wb.save(path)
    report = run_import(path, SYSTEMS, actor=world["henan_staff"])
    assert report.applied, report.errors
    assert ApplicationSystem.objects.get(name="省级政务服务平台").coverage_levels == [
        "provincial",
        "prefecture",
        "county",
    ]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_every_registry_round_trips_unchanged(world, systems, tmp_path, fmt):
    import datetime as dt
    import decimal

    from egovnet.exchange.exporters import write_csv
    from egovnet.networks.models import Network

    net = Network.objects.create(
        name="河南省电子政务外网",
        family="extranet",
        level="provincial",
        division_id="410000",
        owner=world["henan"],
        operator=world["county"],
        scope="provincial",
        established_on=dt.date(2015, 6, 30),
        annual_om_cost_10k_yuan=decimal.Decimal("1200.50"),
        notes="多行\n备注",
    )
    ApplicationSystem.objects.filter(pk=systems["henan"].pk).update(
        current_network="dedicated", current_dedicated_network=net, coverage_levels=["provincial", "county"]
    )
    for name in ("organisations", "networks", "systems"):
        spec = get_spec(name)
        path = tmp_path / f"{name}.{fmt}"
        rows = export_rows(spec, spec.model.objects.all(), world["root"])
        (write_xlsx if fmt == "xlsx" else write_csv)(rows, path)
        before = AuditEntry.objects.count()
        report = run_import(path, spec, actor=world["root"])
        assert report.ok, (name, report.errors[:3])
        assert report.updated == 0 and report.created == 0 and report.unchanged == spec.model.objects.count(), name
        assert AuditEntry.objects.count() == before + 1  # only the import event itself
