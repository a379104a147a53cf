"""The 110000 scope: central ministries sit in Beijing's division code, yet a Beijing-scoped role must not
reach them (ADR 0003: a division scope covers the local organisations of the division, never central ones)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from egovnet.core import permissions
from egovnet.core.choices import Role
from egovnet.core.tests import factories as f
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def beijing():
    d = f.divisions()
    ministry = f.make_org("某中央部委", level=Level.CENTRAL, division=d["110000"])
    city = f.make_org("北京市经济和信息化局", level=Level.PROVINCIAL, division=d["110000"])
    district = f.make_org("东城区政务服务局", level=Level.COUNTY, division=d["110101"])
    reviewer = f.make_user(role=Role.DRC_REVIEWER, division_scope=d["110000"])
    drc = f.make_org(
        "北京市发展和改革委员会", kind=OrgKind.DEVELOPMENT_REFORM, level=Level.PROVINCIAL, division=d["110000"]
    )
    for org in (ministry, city, district):
        f.make_system(f"{org.name}门户", owner=org)
    return ministry, city, district, reviewer, drc


def test_a_beijing_scope_covers_beijing_not_the_central_ministries(beijing):
    ministry, city, district, reviewer, drc = beijing
    seen = set(permissions.restrict(Organisation.objects.all(), reviewer).values_list("name", flat=True))
    assert {city.name, district.name, drc.name} <= seen
    assert ministry.name not in seen
    systems = set(permissions.restrict(ApplicationSystem.objects.all(), reviewer).values_list("name", flat=True))
    assert systems == {f"{city.name}门户", f"{district.name}门户"}
    assert not permissions.can_for_org(reviewer, "view", ApplicationSystem, ministry)


def test_the_beijing_reviewer_pages_leave_out_the_ministry(client, beijing):
    ministry, city, _district, reviewer, _drc = beijing
    client.force_login(reviewer)
    body = client.get(reverse("orgs:organisation_list")).content.decode()
    assert city.name in body and ministry.name not in body
    assert client.get(reverse("orgs:organisation_detail", args=[ministry.pk])).status_code == 404
    assert client.get(reverse("orgs:organisation_detail", args=[city.pk])).status_code == 200
