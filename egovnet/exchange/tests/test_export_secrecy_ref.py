"""The classification reference (定密文号) of a classified system leaves the platform only with its name and
grade: never in a web export (csv, xlsx) or a CLI export to a reader without clearance, with a lower clearance,
or a viewer (ADR 0010)."""

from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from egovnet.core.choices import Clearance, Role
from egovnet.exchange.importers import get_spec
from egovnet.systems.models import ApplicationSystem

pytestmark = pytest.mark.django_db
REF_JIMI, REF_MIMI = "定密（测试）机-0001", "定密（测试）秘-0002"


@pytest.fixture
def readers(world, make_user):
    ministry = world["ministry"]
    ApplicationSystem.objects.create(
        name="机密案件", owner=ministry, is_classified=True, secrecy_grade="jimi", secrecy_ref=REF_JIMI
    )
    ApplicationSystem.objects.create(
        name="秘密办公", owner=ministry, is_classified=True, secrecy_grade="mimi", secrecy_ref=REF_MIMI
    )
    return {
        "none": make_user("uncleared", (Role.DEPARTMENT_STAFF, ministry, None)),
        "lower": world["ministry_lead"],  # 秘密 clearance
        "viewer": make_user("mviewer", (Role.VIEWER, ministry, None)),
        "jimi": make_user("jcleared", (Role.DEPARTMENT_STAFF, ministry, None), clearance=Clearance.JIMI),
    }


def _web(client, user, fmt: str) -> list[list]:
    client.force_login(user)
    response = client.get(reverse("exchange:export", args=["systems", fmt]))
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    return [list(r) for r in load_workbook(io.BytesIO(body), read_only=True).worksheets[0].iter_rows(values_only=True)]


def _refs(rows: list[list]) -> set:
    col = get_spec("systems").headers().index("定密文号 Classification reference")
    return {r[col] for r in rows[1:]} - {None, ""}


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_web_export_keeps_only_the_references_the_reader_may_see(client, readers, fmt):
    assert _refs(_web(client, readers["none"], fmt)) == set()
    assert _refs(_web(client, readers["viewer"], fmt)) == set()
    assert _refs(_web(client, readers["lower"], fmt)) == {REF_MIMI}
    assert _refs(_web(client, readers["jimi"], fmt)) == {REF_JIMI, REF_MIMI}


def test_cli_export_keeps_only_the_references_the_reader_may_see(readers, tmp_path):
    for key, expected in (("none", set()), ("lower", {REF_MIMI}), ("viewer", set())):
        out = tmp_path / f"{key}.xlsx"
        call_command("export", str(out), registry="systems", actor=readers[key].username)
        rows = [list(r) for r in load_workbook(out, read_only=True).worksheets[0].iter_rows(values_only=True)]
        assert _refs(rows) == expected, key
        assert "机密案件" not in repr(rows)
