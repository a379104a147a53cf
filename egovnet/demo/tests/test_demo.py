"""The demo dataset: idempotent, complete per role, consistent with the division tree, audited."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.management import call_command
from django.test import RequestFactory

from egovnet.core.audit import verify_chain
from egovnet.core.choices import Role
from egovnet.core.models import AuditEntry, RoleAssignment
from egovnet.core.permissions import restrict
from egovnet.demo.loader import DEMO_PASSWORD, load_demo
from egovnet.demo.logins import demo_logins
from egovnet.geo.choices import DivisionLevel
from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Network
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.systems.choices import SecrecyGrade
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import visible_systems

ARTICLE_2_ORGANS = [
    "中共中央办公厅",
    "全国人大常委会办公厅",
    "国务院办公厅",
    "全国政协办公厅",
    "最高人民法院",
    "最高人民检察院",
]
LEVEL_TO_DIVISION = {
    Level.PROVINCIAL: DivisionLevel.PROVINCE,
    Level.PREFECTURE: DivisionLevel.PREFECTURE,
    Level.COUNTY: DivisionLevel.COUNTY,
}


@pytest.fixture
def demo(demo_loaded, db):
    assert demo_loaded is True  # the module's load was the first one
    return get_user_model().objects


def test_load_demo_is_idempotent_and_audited(demo):
    counts = (Organisation.objects.count(), Network.objects.count(), ApplicationSystem.objects.count())
    entries = AuditEntry.objects.count()
    assert load_demo() is False
    out = io.StringIO()
    call_command("load-demo", stdout=out)
    assert "already present" in out.getvalue() and f"gd_drc / {DEMO_PASSWORD}" in out.getvalue()
    assert (Organisation.objects.count(), Network.objects.count(), ApplicationSystem.objects.count()) == counts
    assert AuditEntry.objects.count() == entries
    # Every demo row was written by a service: one audited create per row, and the chain verifies.
    assert AuditEntry.objects.filter(object_type="orgs.organisation", action="create").count() == counts[0]
    assert AuditEntry.objects.filter(object_type="systems.applicationsystem", action="create").count() == counts[2]
    assert verify_chain() is None
    # No password hash ever reaches the audit log.
    assert not AuditEntry.objects.filter(object_type="core.user", after__has_key="password").exists()


def test_every_record_is_demo_and_named_central_organs_exist(demo):
    assert not Organisation.objects.filter(is_demo=False).exists()
    assert not Network.objects.filter(is_demo=False).exists()
    assert not ApplicationSystem.objects.filter(is_demo=False).exists()
    central = Organisation.objects.filter(level=Level.CENTRAL)
    for name in ARTICLE_2_ORGANS:
        assert central.filter(name=name).exists(), name
    for kind in (
        OrgKind.DEVELOPMENT_REFORM,
        OrgKind.PUBLIC_SECURITY,
        OrgKind.FINANCE,
        OrgKind.SECRECY_ADMINISTRATION,
        OrgKind.INTRANET_COORDINATION_OFFICE,
        OrgKind.EXTRANET_OPERATOR,
    ):
        assert central.filter(kind=kind).exists(), kind
    assert central.filter(in_beijing=False).count() == 1
    # Each of the 31 provinces has its DRC, 公安, 保密局, 财政 and extranet centre.
    for kind in (
        OrgKind.DEVELOPMENT_REFORM,
        OrgKind.PUBLIC_SECURITY,
        OrgKind.SECRECY_ADMINISTRATION,
        OrgKind.FINANCE,
        OrgKind.EXTRANET_OPERATOR,
    ):
        assert (
            Organisation.objects.filter(level=Level.PROVINCIAL, kind=kind).values("division").distinct().count() == 31
        )
    assert ApplicationSystem.objects.exclude(is_classified=False).exclude(name__contains="（演示）").count() == 0


def test_every_local_org_level_matches_its_division_level(demo):
    for org in Organisation.objects.exclude(level=Level.CENTRAL).select_related("division"):
        assert org.division.level == LEVEL_TO_DIVISION[org.level], org.name
    # Special cases are present: a municipality's district, a county under a province, 东莞 (no counties).
    assert Organisation.objects.filter(level=Level.COUNTY, division_id="110105").exists()
    assert Organisation.objects.filter(level=Level.COUNTY, division_id="419001").exists()
    assert Organisation.objects.filter(level=Level.PREFECTURE, division_id="441900").exists()
    for org in Organisation.objects.select_related("parent"):
        expected = (org.parent.path if org.parent else "/") + f"{org.pk}/"
        assert org.path == expected


def test_networks_and_systems_cover_every_classification(demo):
    assert (
        Network.objects.filter(family=NetworkFamily.INTRANET, level=Level.CENTRAL).exclude(attestation_ref="").exists()
    )
    provincial = Network.objects.filter(family=NetworkFamily.EXTRANET, level=Level.PROVINCIAL, kind="platform")
    assert provincial.values("division").distinct().count() == 31  # from the topology demo
    assert provincial.count() == 31  # one per province: the catalogue does not duplicate the topology demo
    dedicated = Network.objects.filter(family=NetworkFamily.DEDICATED)
    assert dedicated.filter(established_on__year__gt=2012).exists()
    assert dedicated.values("status").distinct().count() >= 3
    plain = ApplicationSystem.objects.filter(is_classified=False)
    assert {1, 2, 3, 4, 5} <= set(plain.values_list("mlps_level", flat=True))
    assert set(ApplicationSystem.objects.filter(is_classified=True).values_list("secrecy_grade", flat=True)) == set(
        SecrecyGrade.values
    )
    assert ApplicationSystem.objects.filter(bandwidth_mbps__isnull=True).exists()


def test_one_user_per_role_with_working_login_and_scope(demo):
    roles = set(RoleAssignment.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert len(demo_logins()) == RoleAssignment.objects.count() == 14
    assert authenticate(RequestFactory().post("/accounts/login/"), username="gd_drc", password=DEMO_PASSWORD)
    for user in demo.filter(username__in=[s.split(" / ")[0] for s in demo_logins()]):
        validate_password(DEMO_PASSWORD, user)  # the printed demo password meets the platform's own rules
    gd = demo.get(username="gd_drc")
    gd_orgs = restrict(Organisation.objects.all(), gd)
    assert gd_orgs.exists() and not gd_orgs.exclude(division__code__startswith="44").exists()
    assert not gd_orgs.filter(level=Level.CENTRAL).exists()
    staff = demo.get(username="ministry_staff")
    assert set(restrict(Organisation.objects.all(), staff).values_list("name", flat=True)) == {
        "教育部",
        "教育部办公厅",
        "教育部信息中心",
    }
    # A user without clearance sees classified systems redacted; 机密 clearance still cannot read 绝密.
    admin = demo.get(username="admin")
    hidden = visible_systems(admin).get(secrecy_grade=SecrecyGrade.JUEMI)
    assert hidden.display_name == "" and not hidden.name_visible and hidden.name not in str(hidden)
    classified = visible_systems(staff).filter(is_classified=True)
    assert not classified.exclude(display_name="").exists() and not classified.filter(name_visible=True).exists()
