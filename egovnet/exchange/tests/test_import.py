"""Import: validation reported per row and column, all-or-nothing, scope, dry run, optimistic locking."""

from __future__ import annotations

import pytest

from egovnet.core.models import AuditEntry
from egovnet.exchange.importers import get_spec, run_import
from egovnet.networks.models import Network
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

from .conftest import system_row, write_sheet

pytestmark = pytest.mark.django_db
SYSTEMS = get_spec("systems")


def test_valid_file_creates_through_services_with_audit(world, tmp_path):
    path = write_sheet(
        tmp_path / "s.xlsx",
        SYSTEMS.headers(),
        [system_row("门户网站", world["ministry"]), system_row("办公系统", "某部", coverage_levels="central,county")],
    )
    before = AuditEntry.objects.count()
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert report.ok and report.applied, report.errors
    assert (report.created, report.updated) == (2, 0)
    portal = ApplicationSystem.objects.get(name="门户网站")
    assert portal.owner == world["ministry"] and portal.current_network == "extranet"
    assert ApplicationSystem.objects.get(name="办公系统").coverage_levels == ["central", "county"]
    # one create entry per row + one entry for the import itself
    assert AuditEntry.objects.count() - before == 3
    assert AuditEntry.objects.filter(action="create", object_type="systems.applicationsystem").count() == 2


def test_every_error_named_by_row_and_column(world, tmp_path):
    rows = [
        system_row("好的", world["ministry"]),
        system_row("", world["ministry"]),  # row 3: name missing
        system_row("坏级别", world["ministry"], mlps_level="三级"),  # row 4
        system_row("坏网络", world["ministry"], current_network="月球网"),  # row 5
        system_row("坏组织", 999999),  # row 6
        system_row("涉密无密级", world["ministry"], is_classified="是", mlps_level=""),  # row 7: clean() error
        system_row("坏布尔", world["ministry"], public_facing="也许"),  # row 8
    ]
    path = write_sheet(tmp_path / "s.csv", SYSTEMS.headers(), rows)
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert not report.ok and not report.applied
    got = {(e.row, e.column) for e in report.errors}
    assert got == {
        (3, "系统名称 Name"),
        (4, "等保级别 MLPS level"),
        (5, "现用网络 Current network"),
        (6, "所属组织 Owner"),
        (7, "密级 Secrecy grade"),
        (8, "面向公众 Public-facing"),
    }
    messages = {e.row: e.message for e in report.errors}
    assert "必填" in messages[3] and "不是整数" in messages[4] and "999999" in messages[6]
    assert ApplicationSystem.objects.count() == 0


def test_one_bad_last_row_of_thousands_leaves_database_unchanged(world, tmp_path):
    rows = [system_row(f"系统{i}", world["ministry"]) for i in range(3000)]
    rows[-1] = system_row("最后一行", world["ministry"], status="不存在的状态")
    path = write_sheet(tmp_path / "big.xlsx", SYSTEMS.headers(), rows)
    audit_before = AuditEntry.objects.count()
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert [(e.row, e.column) for e in report.errors] == [(3001, "状态 Status")]
    assert report.rows == 3000
    assert ApplicationSystem.objects.count() == 0 and AuditEntry.objects.count() == audit_before


def test_bulk_path_writes_all_rows_with_audit_and_keeps_the_chain(world, tmp_path):
    from egovnet.core.audit import verify_chain

    rows = [system_row(f"系统{i}", world["ministry"]) for i in range(2500)]
    path = write_sheet(tmp_path / "bulk.csv", SYSTEMS.headers(), rows)
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert report.ok and report.applied and report.created == 2500
    assert ApplicationSystem.objects.filter(owner=world["ministry"]).count() == 2500
    assert AuditEntry.objects.filter(action="create", object_type="systems.applicationsystem").count() == 2500
    assert verify_chain() is None


def test_scope_rows_of_other_ministry_or_province_are_permission_errors(world, tmp_path):
    rows = [
        system_row("本省系统", world["henan"]),
        system_row("县里系统", world["county"]),
        system_row("外省系统", world["hubei"]),  # row 4
        system_row("部委系统", world["ministry"]),  # row 5: central orgs are never in a division scope
    ]
    path = write_sheet(tmp_path / "scope.xlsx", SYSTEMS.headers(), rows)
    report = run_import(path, SYSTEMS, actor=world["henan_staff"])
    assert {(e.row, e.column) for e in report.errors} == {(4, "所属组织 Owner"), (5, "所属组织 Owner")}
    assert all("permission denied" in e.message and "无权" in e.message for e in report.errors)
    assert ApplicationSystem.objects.count() == 0
    ok = write_sheet(tmp_path / "ok.xlsx", SYSTEMS.headers(), rows[:2])
    assert run_import(ok, SYSTEMS, actor=world["henan_staff"]).applied
    # A ministry's staff cannot import into another ministry either.
    other = write_sheet(tmp_path / "other.csv", SYSTEMS.headers(), [system_row("他部系统", world["other_ministry"])])
    report = run_import(other, SYSTEMS, actor=world["ministry_lead"])
    assert [(e.row, e.column) for e in report.errors] == [(2, "所属组织 Owner")] and "另一部" in report.errors[
        0
    ].message


def test_gb18030_csv_as_saved_by_chinese_excel(world, tmp_path):
    path = tmp_path / "gbk.csv"
    import csv

    with path.open("w", encoding="gb18030", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(SYSTEMS.headers())
        writer.writerow(system_row("国标编码系统", world["ministry"]))
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
    assert report.applied, report.errors
    assert ApplicationSystem.objects.get().name == "国标编码系统"


def test_clearance_needed_to_register_a_classified_grade(world, tmp_path):
    rows = [system_row("机密系统", world["ministry"], is_classified="是", secrecy_grade="机密", mlps_level="")]
    path = write_sheet(tmp_path / "c.xlsx", SYSTEMS.headers(), rows)
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"])  # cleared for 秘密 only
    assert [(e.row, e.column) for e in report.errors] == [(2, "密级 Secrecy grade")]


def test_dry_run_reports_creates_and_changes_without_writing(world, tmp_path):
    existing = ApplicationSystem.objects.create(name="旧系统", owner=world["ministry"], mlps_level=2)
    rows = [
        system_row("新系统", world["ministry"]),
        system_row("旧系统改名", world["ministry"], id=existing.pk, version=existing.version, mlps_level=3),
    ]
    path = write_sheet(tmp_path / "d.xlsx", SYSTEMS.headers(), rows)
    report = run_import(path, SYSTEMS, actor=world["ministry_lead"], dry_run=True)
    assert report.ok and not report.applied and (report.created, report.updated) == (1, 1)
    update = next(s for s in report.samples if s.action == "update")
    assert update.diff["系统名称 Name"] == ("旧系统", "旧系统改名")
    assert update.diff["等保级别 MLPS level"] == (2, 3)
    assert ApplicationSystem.objects.count() == 1 and ApplicationSystem.objects.get().name == "旧系统"


def test_stale_version_is_an_error_for_that_row(world, tmp_path):
    system = ApplicationSystem.objects.create(name="甲", owner=world["ministry"], version=3)
    rows = [system_row("甲改", world["ministry"], id=system.pk, version=2)]
    report = run_import(write_sheet(tmp_path / "v.xlsx", SYSTEMS.headers(), rows), SYSTEMS, actor=world["root"])
    assert [(e.row, e.column) for e in report.errors] == [(2, "版本 Version")]
    assert "stale" in report.errors[0].message
    missing = [system_row("甲改", world["ministry"], id=system.pk)]
    report = run_import(write_sheet(tmp_path / "v2.xlsx", SYSTEMS.headers(), missing), SYSTEMS, actor=world["root"])
    assert [(e.row, e.column) for e in report.errors] == [(2, "版本 Version")]


def test_unknown_or_out_of_scope_id_is_reported(world, tmp_path):
    other = ApplicationSystem.objects.create(name="外省", owner=world["hubei"])
    rows = [
        system_row("x", world["henan"], id=other.pk, version=1),
        system_row("y", world["henan"], id=987654, version=1),
    ]
    report = run_import(write_sheet(tmp_path / "i.xlsx", SYSTEMS.headers(), rows), SYSTEMS, actor=world["henan_staff"])
    assert [(e.row, e.column) for e in report.errors] == [(2, "编号 ID"), (3, "编号 ID")]


def test_missing_required_header_names_the_column(world, tmp_path):
    header = [h for h in SYSTEMS.headers() if h != "所属组织 Owner"]
    report = run_import(write_sheet(tmp_path / "h.csv", header, [["", "", "x"]]), SYSTEMS, actor=world["root"])
    assert report.errors[0].row == 1 and "所属组织 Owner" in report.errors[0].message


def test_organisations_and_networks_import(world, tmp_path):
    orgs = get_spec("organisations")
    rows = [
        [
            None,
            None,
            "河南省发展和改革委员会",
            "河南发改委",
            "发展改革部门",
            "省级",
            "410000",
            world["henan"].pk,
            "",
            "否",
            "",
        ],
        [None, None, "坏区划局", "", "政府部门", "区县级", "999999", "", "", "否", ""],
    ]
    report = run_import(write_sheet(tmp_path / "o.xlsx", orgs.headers(), rows), orgs, actor=world["henan_lead"])
    assert [(e.row, e.column) for e in report.errors] == [(3, "行政区划代码 Division code")]
    report = run_import(write_sheet(tmp_path / "o2.xlsx", orgs.headers(), rows[:1]), orgs, actor=world["henan_lead"])
    assert report.applied, report.errors
    drc = Organisation.objects.get(name="河南省发展和改革委员会")
    assert drc.path == f"{world['henan'].path}{drc.pk}/" and drc.kind == "development_reform"

    nets = get_spec("networks")
    row = [
        None,
        None,
        "河南省电子政务外网",
        "政务外网",
        "网络平台",
        "省级",
        "410000",
        "河南省政府办公厅",
        "",
        "",
        "",
        "全省",
        "运行",
        "自建",
        "2015-06-30",
        "1200.5",
        "",
        "",
    ]
    report = run_import(write_sheet(tmp_path / "n.csv", nets.headers(), [row]), nets, actor=world["henan_staff"])
    assert report.applied, report.errors
    net = Network.objects.get()
    assert net.owner == world["henan"] and str(net.annual_om_cost_10k_yuan) == "1200.50"


def _import_peak(world, tmp_path, rows: int) -> int:
    import tracemalloc

    path = write_sheet(
        tmp_path / f"m{rows}.csv", SYSTEMS.headers(), [system_row(f"系统{i}", world["ministry"]) for i in range(rows)]
    )
    import gc

    gc.collect()
    tracemalloc.start()
    try:
        report = run_import(path, SYSTEMS, actor=world["ministry_lead"])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert report.applied and report.created == rows
    return peak


def test_memory_is_bounded_by_the_chunk_not_the_file(world, tmp_path, monkeypatch):
    from egovnet.exchange.importers import engine

    monkeypatch.setattr(engine, "CHUNK", 50)
    monkeypatch.setattr(engine, "BULK_THRESHOLD", 20)
    _import_peak(world, tmp_path, 60)  # warm-up: first-use allocations (imports, caches) are not per row
    ApplicationSystem.objects.all().delete()
    small = _import_peak(world, tmp_path, 150)
    ApplicationSystem.objects.all().delete()
    large = _import_peak(world, tmp_path, 750)
    # Five times the rows, about the same peak: nothing is kept per row across chunks.
    assert large < small * 2, (small, large)  # per-row retention would scale with the rows (about 5x)


def test_validation_queries_do_not_grow_with_rows(world, tmp_path, django_assert_max_num_queries):
    existing = [ApplicationSystem.objects.create(name=f"旧{i}", owner=world["henan"]) for i in range(50)]
    rows = [system_row(f"新{i}", [world["henan"], world["county"], "河南省政府办公厅"][i % 3]) for i in range(400)]
    rows += [system_row(f"旧{i}改", world["henan"], id=s.pk, version=1) for i, s in enumerate(existing)]
    path = write_sheet(tmp_path / "q.csv", SYSTEMS.headers(), rows)
    with django_assert_max_num_queries(8):  # divisions, grants, then per 1,000-row chunk: owners, networks, targets
        report = run_import(path, SYSTEMS, actor=world["henan_staff"], dry_run=True)
    assert report.ok and (report.created, report.updated) == (400, 50), report.errors[:3]


def test_bulk_path_for_organisations_and_networks_sets_paths_and_audits(world, tmp_path):
    orgs = get_spec("organisations")
    rows = [
        [None, None, f"县直单位{i}", "", "政府部门", "区县级", "410102", world["henan"].pk, "", "否", ""]
        for i in range(250)
    ]
    report = run_import(write_sheet(tmp_path / "orgs.csv", orgs.headers(), rows), orgs, actor=world["henan_lead"])
    assert report.applied and report.created == 250, report.errors[:3]
    made = Organisation.objects.filter(name__startswith="县直单位")
    assert all(o.path == f"{world['henan'].path}{o.pk}/" for o in made)
    assert all(o.name_pinyin.startswith("xian4zhi2dan1wei4") for o in made)  # the list's pinyin sort key
    assert AuditEntry.objects.filter(object_type="orgs.organisation", action="create").count() == 250
    nets = get_spec("networks")
    rows = [
        [
            None,
            None,
            f"接入网{i}",
            "政务外网",
            "接入线路",
            "区县级",
            "410102",
            made[0].pk,
            "",
            "",
            "",
            "全县",
            "运行",
            "自建",
            "",
            "",
            "",
            "",
        ]
        for i in range(250)
    ]
    report = run_import(write_sheet(tmp_path / "nets.csv", nets.headers(), rows), nets, actor=world["henan_staff"])
    assert report.applied and Network.objects.filter(owner=made[0]).count() == 250, report.errors[:3]


def _stored(**kw):
    from egovnet.policy.models import Finding

    return set(Finding.objects.filter(**kw).values_list("subject_type", "subject_id", "rule", "outcome", "message_en"))


def test_a_bulk_import_stores_the_findings_a_sweep_would(world, tmp_path, django_capture_on_commit_callbacks):
    """ADR 0360: a file past BULK_THRESHOLD takes the bulk path (0701) and still refreshes every created row
    and its owner after the commit, as the one-row-at-a-time path does."""
    from egovnet.exchange.importers import engine
    from egovnet.policy.sweep import run_sweep

    n = engine.BULK_THRESHOLD + 50
    rows = [system_row(f"批量{i}", world["ministry"], target_network="" if i % 3 else "政务外网") for i in range(n)]
    with django_capture_on_commit_callbacks(execute=True):
        report = run_import(
            write_sheet(tmp_path / "bulk.csv", SYSTEMS.headers(), rows), SYSTEMS, actor=world["ministry_lead"]
        )
    assert report.applied and report.created == n, report.errors[:3]
    after_import = _stored(subject_type="system") | _stored(
        subject_type="organisation", subject_id=world["ministry"].pk
    )
    no_target = {str(pk) for pk in ApplicationSystem.objects.filter(target_network="").values_list("pk", flat=True)}
    assert len(no_target) == n - len(range(0, n, 3))
    assert no_target <= {f[1] for f in after_import if f[0] == "system" and f[3] == "fail"}  # at least
    run_sweep(actor=world["root"])
    swept = _stored(subject_type="system") | _stored(subject_type="organisation", subject_id=world["ministry"].pk)
    assert after_import == swept
