#!/usr/bin/env python3
"""Write ``egovnet/geo/data/south_china_sea_inset.geojson`` from the vendored ECharts build.

ECharts adds a "南海诸岛" region to any map registered as ``china``: the inset frame and the island-chain dashes,
as polygons in a local grid that it places at (126°E, 25°N) with x/10.5 and y/-14 (``src/coord/geo/fix/nanhai.ts``,
Apache-2.0). This script reads those numbers out of ``egovnet/static/vendor/echarts/echarts.min.js`` and applies the
same transformation, so the web map and the PDF draw the same inset ECharts draws — no coordinate is typed by hand.

    python scripts/extract_nanhai_inset.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ECHARTS = ROOT / "egovnet" / "static" / "vendor" / "echarts" / "echarts.min.js"
TARGET = ROOT / "egovnet" / "geo" / "data" / "south_china_sea_inset.geojson"
PATTERN = re.compile(r"=\[(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)\],\w+=\"南海诸岛\",\w+=(\[\[\[.*?\]\]\])[,;]")
SCALE_X, SCALE_Y = 10.5, -14  # nanhai.ts: coord[0] /= 10.5; coord[1] /= -14; then += the geo coordinate


def _number(text: str) -> str:
    return re.sub(r"(?<![\d])\.(\d)", r"0.\1", text)  # minified ".7" → "0.7" for JSON


def extract(source: str) -> dict:
    match = PATTERN.search(source)
    if match is None:
        raise SystemExit("the 南海诸岛 geometry was not found in the ECharts build")
    origin = (float(match.group(1)), float(match.group(2)))
    rings = json.loads(_number(match.group(3)))
    polygons = [[[[round(x / SCALE_X + origin[0], 6), round(y / SCALE_Y + origin[1], 6)] for x, y in ring]]
                for ring in rings]
    return {
        "type": "FeatureCollection",
        "features": [{
            "type": "Feature",
            "properties": {"code": "nanhai", "name": "南海诸岛", "level": "inset",
                           "source": "echarts 5.6.0 src/coord/geo/fix/nanhai.ts (Apache-2.0)"},
            "geometry": {"type": "MultiPolygon", "coordinates": polygons},
        }],
    }


def main() -> None:
    data = extract(ECHARTS.read_text(encoding="utf-8"))
    TARGET.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(data['features'][0]['geometry']['coordinates'])} polygons")


if __name__ == "__main__":
    main()
