"""Whole-structure checks of evidence files: a PDF must parse as a PDF, an Office package as an OOXML package,
and nothing may hide a second format (an appended ZIP or HTML, leading junk, HTML after a ``%PDF-`` line).

Each check returns the reason a file is refused (English; the caller adds the Chinese), or None when it is fine.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from xml.etree import ElementTree

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_LOCAL, ZIP_END = b"PK\x03\x04", b"PK\x05\x06"
HTML_MARKERS = re.compile(rb"<\s*(!doctype|html|head|body|script|iframe|svg|object|embed|meta|a\s)", re.I)
PDF_HEADER = re.compile(rb"%PDF-[12]\.\d")
PDF_EOF = b"%%EOF"
MAX_UNPACKED = 200 * 1024 * 1024  # an Office package larger than this unpacked is refused (zip bomb)
MAIN_PARTS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    ),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml": (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    ),
}
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


class Refused(ValueError):
    """The file is not what it claims to be; the message says why (English)."""


def looks_like_html(data: bytes) -> bool:
    """What a browser's content sniffing would see: HTML tags in the first KiB."""
    return bool(HTML_MARKERS.search(data[:1024]))


def _is_zip(data: bytes) -> bool:
    return zipfile.is_zipfile(io.BytesIO(data))


def check_pdf(data: bytes) -> None:
    if not PDF_HEADER.match(data):
        raise Refused("it does not start with a PDF header")
    if looks_like_html(data):
        raise Refused("it contains HTML after the PDF header (an HTML page disguised as a PDF)")
    end = data.rfind(PDF_EOF)
    if end < 0 or data[end + len(PDF_EOF) :].strip(b"\r\n\t \x00"):
        raise Refused("data follows the PDF's end marker %%EOF (a second file appended)")
    if _is_zip(data):
        raise Refused("it also reads as a ZIP archive (a polyglot file)")
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise Refused("it is encrypted with a password")
        if len(reader.pages) < 1:
            raise Refused("it has no pages")
        reader.pages[0].mediabox  # noqa: B018 — the first page's dictionary must be readable
    except Refused:
        raise
    except Exception as exc:  # pypdf raises many kinds on broken structure
        raise Refused("its PDF structure cannot be read (cross-reference table or objects broken)") from exc


def check_ooxml(data: bytes) -> str:
    """The package's content type (docx / xlsx / pptx) when the whole package is sound."""
    if not data.startswith(ZIP_LOCAL):
        raise Refused("it does not start with a ZIP entry (leading data before the package)")
    end = data.rfind(ZIP_END)
    if end < 0 or end + 22 > len(data):
        raise Refused("the ZIP directory is missing")
    comment = int.from_bytes(data[end + 20 : end + 22], "little")
    if end + 22 + comment != len(data):
        raise Refused("data follows the end of the ZIP package (a second file appended)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            infos = package.infolist()
            if min((i.header_offset for i in infos), default=1) != 0:
                raise Refused("the ZIP package does not begin at the start of the file")
            if sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise Refused("it unpacks to more than 200 MB")
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "_rels/.rels" not in names:
                raise Refused("it is a ZIP file but not an Office document ([Content_Types].xml or _rels missing)")
            content_type, part = _main_part(package.read("[Content_Types].xml"))
            if part not in names:
                raise Refused(f"its main part {part} is missing")
            ElementTree.fromstring(package.read(part))
            if package.testzip() is not None:
                raise Refused("a part of the package is damaged (checksum mismatch)")
    except Refused:
        raise
    except (zipfile.BadZipFile, ElementTree.ParseError, KeyError, ValueError, EOFError) as exc:
        raise Refused("its Office package cannot be read (damaged ZIP or XML)") from exc
    return content_type


def _main_part(content_types_xml: bytes) -> tuple[str, str]:
    root = ElementTree.fromstring(content_types_xml)
    for override in root.iter(f"{CT_NS}Override"):
        mime = MAIN_PARTS.get(override.get("ContentType", ""))
        if mime:
            return mime, override.get("PartName", "").lstrip("/")
    raise Refused("it has no Word, Excel or PowerPoint main part (macro-enabled documents are not accepted)")


def check_ole2(data: bytes) -> None:
    """Legacy .doc/.xls/.ppt: a sane compound-file header and whole sectors, with nothing appended."""
    if len(data) < 512 or data[28:30] != b"\xfe\xff":
        raise Refused("its compound-document header is broken")
    shift = int.from_bytes(data[30:32], "little")
    if shift not in (9, 12):
        raise Refused("its compound-document header is broken")
    if (len(data) - 512) % (1 << shift) or _is_zip(data):
        raise Refused("data is appended to the compound document (a second file)")
