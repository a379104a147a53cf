import csv
import datetime as dt

import pytest
from django.core.management import CommandError, call_command

from egovnet.core.models import AuditEntry
from egovnet.core.services import system_actor
from egovnet.geo.models import Division
from egovnet.geo.services import DEFAULT_FILE, divisions_load

pytestmark = pytest.mark.django_db


def _write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0].keys()))
        writer.writeheader()
        writer.writerows(rows)


def _rows():
    with DEFAULT_FILE.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_full_load_counts_and_special_cases():
    report = divisions_load(actor=system_actor())
    assert len(report.created) == 3209
    assert Division.objects.filter(level="province").count() == 31
    assert Division.objects.filter(level="prefecture").count() == 333
    assert Division.objects.filter(level="county").count() == 2845
    # Municipality districts and 省直辖县级单位 hang directly under their province.
    assert Division.objects.get(code="110101").parent_id == "110000"
    jiyuan = Division.objects.get(code="419001")
    assert jiyuan.parent_id == "410000" and jiyuan.directly_under_province and jiyuan.prefecture_code == ""
    assert Division.objects.filter(level="county", parent__level="province").count() == 117
    # Prefectures without counties, and 金门 kept with its note.
    assert not Division.objects.filter(parent_id="441900").exists()
    assert Division.objects.get(code="441900").level == "prefecture"
    assert "金门" in Division.objects.get(code="350527").name and Division.objects.get(code="350527").note
    assert Division.objects.get(code="440106").prefecture_code == "440100"


def test_rerun_is_idempotent():
    divisions_load(actor=system_actor())
    audit_rows = AuditEntry.objects.count()
    report = divisions_load(actor=system_actor())
    assert report.unchanged == 3209 and not (report.created or report.renamed or report.invalidated)
    assert AuditEntry.objects.count() == audit_rows


def test_newer_list_renames_invalidates_and_adds(tmp_path):
    divisions_load(actor=system_actor())
    rows = _rows()
    rows = [r for r in rows if r["code"] != "500157"]  # removed in the "newer" list
    for r in rows:
        if r["code"] == "440106":
            r["name"] = "天河新区"
    rows.append({**next(r for r in rows if r["code"] == "440106"), "code": "440199", "name": "新设区"})
    newer = tmp_path / "newer.csv"
    _write(newer, rows)
    report = divisions_load(actor=system_actor(), path=newer, as_of=dt.date(2026, 6, 1))
    assert report.renamed == ["440106"] and report.created == ["440199"] and report.invalidated == ["500157"]
    renamed = Division.objects.get(code="440106")
    assert renamed.name == "天河新区" and renamed.name_history == [{"name": "天河区", "until": "2026-06-01"}]
    removed = Division.objects.get(code="500157")  # kept, invalid from the date: history keeps denominators
    assert removed.valid_to == dt.date(2026, 6, 1)
    assert Division.objects.valid_on(dt.date(2026, 1, 1)).filter(code="500157").exists()
    assert not Division.objects.valid_on(dt.date(2026, 6, 1)).filter(code="500157").exists()
    assert Division.objects.get(code="440199").valid_from == dt.date(2026, 6, 1)
    # Loading the original list again restores the code.
    report = divisions_load(actor=system_actor(), as_of=dt.date(2026, 7, 1))
    assert "500157" in report.restored and Division.objects.get(code="500157").valid_to is None


def test_bad_file_is_rejected_whole_with_line_numbers(tmp_path):
    rows = _rows()[:5]
    rows[2]["code"] = "12AB"
    rows[3]["level"] = "town"
    bad = tmp_path / "bad.csv"
    _write(bad, rows)
    with pytest.raises(CommandError) as exc:
        call_command("load-divisions", "--file", str(bad))
    assert "line 4" in str(exc.value) and "line 5" in str(exc.value)
    assert Division.objects.count() == 0


def test_command_reports_counts(capsys):
    call_command("load-divisions")
    assert "created 3209" in capsys.readouterr().out
