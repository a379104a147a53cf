"""Hostile or damaged files: row-level errors instead of tracebacks, a capped CLI listing, no upload left behind."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from egovnet.core import media
from egovnet.exchange import jobs
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


def _csv_bytes(world, names: list[str], encoding: str = "utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(SYSTEMS.headers())
    writer.writerows(system_row(name, world["henan"]) for name in names)
    return buffer.getvalue().encode(encoding)


def _huge_field_file(world, tmp_path: Path) -> Path:
    data = _csv_bytes(world, ["甲系统"])
    data += b'"' + b"x" * (csv.field_size_limit() + 10) + b'",1\r\n'  # one cell longer than the csv limit
    data += _csv_bytes(world, ["乙系统"]).split(b"\r\n", 1)[1]
    path = tmp_path / "huge.csv"
    path.write_bytes(data)
    return path


def _bad_bytes_file(world, tmp_path: Path, encoding: str) -> Path:
    """Valid text for well past the 64 KiB the encoding is sniffed from, then one row with bytes invalid in it."""
    names = [f"系统{i:04d}" for i in range(1000)]
    data = _csv_bytes(world, names, encoding)
    assert len(data) > 1 << 16
    bad = _csv_bytes(world, ["坏字节"], encoding).split(b"\r\n", 1)[1].replace("坏字节".encode(encoding), b"\xff\xfe\x80")
    path = tmp_path / f"bad-{encoding}.csv"
    path.write_bytes(data + bad)
    return path


def _cli(path: Path, actor: str = "hstaff") -> tuple[str, str]:
    out = io.StringIO()
    with pytest.raises(CommandError) as info:
        call_command("import", str(path), "--registry", "systems", "--actor", actor, "--quiet", stdout=out)
    return out.getvalue(), str(info.value)


def test_cli_over_long_csv_field_is_a_row_error(world, tmp_path):
    out, error = _cli(_huge_field_file(world, tmp_path))
    assert "第 3 行" in out and "个字符" in out and "longer than" in out and "nothing imported" in error
    assert ApplicationSystem.objects.count() == 0


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_cli_invalid_bytes_anywhere_are_a_row_error_naming_the_column(world, tmp_path, encoding):
    out, _ = _cli(_bad_bytes_file(world, tmp_path, encoding))
    lines = [line for line in out.splitlines() if "不是" in line]
    assert len(lines) == 1 and "第 1002 行" in lines[0] and "系统名称" in lines[0] and "UTF-8" in lines[0]


def test_cli_prints_the_first_50_errors_and_summarises_the_rest(world, tmp_path):
    rows = [system_row(f"坏{i}", world["henan"], status="?") for i in range(120)]
    path = write_sheet(tmp_path / "many.csv", SYSTEMS.headers(), rows)
    out, error = _cli(path)
    assert sum(1 for line in out.splitlines() if line.startswith("第 ")) == 50
    assert "另有 70 处错误" in out and "70 more error(s)" in out and "120 error(s)" in error


def _upload(client, path: Path):
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    client.post(reverse("exchange:import_start"), {"registry": "systems", "file": upload})
    return ImportJob.objects.latest("pk")


@pytest.mark.parametrize("make", ["huge", "utf-8", "gb18030"])
def test_web_bad_files_get_row_errors_and_the_upload_is_removed(client, world, tmp_path, make):
    client.force_login(world["henan_staff"])
    path = _huge_field_file(world, tmp_path) if make == "huge" else _bad_bytes_file(world, tmp_path, make)
    job = _upload(client, path)
    assert job.status == JobStatus.REJECTED and job.message == ""
    assert job.report["error_count"] == 1 and job.report["errors"][0]["row"] in {3, 1002}
    page = client.get(reverse("exchange:import_job", args=[job.pk])).content.decode()
    assert "Error:" not in page and "Traceback" not in page and "codec" not in page
    assert not default_storage.exists(job.stored_path)  # the job ended: the upload is gone
    annotated = client.get(reverse("exchange:import_annotated", args=[job.pk]))
    assert annotated.status_code == 200  # the annotated copy the user needs stays


def test_unexpected_failure_shows_no_exception_text(client, world, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("internal detail /srv/secret/path")

    monkeypatch.setattr(jobs, "run_import", boom)
    client.force_login(world["henan_staff"])
    job = _upload(client, write_sheet(tmp_path / "ok.csv", SYSTEMS.headers(), [system_row("甲", world["henan"])]))
    assert job.status == JobStatus.FAILED and "secret" not in job.message and "RuntimeError" not in job.message
    assert f"任务编号 {job.pk}" in job.message and not default_storage.exists(job.stored_path)


def test_upload_is_kept_while_validated_and_removed_once_imported(client, world, tmp_path):
    client.force_login(world["henan_staff"])
    job = _upload(client, write_sheet(tmp_path / "ok.xlsx", SYSTEMS.headers(), [system_row("甲", world["henan"])]))
    assert job.status == JobStatus.VALIDATED and default_storage.exists(job.stored_path)  # waits for the confirmation
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and not default_storage.exists(job.stored_path)
    assert list(media.walk(prefix=jobs.UPLOADS)) == []
