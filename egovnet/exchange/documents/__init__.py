"""Generated documents: the project compliance review sheet (PDF / .docx) and the national progress report (PDF).

Pipeline: builder (data source → plain dataclass) → Django template (administrator-overridable) →
block markup → reportlab PDF or python-docx Word file. See ``blocks.py`` for the markup and the
override directory, ``builders.py`` for the data-source hooks.
"""

from __future__ import annotations

from .blocks import parse_blocks, render_markup
from .data import NationalReportData, ReviewSheetData
from .pdf import blocks_to_pdf
from .word import blocks_to_docx

PDF_TYPE = "application/pdf"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
REVIEW_SHEET_TEMPLATE = "review_sheet.html"
NATIONAL_REPORT_TEMPLATE = "national_report.html"


def render_review_sheet(data: ReviewSheetData, fmt: str) -> tuple[bytes, str]:
    blocks = parse_blocks(render_markup(REVIEW_SHEET_TEMPLATE, {"d": data}))
    title = f"项目网络使用合规审查表 — {data.project_name}"
    if fmt == "docx":
        return blocks_to_docx(blocks, title=title), DOCX_TYPE
    footer = f"{data.project_code} · 依据 {data.policy_pack} · egovnet"
    return blocks_to_pdf(blocks, title=title, footer=footer), PDF_TYPE


def render_national_report_pdf(data: NationalReportData) -> bytes:
    blocks = parse_blocks(render_markup(NATIONAL_REPORT_TEMPLATE, {"d": data}))
    return blocks_to_pdf(blocks, title=data.title, footer=f"{data.title} · {data.period} · egovnet")


__all__ = [
    "DOCX_TYPE",
    "PDF_TYPE",
    "NationalReportData",
    "ReviewSheetData",
    "render_national_report_pdf",
    "render_review_sheet",
]
