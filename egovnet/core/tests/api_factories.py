"""A small, fully scoped world for API and admin tests (built through the services, so audited).

Divisions: 北京 110000 (+东城区), 河南 410000 > 郑州 410100 > 中原区 410102, 广东 440000 > 广州 440100,
and an invalidated code 410199. Organisations: a ministry with a unit, another ministry, Henan's DRC and
water department, Zhengzhou's water bureau, Guangdong's water department. Users: one per role.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from egovnet.core.choices import Clearance, Role
from egovnet.core.models import RoleAssignment, User
from egovnet.geo.models import Division
from egovnet.networks import services as network_services
from egovnet.networks.choices import ComponentKind, NetworkFamily
from egovnet.orgs import services as org_services
from egovnet.orgs.choices import Level, OrgKind
from egovnet.systems import services as system_services
from egovnet.systems.choices import SecrecyGrade

PASSWORD = "api-test-pass-1986"

DIVISIONS = [
    ("110000", "北京市", "province", None),
    ("110101", "东城区", "county", "110000"),
    ("410000", "河南省", "province", None),
    ("410100", "郑州市", "prefecture", "410000"),
    ("410102", "中原区", "county", "410100"),
    ("440000", "广东省", "province", None),
    ("440100", "广州市", "prefecture", "440000"),
    ("410199", "旧区", "county", "410100"),
]


@dataclass
class World:
    divisions: dict[str, Division] = field(default_factory=dict)
    orgs: dict[str, Any] = field(default_factory=dict)
    networks: dict[str, Any] = field(default_factory=dict)
    systems: dict[str, Any] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)


def make_divisions() -> dict[str, Division]:
    result = {}
    for code, name, level, parent in DIVISIONS:
        result[code] = Division.objects.create(
            code=code,
            name=name,
            level=level,
            parent_id=parent,
            province_code=code[:2] + "0000",
            prefecture_code=(parent if level == "county" and parent and not parent.endswith("0000") else ""),
        )
    Division.objects.filter(code="410199").update(valid_to=dt.date(2020, 1, 1))
    return result


def make_user(username: str, *, role: str | None = None, clearance: int = Clearance.NONE, **scope: Any) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, display_name=username)
    user.clearance = clearance
    user.save(update_fields=["clearance"])
    if role:
        RoleAssignment.objects.create(user=user, role=role, **scope)
    return user


def build_world() -> World:
    w = World(divisions=make_divisions())
    root = User.objects.create_superuser(username="root", password=PASSWORD, clearance=Clearance.JIMI)
    w.users["root"] = root
    d = w.divisions

    def org(
        key: str, name: str, level: str, division: str, parent: str | None = None, kind=OrgKind.GOVERNMENT_DEPARTMENT
    ):
        w.orgs[key] = org_services.organisation_create(
            actor=root,
            name=name,
            kind=kind,
            level=level,
            division=d[division],
            parent=w.orgs[parent] if parent else None,
        )

    org("ministry", "水利部", Level.CENTRAL, "110000")
    org("ministry_unit", "水利部信息中心", Level.CENTRAL, "110000", parent="ministry")
    org("other_ministry", "交通运输部", Level.CENTRAL, "110000")
    org("henan_drc", "河南省发展和改革委员会", Level.PROVINCIAL, "410000", kind=OrgKind.DEVELOPMENT_REFORM)
    org("henan_dept", "河南省水利厅", Level.PROVINCIAL, "410000")
    org("zhengzhou_dept", "郑州市水利局", Level.PREFECTURE, "410100")
    org("guangdong_dept", "广东省水利厅", Level.PROVINCIAL, "440000")

    def net(key: str, owner: str, level: str, division: str | None):
        w.networks[key] = network_services.network_create(
            actor=root,
            name=f"{w.orgs[owner].name}业务专网",
            family=NetworkFamily.DEDICATED,
            kind=ComponentKind.WAN_BACKBONE,
            level=level,
            division=d[division] if division else None,
            owner=w.orgs[owner],
        )

    net("ministry_net", "ministry", Level.CENTRAL, None)
    net("henan_net", "henan_dept", Level.PROVINCIAL, "410000")
    net("zhengzhou_net", "zhengzhou_dept", Level.PREFECTURE, "410100")
    net("guangdong_net", "guangdong_dept", Level.PROVINCIAL, "440000")

    def system(key: str, owner: str, name: str, grade: str = ""):
        w.systems[key] = system_services.system_create(
            actor=root,
            name=name,
            owner=w.orgs[owner],
            is_classified=bool(grade),
            secrecy_grade=grade,
            mlps_level=None if grade else 3,
            secrecy_ref="保密局〔2020〕12号" if grade else "",
        )

    system("ministry_sys", "ministry", "水情信息系统")
    system("ministry_mimi", "ministry", "防汛指挥秘密系统", SecrecyGrade.MIMI)
    system("ministry_jimi", "ministry", "水利工程机密调度系统", SecrecyGrade.JIMI)
    system("henan_sys", "henan_dept", "河南水资源管理系统")
    system("zhengzhou_sys", "zhengzhou_dept", "郑州河长制平台")
    system("guangdong_sys", "guangdong_dept", "广东水利一张图")

    o = w.orgs
    w.users["department_staff"] = make_user("staff", role=Role.DEPARTMENT_STAFF, org_scope=o["ministry"])
    w.users["department_lead"] = make_user(
        "lead", role=Role.DEPARTMENT_LEAD, org_scope=o["ministry"], clearance=Clearance.MIMI
    )
    w.users["drc_reviewer"] = make_user("drc", role=Role.DRC_REVIEWER, division_scope=d["410000"])
    w.users["viewer"] = make_user("viewer", role=Role.VIEWER, org_scope=o["henan_dept"])
    w.users["auditor"] = make_user("auditor", role=Role.AUDITOR)
    w.users["admin"] = make_user("admin", role=Role.ADMIN, clearance=Clearance.JIMI)
    w.users["nobody"] = make_user("nobody")
    return w


def shared_world_fixture():
    """A module-scoped world fixture: built once, inside an outer transaction that is rolled back at
    the end of the module; each test runs in its own savepoint (pytest-django's ``db``), so tests stay
    independent while the permission matrix does not rebuild the world 125 times."""
    import pytest
    from django.db import transaction

    @pytest.fixture(scope="module")
    def shared_world(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock():
            atomic = transaction.atomic()
            atomic.__enter__()
            try:
                yield build_world()
            finally:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)

    return shared_world
