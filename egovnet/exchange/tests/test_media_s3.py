"""Media through an S3-compatible store (django-storages, moto's in-process S3): import uploads, annotated
workbooks, generated documents and the backup's media part go through the configured storage, never a local path."""

from __future__ import annotations

from pathlib import Path

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto import mock_aws

from egovnet import settings as project_settings
from egovnet.core import backup
from egovnet.exchange.choices import DocumentStatus, JobStatus
from egovnet.exchange.importers import get_spec
from egovnet.exchange.models import DocumentJob, ImportJob
from egovnet.systems.models import ApplicationSystem

from .conftest import system_row, write_sheet

pytestmark = pytest.mark.django_db
BUCKET = "egovnet-media"
ENV = {
    "EGOVNET_MEDIA_STORAGE": "s3",
    "EGOVNET_S3_BUCKET": BUCKET,
    "EGOVNET_S3_PREFIX": "media",
    "EGOVNET_S3_REGION": "us-east-1",
    "EGOVNET_S3_ACCESS_KEY_ID": "testing",
    "EGOVNET_S3_SECRET_ACCESS_KEY": "testing",
}


@pytest.fixture
def s3(settings, tmp_path):
    """The default storage configured from the environment variables an operator sets, on moto's S3."""
    settings.MEDIA_ROOT = tmp_path / "local-media"  # must stay empty: nothing is written to a local path
    with mock_aws():
        client = boto3.client("s3", region_name="us-east-1")
        client.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {**settings.STORAGES, "default": project_settings.media_storage(ENV)}
        yield client


def _keys(client) -> set[str]:
    return {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def _upload(client, path: Path) -> ImportJob:
    upload = SimpleUploadedFile(path.name, path.read_bytes())
    assert client.post(reverse("exchange:import_start"), {"registry": "systems", "file": upload}).status_code == 302
    return ImportJob.objects.latest("pk")


def test_an_import_upload_round_trips_through_s3(client, world, tmp_path, s3):
    client.force_login(world["henan_staff"])
    headers = get_spec("systems").headers()
    job = _upload(client, write_sheet(tmp_path / "ok.csv", headers, [system_row("云上系统", world["henan"])]))
    assert job.status == JobStatus.VALIDATED, job.message
    assert _keys(s3) == {f"media/{job.stored_path}"}  # kept in the bucket until confirmed
    client.post(reverse("exchange:import_confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == JobStatus.DONE and ApplicationSystem.objects.filter(name="云上系统").exists()
    assert _keys(s3) == set()  # a finished job keeps no copy of the upload

    bad = _upload(client, write_sheet(tmp_path / "bad.csv", headers, [system_row("", world["henan"])]))
    assert bad.status == JobStatus.REJECTED
    assert _keys(s3) == {f"media/imports/job-{bad.pk}-errors.xlsx"}
    annotated = client.get(reverse("exchange:import_annotated", args=[bad.pk]))
    assert annotated.status_code == 200 and b"".join(annotated.streaming_content).startswith(b"PK")
    assert not (tmp_path / "local-media").exists()


def test_a_generated_document_round_trips_through_s3(client, world, tmp_path, s3):
    ApplicationSystem.objects.create(name="河南门户", owner=world["henan"])
    client.force_login(world["henan_staff"])
    response = client.post(
        reverse("exchange:document_request"), {"kind": "export", "registry": "systems", "fmt": "csv", "key": "s3"}
    )
    job = DocumentJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))
    assert job.status == DocumentStatus.DONE, job.message
    assert _keys(s3) == {f"media/{job.stored_name}"}
    stored = s3.get_object(Bucket=BUCKET, Key=f"media/{job.stored_name}")["Body"].read()
    body = b"".join(client.get(reverse("exchange:document_download", args=[job.pk])).streaming_content)
    assert body == stored and "河南门户" in body.decode("utf-8-sig")
    assert not (tmp_path / "local-media").exists()


def test_the_backup_media_part_reads_and_restores_the_bucket(s3, tmp_path):
    default_storage.save("evidence/批复.pdf", ContentFile(b"%PDF-1.4 evidence"))
    default_storage.save("documents/1/2.pdf", ContentFile(b"%PDF report"))
    before = backup.media_fingerprint()
    assert set(before) == {"evidence/批复.pdf", "documents/1/2.pdf"}
    backup._pack_media(tmp_path)
    default_storage.delete("evidence/批复.pdf")
    default_storage.save("evidence/批复.pdf", ContentFile(b"changed"))
    default_storage.save("stray.txt", ContentFile(b"x"))
    backup._restore_media(tmp_path)
    assert backup.media_fingerprint() == before
    assert _keys(s3) == {"media/evidence/批复.pdf", "media/documents/1/2.pdf"}


def test_the_media_storage_setting_fails_closed():
    assert project_settings.media_storage({})["BACKEND"].endswith("FileSystemStorage")
    with pytest.raises(ImproperlyConfigured, match="EGOVNET_S3_BUCKET"):
        project_settings.media_storage({"EGOVNET_MEDIA_STORAGE": "s3"})
    with pytest.raises(ImproperlyConfigured, match="must be folder"):
        project_settings.media_storage({"EGOVNET_MEDIA_STORAGE": "ftp"})
