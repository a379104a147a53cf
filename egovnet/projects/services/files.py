"""Evidence files: type from the whole file's structure (never the extension), size-limited, stored by SHA-256."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from .file_structure import OLE2, Refused, check_ole2, check_ooxml, check_pdf, looks_like_html


@dataclass(frozen=True)
class CheckedFile:
    content: bytes
    sha256: str
    content_type: str
    size: int
    name: str


def _sniff(data: bytes) -> str:
    """The content type of a file whose whole structure is sound; ``Refused`` (with the reason) otherwise."""
    if data.startswith(b"%PDF-"):
        check_pdf(data)
        return "application/pdf"
    if data.startswith(OLE2):
        check_ole2(data)
        return "application/x-ole-storage"  # .doc / .xls / .ppt
    if data.startswith(b"PK"):
        return check_ooxml(data)
    if looks_like_html(data):
        raise Refused("it is an HTML page")
    raise Refused("it is neither a PDF nor an Office document")


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
    try:
        content_type = _sniff(data)
    except Refused as exc:
        raise ValidationError(
            {
                "file": "证明材料文件（file）不是完整有效的 PDF 或 Office 文档，已拒收（按整个文件的结构识别，不看扩展名；"
                "发改高技[2012]1986号 第九条 所附材料须可审阅）。请上传原始的 PDF 或 Word/Excel/PowerPoint 文件。"
                f" / Evidence file (file) refused: {exc}. Only complete PDF or Office documents are accepted, judged by "
                "the structure of the whole file, not the extension (Art. 9 attachments must be reviewable)."
            }
        ) from None
    name = (getattr(upload, "name", "") or "")[-200:]
    return CheckedFile(data, hashlib.sha256(data).hexdigest(), content_type, len(data), name)
