"""Evidence uploads are judged by their whole structure: polyglots, appended files and disguised HTML are refused."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from .helpers import client_for, ok
from .test_evidence_files import PDF, docx, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _zip(entries: dict[str, str]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, text in entries.items():
            z.writestr(name, text)
    return buf.getvalue()


def _xlsx() -> bytes:
    buf = io.BytesIO()
    Workbook().save(buf)
    return buf.getvalue()


HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
BAD = {
    "html_named_pdf": HTML,
    "html_after_pdf_header": b"%PDF-1.7\n" + HTML + b"\n%%EOF\n",
    "pdf_header_then_garbage": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "pdf_with_appended_zip": PDF + _zip({"evil.html": "<script>1</script>"}),
    "pdf_with_appended_html": PDF + HTML,
    "zip_with_leading_junk": b"junk before the package" + docx(),
    "docx_with_appended_html": docx() + HTML,
    "zip_not_office": _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}),
    "office_main_part_missing": _zip(
        {
            "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
            "_rels/.rels": "<Relationships/>",
        }
    ),
    "ole2_with_appended_data": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(20) + b"\x3e\x00\xfe\xff\x09\x00" + bytes(482)
    + b"tail",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_disguised_and_polyglot_files_are_refused_naming_the_field(world, project, name):
    response = upload(client_for(world.lead), project.pk, f"{name}.pdf", BAD[name])
    assert response.status_code == 400, name
    message = response.json()["file"][0]
    assert "证明材料文件（file）" in message and "Evidence file (file) refused" in message and "第九条" in message


@pytest.mark.parametrize(
    ("content", "kind"),
    [(PDF, "application/pdf"), (docx(), "wordprocessingml.document"), (_xlsx(), "spreadsheetml.sheet")],
)
def test_real_documents_are_accepted(world, project, content, kind):
    ev = ok(upload(client_for(world.lead), project.pk, "material.bin", content), 201)
    assert ev["file_content_type"].endswith(kind)


def test_incremental_pdf_updates_are_accepted(world, project):
    """A PDF saved twice has two %%EOF markers; only data after the last one is refused."""
    from pypdf import PdfWriter

    writer = PdfWriter(io.BytesIO(PDF), incremental=True)
    writer.add_metadata({"/Title": "需求分析报告"})
    buf = io.BytesIO()
    writer.write(buf)
    assert buf.getvalue().count(b"%%EOF") == 2
    ok(upload(client_for(world.lead), project.pk, "updated.pdf", buf.getvalue()), 201)
