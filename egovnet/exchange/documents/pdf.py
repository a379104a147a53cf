"""Blocks → PDF with reportlab, embedding (a subset of) the vendored CJK TrueType font."""

from __future__ import annotations

import io
import json
import math
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from .blocks import Block, series

FONT = "EgovCJK"
FONT_FILE = Path(__file__).resolve().parent.parent / "fonts" / "WenQuanYiMicroHei-GB2312.ttf"
PROVINCES_GEOJSON = Path(__file__).resolve().parents[2] / "geo" / "data" / "provinces.geojson"
INSET_GEOJSON = Path(__file__).resolve().parents[2] / "geo" / "data" / "south_china_sea_inset.geojson"
WIDTH = A4[0] - 36 * mm


@cache
def register_font() -> str:
    pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))
    return FONT


@cache
def styles() -> dict[str, ParagraphStyle]:
    register_font()
    base = ParagraphStyle("base", fontName=FONT, fontSize=10.5, leading=15, wordWrap="CJK")
    return {
        "h1": ParagraphStyle("h1", parent=base, fontSize=18, leading=26, alignment=TA_CENTER, spaceAfter=6),
        "h2": ParagraphStyle("h2", parent=base, fontSize=13.5, leading=20, spaceBefore=10, spaceAfter=4),
        "h3": ParagraphStyle("h3", parent=base, fontSize=11.5, leading=17, spaceBefore=6, spaceAfter=2),
        "p": base,
        "li": ParagraphStyle("li", parent=base, leftIndent=12, bulletIndent=2),
        "center": ParagraphStyle("center", parent=base, alignment=TA_CENTER),
        "right": ParagraphStyle("right", parent=base, alignment=TA_RIGHT),
        "small": ParagraphStyle("small", parent=base, fontSize=8.5, leading=12, textColor=colors.grey),
        "cell": ParagraphStyle("cell", parent=base, fontSize=9, leading=12.5),
        "cellh": ParagraphStyle("cellh", parent=base, fontSize=9, leading=12.5, textColor=colors.white),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    markup = escape(text).replace("\n", "<br/>")
    return Paragraph(markup + ("&nbsp;" if markup.endswith("<br/>") else ""), style)


def _table(block: Block) -> Table:
    st = styles()
    ncols = max((len(r) for r in block.rows), default=1)
    widths = [float(w) for w in series_csv(block.attrs.get("widths", ""))] or [1.0] * ncols
    total = sum(widths)
    col_widths = [WIDTH * w / total for w in widths[:ncols]] + [WIDTH / ncols] * (ncols - len(widths))
    data, commands = (
        [],
        [
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ],
    )
    for r, row in enumerate(block.rows):
        cells = []
        for c, (text, header) in enumerate(row):
            cells.append(_para(text, st["cellh"] if header else st["cell"]))
            if header:
                commands.append(("BACKGROUND", (c, r), (c, r), colors.HexColor("#1F4E79")))
        cells += [""] * (ncols - len(cells))
        data.append(cells)
    table = Table(data, colWidths=col_widths, repeatRows=1 if block.attrs.get("header") == "1" else 0)
    table.setStyle(TableStyle(commands))
    return table


def series_csv(raw: str) -> list[str]:
    return [p for p in raw.split(",") if p.strip()]


def bar_chart(block: Block) -> Drawing:
    labels, values = series(block, "labels"), [float(v or 0) for v in series(block, "values")]
    height = 56 + 16 * max(len(labels), 1)
    drawing = Drawing(WIDTH, height)
    drawing.add(String(0, height - 12, block.attrs.get("title", ""), fontName=FONT, fontSize=10))
    if not labels:
        drawing.add(String(0, height - 30, "（无数据 no data）", fontName=FONT, fontSize=9))
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 90, 24, WIDTH - 130, height - 46
    chart.data = [values]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(100.0, max(values) if values else 0) if block.attrs.get("unit") == "%" else None
    chart.bars[0].fillColor = colors.HexColor("#2E75B6")
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7
    chart.barLabelFormat = "%.1f" + block.attrs.get("unit", "").replace("%", "%%")
    drawing.add(chart)
    return drawing


@cache
def _province_shapes(path: Path = PROVINCES_GEOJSON) -> dict[str, list[list[tuple[float, float]]]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        shapes[feature["properties"]["code"]] = [[(x, y) for x, y in poly[0]] for poly in polygons]
    return shapes


def _colour(value: float | None) -> colors.Color:
    if value is None:
        return colors.HexColor("#EEEEEE")
    t = max(0.0, min(1.0, value / 100))
    return colors.Color(1 - 0.8 * t, 1 - 0.45 * t, 1 - 0.1 * t)


def choropleth(block: Block) -> Drawing:
    """Provinces coloured by value (0–100), equirectangular projection scaled at 35°N."""
    values = dict(zip(series(block, "codes"), (float(v) for v in series(block, "values")), strict=False))
    width, height = WIDTH, WIDTH * 0.72
    drawing = Drawing(width, height)
    lon0, lon1, lat0, lat1 = 73.0, 135.5, 17.5, 54.0
    kx = math.cos(math.radians(35))
    scale = min((width - 20) / ((lon1 - lon0) * kx), (height - 40) / (lat1 - lat0))
    for code, polygons in _province_shapes().items():
        for poly in polygons:
            points = []
            for lon, lat in poly:
                points += [10 + (lon - lon0) * kx * scale, 10 + (lat - lat0) * scale]
            drawing.add(Polygon(points, fillColor=_colour(values.get(code)), strokeColor=colors.white, strokeWidth=0.4))
    inset = colors.HexColor("#7F8C9A")
    for polygons in _province_shapes(INSET_GEOJSON).values():  # 南海诸岛, as ECharts draws it for its China map
        for poly in polygons:
            points = [v for lon, lat in poly for v in (10 + (lon - lon0) * kx * scale, 10 + (lat - lat0) * scale)]
            drawing.add(Polygon(points, fillColor=inset, strokeColor=inset, strokeWidth=0.3))
    drawing.add(String(10 + (126.2 - lon0) * kx * scale, 10 + (18.6 - lat0) * scale, "南海诸岛", fontName=FONT,
                       fontSize=6, fillColor=inset))
    drawing.add(String(10, height - 14, block.attrs.get("title", ""), fontName=FONT, fontSize=10))
    for i, pct in enumerate((0, 50, 100)):
        drawing.add(Rect(width - 120 + i * 36, 14, 12, 10, fillColor=_colour(pct), strokeColor=colors.grey))
        drawing.add(String(width - 106 + i * 36, 15, f"{pct}%", fontName=FONT, fontSize=7))
    drawing.add(Rect(width - 120, 30, 12, 10, fillColor=_colour(None), strokeColor=colors.grey))
    drawing.add(String(width - 106, 31, "无数据 no data", fontName=FONT, fontSize=7))
    return drawing


def blocks_to_pdf(blocks: list[Block], *, title: str = "", footer: str = "") -> bytes:
    st = styles()
    story = []
    for block in blocks:
        if block.tag in ("h1", "h2", "h3"):
            story.append(_para(block.text, st[block.tag]))
        elif block.tag in ("p", "li"):
            style = st.get(block.attrs.get("class", ""), st[block.tag])
            story.append(_para(("• " if block.tag == "li" else "") + block.text, style))
        elif block.tag == "table":
            story += [_table(block), Spacer(1, 4)]
        elif block.tag == "chart":
            story += [bar_chart(block), Spacer(1, 6)]
        elif block.tag == "map":
            story += [choropleth(block), Spacer(1, 6)]
        elif block.tag == "pagebreak":
            story.append(PageBreak())
    buffer = io.BytesIO()

    def on_page(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 8)
        canvas.drawString(18 * mm, 10 * mm, footer)
        canvas.drawRightString(A4[0] - 18 * mm, 10 * mm, f"第 {doc.page} 页 / page {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=18 * mm,
        title=title,
        author="egovnet",
    )
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return buffer.getvalue()
