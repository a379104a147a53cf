"""Blocks → Word (.docx) with python-docx; the East-Asian font is set on every style and run."""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .blocks import Block

EAST_ASIAN_FONT = "宋体"  # SimSun: present in every Chinese Office installation
HEADING_FONT = "黑体"  # SimHei
LATIN_FONT = "Times New Roman"


def _set_fonts(style_or_run, east_asian: str) -> None:
    font = style_or_run.font
    font.name = LATIN_FONT
    rpr = style_or_run.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.append(fonts)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)


def _document(title: str):
    doc = Document()
    doc.core_properties.title = title
    doc.core_properties.author = "egovnet"
    _set_fonts(doc.styles["Normal"], EAST_ASIAN_FONT)
    doc.styles["Normal"].font.size = Pt(10.5)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        _set_fonts(doc.styles[name], HEADING_FONT)
        doc.styles[name].font.color.rgb = RGBColor(0, 0, 0)
    return doc


def _run(paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    run = paragraph.add_run(text)
    _set_fonts(run, HEADING_FONT if bold else EAST_ASIAN_FONT)
    run.bold = bold
    if size:
        run.font.size = Pt(size)


def _table(doc, block: Block) -> None:
    ncols = max((len(r) for r in block.rows), default=1)
    table = doc.add_table(rows=0, cols=ncols)
    table.style = "Table Grid"
    for row in block.rows:
        cells = table.add_row().cells
        for c, (text, header) in enumerate(row):
            paragraph = cells[c].paragraphs[0]
            _run(paragraph, text, bold=header, size=9)


def blocks_to_docx(blocks: list[Block], *, title: str = "") -> bytes:
    doc = _document(title)
    for block in blocks:
        if block.tag == "h1":
            heading = doc.add_heading("", level=0)
            heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
            _run(heading, block.text, bold=True)
        elif block.tag in ("h2", "h3"):
            _run(doc.add_heading("", level=int(block.tag[1]) - 1), block.text, bold=True)
        elif block.tag in ("p", "li"):
            paragraph = doc.add_paragraph(style="List Bullet" if block.tag == "li" else None)
            if block.attrs.get("class") == "center":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.attrs.get("class") == "right":
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, block.text, size=8.5 if block.attrs.get("class") == "small" else None)
        elif block.tag == "table":
            _table(doc, block)
            doc.add_paragraph()
        elif block.tag == "pagebreak":
            doc.add_page_break()
        elif block.tag in ("chart", "map"):
            _run(doc.add_paragraph(), f"〔图：{block.attrs.get('title', '')}（见 PDF 版）〕")
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
