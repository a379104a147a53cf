"""The national map carries the 南海诸岛 inset, on the web and in the PDF, taken from ECharts (not hand-typed)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

from reportlab.graphics.shapes import Polygon, String

from egovnet.exchange.documents.blocks import Block
from egovnet.exchange.documents.pdf import choropleth
from egovnet.reports import services

ROOT = Path(__file__).resolve().parents[3]
spec = importlib.util.spec_from_file_location("nanhai", ROOT / "scripts" / "extract_nanhai_inset.py")
nanhai = importlib.util.module_from_spec(spec)
spec.loader.exec_module(nanhai)


def test_inset_file_is_what_the_vendored_echarts_draws():
    committed = json.loads(nanhai.TARGET.read_text(encoding="utf-8"))
    assert committed == nanhai.extract(nanhai.ECHARTS.read_text(encoding="utf-8"))
    polygons = committed["features"][0]["geometry"]["coordinates"]
    assert len(polygons) == 12  # the frame and eleven dashes of the island chain
    points = [p for poly in polygons for ring in poly for p in ring]
    assert min(x for x, _ in points) == 126 and max(x for x, _ in points) < 132.2
    assert 18.3 < min(y for _, y in points) and max(y for _, y in points) == 25


def test_web_map_serves_the_provinces_with_the_inset_and_keeps_taiwan():
    features = json.loads(services.provinces_geojson())["features"]
    codes = [f["properties"]["code"] for f in features]
    assert codes.count("nanhai") == 1 and "710000" in codes and len(codes) == 35
    assert next(f for f in features if f["properties"]["code"] == "nanhai")["properties"]["name"] == "南海诸岛"


def test_pdf_map_draws_the_inset():
    block = Block("map", attrs={"codes": "110000|710000", "values": "50|0", "title": "覆盖率"})
    drawing = choropleth(block)
    inset_fill = [s for s in drawing.contents if isinstance(s, Polygon) and s.fillColor.hexval() == "0x7f8c9a"]
    assert len(inset_fill) == 12
    assert any(isinstance(s, String) and s.text == "南海诸岛" for s in drawing.contents)
