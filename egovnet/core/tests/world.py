"""A small scoped world for UI and permission tests: two ministries, two provinces, users per role."""

from __future__ import annotations

from types import SimpleNamespace

from egovnet.core.choices import Clearance, Role
from egovnet.networks.choices import ComponentKind, NetworkFamily
from egovnet.orgs.choices import Level, OrgKind
from egovnet.systems.choices import CurrentNetwork, SecrecyGrade, TargetNetwork

from . import factories as f

SECRET_NAME = "秘密级内部测试系统"
JIMI_NAME = "机密级内部测试系统"


def build_world() -> SimpleNamespace:
    d = f.divisions()
    w = SimpleNamespace(div=d)
    w.ndrc = f.make_org("国家发展和改革委员会", kind=OrgKind.DEVELOPMENT_REFORM)
    w.ministry_a = f.make_org("甲部")
    w.unit_a = f.make_org("甲部信息中心", parent=w.ministry_a)
    w.ministry_b = f.make_org("乙部")
    w.henan_drc = f.make_org(
        "河南省发展和改革委员会", kind=OrgKind.DEVELOPMENT_REFORM, level=Level.PROVINCIAL, division=d["410000"]
    )
    w.hubei_drc = f.make_org(
        "湖北省发展和改革委员会", kind=OrgKind.DEVELOPMENT_REFORM, level=Level.PROVINCIAL, division=d["420000"]
    )

    w.admin = f.make_user("ui-admin", role=Role.ADMIN, clearance=Clearance.JIMI)
    w.auditor = f.make_user("ui-auditor", role=Role.AUDITOR, clearance=Clearance.NONE)
    w.staff_a = f.make_user("staff-a", role=Role.DEPARTMENT_STAFF, org_scope=w.ministry_a)
    w.cleared_staff_a = f.make_user(
        "staff-a-cleared", role=Role.DEPARTMENT_STAFF, org_scope=w.ministry_a, clearance=Clearance.JIMI
    )
    w.mimi_staff_a = f.make_user(
        "staff-a-mimi", role=Role.DEPARTMENT_STAFF, org_scope=w.ministry_a, clearance=Clearance.MIMI
    )
    w.lead_a = f.make_user("lead-a", role=Role.DEPARTMENT_LEAD, org_scope=w.ministry_a, clearance=Clearance.JIMI)
    w.viewer_a = f.make_user("viewer-a", role=Role.VIEWER, org_scope=w.ministry_a)
    w.staff_b = f.make_user("staff-b", role=Role.DEPARTMENT_STAFF, org_scope=w.ministry_b)
    w.henan_reviewer = f.make_user("henan-drc", role=Role.DRC_REVIEWER, division_scope=d["410000"])
    w.nobody = f.make_user("no-roles")

    w.net_a = f.make_network(
        "甲部业务专网", owner=w.ministry_a, family=NetworkFamily.DEDICATED, kind=ComponentKind.WAN_BACKBONE
    )
    w.net_b = f.make_network(
        "乙部业务专网", owner=w.ministry_b, family=NetworkFamily.DEDICATED, kind=ComponentKind.WAN_BACKBONE
    )
    w.net_henan = f.make_network("河南省电子政务外网", owner=w.henan_drc)

    w.sys_a = f.make_system(
        "甲部公开服务系统",
        owner=w.ministry_a,
        mlps_level=3,
        current_network=CurrentNetwork.EXTRANET,
        target_network=TargetNetwork.EXTRANET,
    )
    w.sys_a_mimi = f.make_system(
        SECRET_NAME,
        owner=w.ministry_a,
        is_classified=True,
        secrecy_grade=SecrecyGrade.MIMI,
        current_network=CurrentNetwork.INTRANET,
    )
    w.sys_a_jimi = f.make_system(
        JIMI_NAME,
        owner=w.ministry_a,
        is_classified=True,
        secrecy_grade=SecrecyGrade.JIMI,
        current_network=CurrentNetwork.DEDICATED,
        current_dedicated_network=w.net_a,
    )
    w.sys_b = f.make_system("乙部业务系统", owner=w.ministry_b, mlps_level=2)
    w.sys_henan = f.make_system("河南省审批系统", owner=w.henan_drc, mlps_level=2)
    return w
