"""Documents as jobs: built by the same service as the synchronous path, downloadable only by the requester,
idempotent per key, failures recorded with their reason, run by a worker."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from reportlab import rl_config

from egovnet.core.models import AuditEntry
from egovnet.exchange import document_jobs
from egovnet.exchange.choices import DocumentKind, DocumentStatus
from egovnet.exchange.documents import sources
from egovnet.exchange.documents.builders import register_document_source, unregister_document_source
from egovnet.exchange.documents.service import build_document
from egovnet.exchange.models import DocumentJob

pytestmark = pytest.mark.django_db
FIXED = timezone.make_aware(dt.datetime(2026, 12, 3, 9, 30))


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def frozen(monkeypatch):
    """The same instant and reportlab's invariant mode: two builds of the same data are the same bytes."""
    monkeypatch.setattr(rl_config, "invariant", 1)
    with mock.patch("django.utils.timezone.now", return_value=FIXED):
        yield


def _request(client, **form) -> DocumentJob:
    response = client.post(reverse("exchange:document_request"), form)
    assert response.status_code == 302, response.content
    return DocumentJob.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[-1]))


def _download(client, job: DocumentJob):
    return client.get(reverse("exchange:document_download", args=[job.pk]))


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_the_national_report_job_equals_the_synchronous_build_and_only_the_requester_downloads_it(
    client, world, frozen
):
    staff = world["henan_staff"]
    synchronous = build_document(actor=staff, kind=DocumentKind.NATIONAL_REPORT, params={}).file.read()
    client.force_login(staff)
    assert client.get(reverse("exchange:national_report")).status_code == 200  # the page builds nothing
    job = _request(client, kind="national_report", key="k1")
    assert job.status == DocumentStatus.DONE and job.user == staff and job.message == ""
    response = _download(client, job)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert _body(response) == synchronous and synchronous.startswith(b"%PDF")
    assert job.size == len(synchronous)
    page = client.get(reverse("exchange:document_job", args=[job.pk])).content.decode()
    assert reverse("exchange:document_download", args=[job.pk]) in page

    client.force_login(world["root"])  # even an administrator: the file is redacted for its requester
    for name in ("document_job", "document_progress", "document_download"):
        assert client.get(reverse(f"exchange:{name}", args=[job.pk])).status_code == 404, name
    client.logout()
    assert _download(client, job).status_code == 302  # to the sign-in page


def test_a_review_sheet_job_equals_the_synchronous_download(client, world, frozen, make_org):
    from egovnet.projects.services import project_create

    lead = world["ministry_lead"]
    make_org("国家发展改革委", kind="development_reform")  # the approving authority of central projects
    project = project_create(actor=lead, owner=world["ministry"], name="某部协同办公工程", act_date=dt.date(2013, 5, 2))
    client.force_login(lead)
    synchronous = client.get(reverse("exchange:review_sheet", args=[project.pk, "pdf"]))
    assert synchronous.status_code == 200
    job = _request(client, kind="review_sheet", project_id=str(project.pk), fmt="pdf", key="sheet")
    assert job.status == DocumentStatus.DONE, job.message
    assert _body(_download(client, job)) == synchronous.content
    assert job.download_name == f"review-sheet-{project.pk}.pdf"


EXPORT = {"kind": "export", "registry": "organisations", "fmt": "csv"}


def test_a_double_click_builds_once(client, world):
    client.force_login(world["henan_staff"])
    first = _request(client, **EXPORT, key="same-key")
    second = _request(client, **EXPORT, key="same-key")
    assert first.pk == second.pk and DocumentJob.objects.count() == 1
    built = AuditEntry.objects.filter(object_type="exchange.document", actor=world["henan_staff"])
    assert built.count() == 1 and built.get().after["sha256"] == first.sha256
    third = _request(client, **EXPORT, key="another-key")  # a new request builds again
    assert third.pk != first.pk and third.status == DocumentStatus.DONE


def test_without_a_key_a_document_in_hand_is_not_asked_twice(world, settings):
    settings.EXCHANGE_INLINE_JOBS = False
    staff = world["henan_staff"]
    with mock.patch.object(document_jobs, "_ENQUEUE", [lambda job_id: None]):
        first = document_jobs.request_document(actor=staff, kind=DocumentKind.NATIONAL_REPORT, params={})
        again = document_jobs.request_document(actor=staff, kind=DocumentKind.NATIONAL_REPORT, params={})
        assert first.pk == again.pk and first.status == DocumentStatus.QUEUED
        document_jobs.run_document_job(first.pk)
        later = document_jobs.request_document(actor=staff, kind=DocumentKind.NATIONAL_REPORT, params={})
    assert later.pk != first.pk  # the first is done: asking again later builds today's data


def test_a_failed_build_marks_the_job_failed_with_its_reason(client, world):
    client.force_login(world["henan_staff"])
    unregister_document_source("coverage")
    try:
        job = _request(client, kind="national_report", key="no-source")
    finally:
        register_document_source("coverage", sources.national_coverage)
    assert job.status == DocumentStatus.FAILED and job.finished is not None
    assert "尚未接入" in job.message and "coverage" in job.message
    page = client.get(reverse("exchange:document_job", args=[job.pk])).content.decode()
    assert escape(job.message) in page and reverse("exchange:document_download", args=[job.pk]) not in page
    assert _download(client, job).status_code == 404

    hidden = _request(client, kind="review_sheet", project_id="987654", fmt="pdf", key="no-project")
    assert hidden.status == DocumentStatus.FAILED and "无权查看" in hidden.message


def test_an_unexpected_error_fails_the_job_without_its_text(world):
    with mock.patch("egovnet.exchange.document_jobs.build_document", side_effect=RuntimeError("secret detail")):
        job = document_jobs.request_document(actor=world["root"], kind=DocumentKind.NATIONAL_REPORT, params={})
    assert job.status == DocumentStatus.FAILED and f"任务编号 {job.pk}" in job.message
    assert "secret detail" not in job.message


def test_a_storage_failure_fails_the_job_with_a_reason(world):
    with mock.patch("egovnet.exchange.document_jobs.default_storage.save", side_effect=OSError("bucket gone")):
        job = document_jobs.request_document(actor=world["henan_staff"], kind="export",
                                             params={"registry": "organisations", "fmt": "csv"})
    assert job.status == DocumentStatus.FAILED and f"任务编号 {job.pk}" in job.message


def test_a_job_whose_worker_died_on_every_attempt_says_so(world):
    job = DocumentJob.objects.create(user=world["root"], kind="national_report", key="k", status="building")
    document_jobs.document_job_abandoned({"args": [], "kwargs": {"job_id": job.pk}}, "工作进程已停止 / worker stopped")
    job.refresh_from_db()
    assert job.status == DocumentStatus.FAILED and job.message.startswith("工作进程已停止")


def test_a_background_export_applies_the_filters_and_redacts_for_the_requester(client, world):
    from egovnet.systems.models import ApplicationSystem

    ApplicationSystem.objects.create(name="门户网站", owner=world["ministry"])
    ApplicationSystem.objects.create(name="机密门户", owner=world["ministry"], is_classified=True, secrecy_grade="jimi")
    ApplicationSystem.objects.create(name="河南门户", owner=world["henan"])
    client.force_login(world["ministry_lead"])
    job = _request(client, kind="export", registry="systems", fmt="csv", query="q=门户", key="exp")
    assert job.status == DocumentStatus.DONE, job.message
    text = _body(_download(client, job)).decode("utf-8-sig")
    assert "门户网站" in text and "机密门户" not in text and "河南门户" not in text
    bad = _request(client, kind="export", registry="systems", fmt="csv", query="status=nonsense", key="bad")
    assert bad.status == DocumentStatus.FAILED and "筛选条件无效" in bad.message


@pytest.mark.django_db(transaction=True)  # the worker loop manages its connection as in production
def test_a_requested_document_is_built_by_a_worker(client, world, settings):
    from egovnet.core.jobs import EgovnetWorker

    settings.EXCHANGE_INLINE_JOBS = False
    client.force_login(world["henan_staff"])
    job = _request(client, **EXPORT, key="worker")
    assert job.status == DocumentStatus.QUEUED  # enqueued, not built in the request
    EgovnetWorker(batch=True, interval=0).run()
    job.refresh_from_db()
    assert job.status == DocumentStatus.DONE, job.message
    text = _body(_download(client, job)).decode("utf-8-sig")
    assert "河南省政府办公厅" in text and "某部" not in text  # the requester's scope


def test_purge_deletes_old_documents_and_their_files(client, world):
    from django.core.files.storage import default_storage
    from django.core.management import call_command

    client.force_login(world["henan_staff"])
    old, new = _request(client, **EXPORT, key="old"), _request(client, **EXPORT, key="new")
    DocumentJob.objects.filter(pk=old.pk).update(created=timezone.now() - dt.timedelta(days=40))
    assert default_storage.exists(old.stored_name)
    call_command("exchange-purge", days=30)
    assert list(DocumentJob.objects.values_list("pk", flat=True)) == [new.pk]
    assert not default_storage.exists(old.stored_name) and default_storage.exists(new.stored_name)


def test_the_cli_builds_the_same_document_with_the_same_service(world, tmp_path, frozen):
    from django.core.management import CommandError, call_command

    out = tmp_path / "report.pdf"
    call_command("document", "national_report", str(out), "--actor", "hstaff")
    assert out.read_bytes() == build_document(actor=world["henan_staff"], kind="national_report", params={}).file.read()
    with pytest.raises(CommandError, match="无权查看"):
        call_command("document", "review_sheet", str(tmp_path / "s.pdf"), "--actor", "hstaff", "--project", "987")


def test_the_same_form_key_for_another_document_is_another_request(client, world):
    client.force_login(world["henan_staff"])
    page = client.get(reverse("exchange:import_start")).content.decode()
    assert reverse("exchange:document_request") in page  # the background export form
    systems = _request(client, kind="export", registry="systems", fmt="csv", key="page-key")
    networks = _request(client, kind="export", registry="networks", fmt="csv", key="page-key")
    assert systems.pk != networks.pk and networks.download_name.startswith("networks")
