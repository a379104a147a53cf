"""Fixtures of the exchange tests: a ministry, a province and its county, users of each scope, file writers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from egovnet.core.choices import Clearance, Role
from egovnet.exchange.importers import get_spec
from egovnet.exchange.importers.reader import DATA_SHEET


@pytest.fixture
def world(db, divisions, make_org, make_user) -> dict[str, Any]:
    ministry = make_org("某部")
    other_ministry = make_org("另一部")
    henan = make_org("河南省政府办公厅", level="provincial", division="410000")
    hubei = make_org("湖北省政府办公厅", level="provincial", division="420000")
    county = make_org("郑州市中原区某局", level="county", division="410102", parent=henan)
    return {
        "ministry": ministry,
        "other_ministry": other_ministry,
        "henan": henan,
        "hubei": hubei,
        "county": county,
        "ministry_lead": make_user(
            "mlead", (Role.DEPARTMENT_LEAD, ministry, None), clearance=Clearance.MIMI, organisation=ministry
        ),
        "henan_staff": make_user("hstaff", (Role.DEPARTMENT_STAFF, None, divisions["410000"]), organisation=henan),
        "henan_lead": make_user("hlead", (Role.DEPARTMENT_LEAD, None, divisions["410000"]), organisation=henan),
        "root": make_user("root", Role.ADMIN, clearance=Clearance.JIMI, superuser=True),
    }


def write_sheet(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(header)
            writer.writerows(rows)
        return path
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(DATA_SHEET)
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def system_row(name: str, owner: Any, **over: Any) -> list[Any]:
    """A full row of the systems sheet (ID, version, then every column) with sensible defaults."""
    spec = get_spec("systems")
    values = {
        "name": name,
        "owner": owner.pk if hasattr(owner, "pk") else owner,
        "owner_name": "",
        "is_classified": "否",
        "secrecy_grade": "",
        "mlps_level": 2,
        "current_network": "政务外网",
        "current_dedicated_network": "",
        "current_dedicated_network_name": "",
        "target_network": "政务外网",
        "public_facing": "否",
        "cross_region": "否",
        "cross_department": "是",
        "shares_basic_info": "否",
        "coverage_levels": "中央、省级",
        "bandwidth_mbps": 10,
        "status": "运行中",
        "secrecy_ref": "",
    }
    values.update(over)
    return [values.pop("id", None), values.pop("version", None), *(values[c.field] for c in spec.columns)]
