"""Evidence files: type sniffed from magic bytes (never the extension), size-limited, stored by SHA-256."""

from __future__ import annotations

import hashlib
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
OOXML = {"word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation"}  # fmt: skip


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    sha256: str
    content_type: str
    size: int
    name: str


def _sniff(data: bytes) -> str | None:
    if data.startswith(b"%PDF-"):
        return "application/pdf"
    if data.startswith(OLE2):
        return "application/x-ole-storage"  # .doc / .xls / .ppt
    if data.startswith(b"PK\x03\x04"):
        try:
            names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for prefix, mime in OOXML.items():
                if any(n.startswith(prefix) for n in names):
                    return mime
    return None


def check_upload(upload) -> CheckedFile:
    """Read and validate an uploaded file; ValidationError on the ``file`` field otherwise."""
    limit = settings.EVIDENCE_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            {
                "file": f"文件过大（{upload.size} 字节，上限 {limit} 字节）。 / File too large ({upload.size} bytes; limit {limit})."
            }
        )
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError({"file": f"文件过大（上限 {limit} 字节）。 / File too large (limit {limit} bytes)."})
    if not data:
        raise ValidationError({"file": "文件为空。 / The file is empty."})
    content_type = _sniff(data)
    if content_type is None:
        raise ValidationError(
            {
                "file": "只接受 PDF 或 Office 文档（按文件内容识别，不看扩展名）。 / Only PDF or Office documents are accepted (judged by content, not the extension)."
            }
        )
    name = (getattr(upload, "name", "") or "")[-200:]
    return CheckedFile(data, hashlib.sha256(data).hexdigest(), content_type, len(data), name)
