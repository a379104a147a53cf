"""Uploads: classified material refused with the reason; bad files refused; files downloadable only in scope."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .helpers import client_for, ok

pytestmark = pytest.mark.django_db


def _pdf() -> bytes:
    from pypdf import PdfWriter

    writer, buf = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buf)
    return buf.getvalue()


PDF = _pdf()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(c, pk, name, content, **fields):
    data = {"project": pk, "doc_type": "needs_analysis_report", "file": SimpleUploadedFile(name, content), **fields}
    return c.post("/api/projects/evidence/", data, format="multipart")


def docx() -> bytes:
    import docx as python_docx

    buf = io.BytesIO()
    python_docx.Document().save(buf)
    return buf.getvalue()


def test_pdf_and_office_are_stored_by_hash_and_downloaded_in_scope_only(world, project):
    lead = client_for(world.lead)
    ev = ok(upload(lead, project.pk, "需求分析报告.pdf", PDF), 201)
    assert ev["file_sha256"] == hashlib.sha256(PDF).hexdigest() and ev["file_content_type"] == "application/pdf"
    response = lead.get(f"/api/projects/evidence/{ev['id']}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    assert client_for(world.other_lead).get(f"/api/projects/evidence/{ev['id']}/download/").status_code == 404
    word = ok(upload(lead, project.pk, "report.bin", docx()), 201)  # the extension does not matter, the content does
    assert word["file_content_type"].endswith("wordprocessingml.document")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("fake.pdf", b"MZ\x90\x00 this is an executable"),
        ("notes.docx", b"PK\x03\x04 not really a zip"),
        ("empty.pdf", b""),
    ],
)
def test_bad_files_are_refused_naming_the_field(world, project, name, content):
    response = upload(client_for(world.lead), project.pk, name, content)
    assert response.status_code == 400 and "file" in response.json()


def test_oversized_file_is_refused(world, project, settings):
    settings.EVIDENCE_MAX_BYTES = 10
    response = upload(client_for(world.lead), project.pk, "big.pdf", PDF)
    assert response.status_code == 400 and "过大" in response.json()["file"][0]


@pytest.mark.parametrize(
    "doc_type", ["secrecy_review_opinion", "classified_system_authorization", "intranet_access_vetting"]
)
def test_classified_material_is_reference_only(world, project, doc_type):
    response = upload(client_for(world.lead), project.pk, "opinion.pdf", PDF, doc_type=doc_type)
    assert response.status_code == 409
    body = response.json()
    assert (
        body["code"] == "classified_upload_refused"
        and "国家秘密" in body["detail"]
        and "state secrets" in body["detail"]
    )
    # the same document as a reference (no file) is accepted and marked opaque
    ev = ok(client_for(world.lead).post("/api/projects/evidence/", {"project": project.pk, "doc_type": doc_type,
                                                                     "ref_no": "国保函〔2013〕1号"}, format="json"), 201)  # fmt: skip
    assert ev["opaque"] is True and ev["has_file"] is False


def test_classified_assessment_report_upload_refused_before_other_checks(world, project):
    response = upload(client_for(world.agency_user), project.pk, "fenbao.pdf", PDF, doc_type="fenbao_assessment_report",
                      issuer=world.agency_org.pk)  # fmt: skip
    assert response.status_code == 409 and response.json()["code"] == "classified_upload_refused"


def test_marking_any_document_classified_refuses_its_file(world, project):
    response = upload(client_for(world.lead), project.pk, "plan.pdf", PDF, classified="true")
    assert response.status_code == 409
