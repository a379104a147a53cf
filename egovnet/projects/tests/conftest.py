"""A small national world: a central ministry, the authorities it deals with, a province for co-built parts."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from egovnet.core.choices import Clearance, Role
from egovnet.projects.choices import Qualification
from egovnet.projects.services import agency_register, project_add_application, project_create
from egovnet.systems.services import system_create

ACT = dt.date(2013, 5, 2)  # judged under ndrc-2012-1986 only (before the 57号 overlay)


@pytest.fixture
def world(db, divisions, make_org, make_user, admin_user_):
    o = SimpleNamespace()
    o.admin = admin_user_
    o.ministry = make_org("某部")
    o.ministry_unit = make_org("某部信息中心", parent=o.ministry)
    o.other_ministry = make_org("另一部")
    o.ndrc = make_org("国家发展改革委", kind="development_reform")
    o.napss = make_org("国家保密局", kind="secrecy_administration")
    o.mps = make_org("公安部", kind="public_security")
    o.bj_psb = make_org("北京市公安局", kind="public_security", level="provincial", division="110000")
    o.coord = make_org("国家电子政务内网建设和管理协调小组办公室", kind="intranet_coordination_office")
    o.extranet = make_org("国家电子政务外网管理中心", kind="extranet_operator")
    o.agency_org = make_org("某测评中心", kind="assessment_agency")
    o.ha_drc = make_org("河南省发展和改革委员会", kind="development_reform", level="provincial", division="410000")
    o.ha_dept = make_org("河南省某厅", level="provincial", division="410000")
    o.ha_psb = make_org("河南省公安厅", kind="public_security", level="provincial", division="410000")
    o.ha_secrecy = make_org("河南省保密局", kind="secrecy_administration", level="provincial", division="410000")
    o.ha_extranet = make_org(
        "河南省电子政务外网管理中心", kind="extranet_operator", level="provincial", division="410000"
    )
    o.lead = make_user("lead", (Role.DEPARTMENT_LEAD, o.ministry, None), organisation=o.ministry)
    o.staff = make_user("staff", (Role.DEPARTMENT_STAFF, o.ministry, None), organisation=o.ministry)
    o.other_lead = make_user("other", (Role.DEPARTMENT_LEAD, o.other_ministry, None))
    o.reviewer = make_user("ndrc", (Role.DRC_REVIEWER, o.ndrc, None), organisation=o.ndrc)
    o.napss_officer = make_user("napss", (Role.SECRECY_OFFICER, o.napss, None), clearance=Clearance.JIMI)
    o.bj_officer = make_user("bjpsb", (Role.PSB_OFFICER, o.bj_psb, None))
    o.mps_officer = make_user("mps", (Role.PSB_OFFICER, o.mps, None))
    o.ha_officer = make_user("hapsb", (Role.PSB_OFFICER, o.ha_psb, None))
    o.coord_officer = make_user("coord", (Role.INTRANET_COORD_OFFICER, o.coord, None))
    o.extranet_officer = make_user("ext", (Role.EXTRANET_CENTER_OFFICER, o.extranet, None))
    o.agency_user = make_user("agency", (Role.ASSESSMENT_AGENCY, o.agency_org, None))
    o.ha_lead = make_user("halead", (Role.DEPARTMENT_LEAD, o.ha_dept, None))
    o.ha_reviewer = make_user("hadrc", (Role.DRC_REVIEWER, o.ha_drc, None))
    o.ha_secrecy_officer = make_user("hasecrecy", (Role.SECRECY_OFFICER, o.ha_secrecy, None))
    o.ha_extranet_officer = make_user("haext", (Role.EXTRANET_CENTER_OFFICER, o.ha_extranet, None))
    o.agencies = {
        q: agency_register(
            actor=admin_user_,
            organisation=o.agency_org,
            qualification=q,
            certificate_no=f"CERT-{q}",
            valid_from=dt.date(2010, 1, 1),
            valid_to=dt.date(2030, 12, 31),
        )  # fmt: skip
        for q in Qualification.values
    }
    o.portal = system_create(
        actor=admin_user_, name="政务服务门户", owner=o.ministry, mlps_level=3, current_network="extranet",
        target_network="extranet", coverage_levels=["central", "provincial"], bandwidth_mbps=100,
    )  # fmt: skip
    o.cases = system_create(
        actor=admin_user_, name="机密案件系统", owner=o.ministry, is_classified=True, secrecy_grade="jimi",
        current_network="intranet", target_network="intranet", coverage_levels=["central"], bandwidth_mbps=50,
    )  # fmt: skip
    return o


@pytest.fixture
def project(world):
    p = project_create(actor=world.lead, owner=world.ministry, name="某部案件管理系统建设工程", act_date=ACT)
    world.app_portal = project_add_application(actor=world.lead, project=p, system=world.portal)
    world.app_cases = project_add_application(actor=world.lead, project=p, system=world.cases)
    return p
