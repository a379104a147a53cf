"""The web flow (upload → dry-run report → confirm → imported, annotated workbook) and the CLI commands."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from egovnet.exchange.choices import JobStatus
from egovnet.exchange.importers import get_spec
from egovnet.exchange.models import ImportJob
from egovnet.systems.models import ApplicationSystem

from .conftest import system_row, write_sheet

pytestmark = pytest.mark.django_db
SYSTEMS = get_spec("systems")


@pytest.fixture(autouse=True)
def data_dir(settings, tmp_path):
    settings.DATA_DIR = tmp_path / "data"
    settings.MEDIA_ROOT = tmp_path / "media"


def _upload(client, path, registry="systems"):
    with path.open("rb") as fh:
        upload = SimpleUploadedFile(path.name, fh.read())
    return client.post(reverse("exchange:import_start"), {"registry": registry, "file": upload})


def test_upload_dry_run_confirm_flow(client, world, tmp_path):
    client.force_login(world["henan_staff"])
    path = write_sheet(tmp_path / "ok.xlsx", SYSTEMS.headers(), [system_row("省平台", world["henan"])])
    response = _upload(client, path)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and job.status == JobStatus.VALIDATED
    assert ApplicationSystem.objects.count() == 0  # validation wrote nothing
    page = client.get(reverse("exchange:import_job", args=[job.pk])).content.decode()
    assert "确认导入" in page and "省平台" in page and "<progress" in page
    progress = client.get(reverse("exchange:import_progress", args=[job.pk]))
    assert progress["HX-Refresh"] == "true" and "100%" in progress.content.decode()
    response = client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert response.status_code == 302 and job.status == JobStatus.DONE
    assert ApplicationSystem.objects.get().name == "省平台"
    # A finished job cannot be confirmed twice.
    assert client.post(reverse("exchange:import_confirm", args=[job.pk])).status_code == 403


def test_rejected_upload_shows_errors_and_annotated_workbook(client, world, tmp_path):
    client.force_login(world["henan_staff"])
    rows = [
        system_row("好", world["henan"]),
        system_row("外省", world["hubei"]),
        system_row("坏", world["henan"], status="?"),
    ]
    job_path = write_sheet(tmp_path / "bad.xlsx", SYSTEMS.headers(), rows)
    _upload(client, job_path)
    job = ImportJob.objects.get()
    assert job.status == JobStatus.REJECTED and job.report["error_count"] == 2
    page = client.get(reverse("exchange:import_job", args=[job.pk])).content.decode()
    assert "所属组织 Owner" in page and "状态 Status" in page and "确认导入" not in page
    response = client.get(reverse("exchange:import_annotated", args=[job.pk]))
    wb = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    assert headers[-1] == "错误 Errors"
    owner_cell = ws.cell(row=3, column=headers.index("所属组织 Owner") + 1)
    assert owner_cell.fill.fgColor.rgb.endswith("FFC7CE") and "permission" in owner_cell.comment.text
    assert "状态 Status" in ws.cell(row=4, column=len(headers)).value
    assert ws.cell(row=2, column=len(headers)).value is None
    # Jobs are private to their uploader.
    client.force_login(world["henan_lead"])
    assert client.get(reverse("exchange:import_job", args=[job.pk])).status_code == 404


def test_template_and_export_downloads(client, world):
    ApplicationSystem.objects.create(name="机密案件", owner=world["ministry"], is_classified=True, secrecy_grade="jimi")
    client.force_login(world["ministry_lead"])
    response = client.get(reverse("exchange:template", args=["systems"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/vnd.openxml")
    body = b"".join(client.get(reverse("exchange:export", args=["systems", "csv"])).streaming_content)
    assert "涉密系统，名称不予显示".encode() in body and "机密案件".encode() not in body
    assert client.get(reverse("exchange:template", args=["nope"])).status_code == 404


def test_review_sheet_of_unknown_project_and_national_report_views(client, world):
    client.force_login(world["root"])
    assert client.get(reverse("exchange:review_sheet", args=[987, "pdf"])).status_code == 404
    response = client.get(reverse("exchange:national_report"))  # a page that asks for the report: built as a job
    assert response.status_code == 200 and reverse("exchange:document_request") in response.content.decode()


def test_cli_import_dry_run_then_import(world, tmp_path, capsys):
    path = write_sheet(tmp_path / "cli.csv", SYSTEMS.headers(), [system_row("命令行系统", world["henan"])])
    call_command("import", str(path), registry="systems", dry_run=True, actor="hstaff")
    out = capsys.readouterr()
    assert "create row 2" in out.out and "校验 validate" in out.err and ApplicationSystem.objects.count() == 0
    call_command("import", str(path), registry="systems", actor="hstaff", quiet=True)
    assert ApplicationSystem.objects.get().name == "命令行系统"


def test_cli_import_errors_fail_with_annotated_workbook(world, tmp_path, capsys):
    path = write_sheet(tmp_path / "bad.csv", SYSTEMS.headers(), [system_row("外省", world["hubei"])])
    annotated = tmp_path / "errors.xlsx"
    with pytest.raises(CommandError):
        call_command("import", str(path), registry="systems", actor="hstaff", annotate=str(annotated), quiet=True)
    assert "第 2 行" in capsys.readouterr().out and annotated.exists()
    with pytest.raises(CommandError):
        call_command("import", str(path), registry="systems")  # no --actor: fail closed
    with pytest.raises(CommandError):
        call_command("import", str(path), registry="systems", actor="nobody")


def test_cli_export_and_template(world, tmp_path):
    ApplicationSystem.objects.create(name="公开门户", owner=world["ministry"])
    out = tmp_path / "out.xlsx"
    call_command("export", str(out), registry="systems", actor="mlead")
    rows = list(load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:3] == ("编号 ID", "版本 Version", "系统名称 Name") and rows[1][2] == "公开门户"
    call_command("export", str(tmp_path / "out.csv"), registry="systems", actor="hstaff")
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").count("\n") == 1  # header only: out of scope
    call_command("export", str(tmp_path / "t.xlsx"), registry="networks", template=True)
    assert "填写说明 Instructions" in load_workbook(tmp_path / "t.xlsx").sheetnames


def test_change_between_dry_run_and_confirm_aborts_everything(client, world, tmp_path):
    from egovnet.systems.services import system_update

    target = ApplicationSystem.objects.create(name="旧名", owner=world["henan"])
    rows = [system_row("新系统", world["henan"]), system_row("新名", world["henan"], id=target.pk, version=1)]
    client.force_login(world["henan_staff"])
    _upload(client, write_sheet(tmp_path / "race.xlsx", SYSTEMS.headers(), rows))
    job = ImportJob.objects.get()
    assert job.status == JobStatus.VALIDATED
    system_update(actor=world["root"], system=target, expected_version=1, bandwidth_mbps=8)  # someone else edits
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.REJECTED
    assert job.report["errors"][0]["row"] == 3 and "stale" in job.report["errors"][0]["message"]
    assert list(ApplicationSystem.objects.values_list("name", flat=True)) == ["旧名"]  # the new row rolled back too


@pytest.mark.django_db(transaction=True)
def test_background_job_runs_on_a_worker_and_updates_the_job_row(world, tmp_path, settings):
    import threading
    import time

    from django.db import OperationalError

    from egovnet.core.jobs import EgovnetWorker
    from egovnet.exchange import jobs

    settings.EXCHANGE_INLINE_JOBS = False
    path = write_sheet(
        tmp_path / "bg.csv", SYSTEMS.headers(), [system_row(f"后台{i}", world["henan"]) for i in range(30)]
    )
    job = ImportJob.objects.create(
        user=world["henan_staff"], registry="systems", original_name="bg.csv", stored_path=str(path), fmt="csv"
    )

    def wait_for(status: str, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                job.refresh_from_db()
            except OperationalError as exc:  # the test database is shared-cache in-memory SQLite: table locks
                assert "locked" in str(exc)
                time.sleep(0.05)
                continue
            if job.status == status:
                return
            time.sleep(0.1)

    def worker_drains_the_queue() -> None:  # a real worker loop, in a thread: enqueued on commit, run, recorded
        thread = threading.Thread(target=EgovnetWorker(batch=True, interval=0.05).run)
        thread.start()
        thread.join(60)

    jobs.start(job, write=False)
    job.refresh_from_db()
    assert job.status == JobStatus.VALIDATING  # enqueued, not run in the request
    worker_drains_the_queue()
    wait_for(JobStatus.VALIDATED, time.monotonic() + 30)
    assert job.status == JobStatus.VALIDATED and job.report["created"] == 30 and job.done_rows == 30
    jobs.start(job, write=True)
    worker_drains_the_queue()
    wait_for(JobStatus.DONE, time.monotonic() + 30)
    assert job.status == JobStatus.DONE and ApplicationSystem.objects.count() == 30


def test_export_view_applies_the_list_filters_on_visible_names_only(client, world):
    ApplicationSystem.objects.create(name="门户网站", owner=world["ministry"], status="planned")
    ApplicationSystem.objects.create(name="办公系统", owner=world["ministry"])
    ApplicationSystem.objects.create(name="机密门户", owner=world["ministry"], is_classified=True, secrecy_grade="jimi")
    client.force_login(world["ministry_lead"])
    url = reverse("exchange:export", args=["systems", "csv"])
    body = b"".join(client.get(url, {"q": "门户"}).streaming_content).decode("utf-8-sig")
    assert body.count("\n") == 2 and "门户网站" in body and "机密" not in body  # the hidden name is not searchable
    body = b"".join(client.get(url, {"status": "in_operation"}).streaming_content).decode("utf-8-sig")
    assert "办公系统" in body and "门户网站" not in body


def test_purge_deletes_old_uploads_only(world, tmp_path):
    import datetime as dt

    from django.utils import timezone

    old_file, new_file = tmp_path / "old.csv", tmp_path / "new.csv"
    old_file.write_text("x"), new_file.write_text("y")
    make = ImportJob.objects.create
    old = make(user=world["root"], registry="systems", original_name="o", stored_path=str(old_file), fmt="csv")
    make(user=world["root"], registry="systems", original_name="n", stored_path=str(new_file), fmt="csv")
    ImportJob.objects.filter(pk=old.pk).update(created=timezone.now() - dt.timedelta(days=40))
    call_command("exchange-purge", days=30)
    assert list(ImportJob.objects.values_list("original_name", flat=True)) == ["n"]
    assert not old_file.exists() and new_file.exists()
