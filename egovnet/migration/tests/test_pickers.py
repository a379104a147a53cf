"""Migration forms pick departments, systems and networks by typing (suggestions over the scoped registries),
never from a select of every row, and never show a name above the reader's clearance."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from egovnet.migration.models import MigrationPlan

pytestmark = pytest.mark.django_db


def login(user) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _field(page: str, name: str) -> str:
    return re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)


def test_plan_and_item_forms_use_pickers(world):
    staff = login(world["users"]["staff"])
    page = staff.get(reverse("migration:plan_add")).content.decode()
    assert 'hx-get="/orgs/lookup/"' in _field(page, "department") and "<select" not in page
    r = staff.post(reverse("migration:plan_add"),
                   {"department": f"{world['ministry'].pk} {world['ministry'].name}", "title": "计划", "scheme": ""})
    assert r.status_code == 302
    version = MigrationPlan.objects.get(title="计划").effective_version
    url = reverse("migration:item_add", args=[version.pk])
    page = staff.get(url).content.decode()
    system = _field(page, "system")
    assert f"/systems/lookup/?owner={world['ministry'].pk}" in system and 'list="dl-system"' in system
    assert '<datalist id="dl-system"></datalist>' in page and "/networks/lookup/" in _field(page, "from_network")
    assert "水利涉密系统" not in page and "水利绝密系统" not in page  # no list of every system on the page
    other = world["systems"]["other"]  # another ministry's system: outside this plan's department
    r = staff.post(url, {"system": f"{other.pk} {other.name}", "from_network": world["legacy"].pk,
                         "planned_date": "2027-01-01"})  # fmt: skip
    assert r.status_code == 200 and version.items.count() == 0
    flood = world["systems"]["flood"]
    r = staff.post(url, {"system": f"{flood.pk} {flood.name}", "from_network": f"{world['legacy'].pk} 水利专网",
                         "planned_date": "2027-01-01"})  # fmt: skip
    assert r.status_code == 302 and version.items.get().system == flood


def test_editing_an_item_never_shows_a_hidden_system_name(world):
    from egovnet.migration import services

    staff = world["users"]["staff"]  # no clearance
    plan = services.plan_create(actor=staff, department=world["ministry"], title="P", scheme="")
    secret = world["systems"]["secret"]
    item = services.item_add(actor=world["users"]["cleared"], version=plan.effective_version, system=secret,
                             from_network=world["legacy"], planned_date="2027-01-01")  # fmt: skip
    page = login(staff).get(reverse("migration:item_edit", args=[item.pk])).content.decode()
    assert "水利涉密系统" not in page and f'value="{secret.pk} ' in _field(page, "system")


def test_budget_lines_filter_by_a_picked_department(world):
    from .test_funding import lines

    lines(world)
    fin = login(world["users"]["finance"])
    url = reverse("migration:budget_list")
    page = fin.get(url).content.decode()
    assert 'hx-get="/orgs/lookup/"' in _field(page, "department") and "水利专网" in page
    ministry = world["ministry"]
    assert "水利专网" in fin.get(url, {"department": f"{ministry.pk} {ministry.name}"}).content.decode()
    assert "水利专网" not in fin.get(url, {"department": str(world["other"].pk)}).content.decode()
    assert "水利专网" not in fin.get(url, {"department": "水利部"}).content.decode()  # typed, not picked: nothing
