"""Demo projects at every stage — some blocked, some complete, one co-built, one on the simplified path.

``load_demo_projects(actor)`` runs on top of the demo organisations and systems (found by kind / level /
``is_demo``); whatever it needs and does not find, it creates. Every write goes through the services, so the
gates are really judged by the engine and the audit log is real. Dates are in 2013–2014 (judged under
发改高技[2012]1986号 alone).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from egovnet.core.choices import Role
from egovnet.core.models import RoleAssignment
from egovnet.geo.models import Division
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create
from egovnet.systems.services import system_create

from . import workflow
from .choices import NetworkUseSubCheck, Qualification, Stage
from .models import AssessmentAgency, Project
from .services import (
    acceptance_check_sign,
    agency_register,
    commission_create,
    evidence_create,
    local_part_create,
    meeting_conclude,
    meeting_create,
    project_add_application,
    project_create,
    project_update,
    request_decide,
    request_submit,
)

D = dt.date
TAG = "（演示）"


def _org(actor: Any, kind: str, level: str, division: str, name: str, *, in_beijing: bool = False) -> Organisation:
    qs = Organisation.objects.filter(kind=kind, level=level)
    if level != Level.CENTRAL:
        qs = qs.filter(division_id=division)
    found = qs.order_by("is_demo", "id").filter(parent__isnull=True).first() or qs.order_by("id").first()
    if found:
        return found
    return organisation_create(actor=actor, name=name, kind=kind, level=level, division=Division.objects.get(pk=division),
                               in_beijing=in_beijing, is_demo=True)  # fmt: skip


class World:
    def __init__(self, actor: Any):
        c = Level.CENTRAL
        self.actor = actor
        self.ndrc = _org(actor, OrgKind.DEVELOPMENT_REFORM, c, "110000", "国家发展和改革委员会", in_beijing=True)
        self.napss = _org(actor, OrgKind.SECRECY_ADMINISTRATION, c, "110000", "国家保密局", in_beijing=True)
        self.mps = _org(actor, OrgKind.PUBLIC_SECURITY, c, "110000", "公安部", in_beijing=True)
        self.bj_psb = _org(actor, OrgKind.PUBLIC_SECURITY, Level.PROVINCIAL, "110000", "北京市公安局")
        self.coord = _org(
            actor, OrgKind.INTRANET_COORDINATION_OFFICE, c, "110000", "国家电子政务内网建设和管理协调小组办公室"
        )
        self.extranet = _org(actor, OrgKind.EXTRANET_OPERATOR, c, "110000", "国家电子政务外网管理中心", in_beijing=True)
        self.agency_org = _org(actor, OrgKind.ASSESSMENT_AGENCY, c, "110000", f"信息安全测评中心{TAG}", in_beijing=True)
        self.gd_drc = _org(actor, OrgKind.DEVELOPMENT_REFORM, Level.PROVINCIAL, "440000", "广东省发展和改革委员会")
        self.gd_dept = _org(actor, OrgKind.GOVERNMENT_DEPARTMENT, Level.PROVINCIAL, "440000", f"广东省教育厅{TAG}")
        for kind, name in ((OrgKind.PUBLIC_SECURITY, "广东省公安厅"), (OrgKind.SECRECY_ADMINISTRATION, "广东省保密局"),
                           (OrgKind.EXTRANET_OPERATOR, "广东省电子政务外网管理中心")):  # fmt: skip
            _org(actor, kind, Level.PROVINCIAL, "440000", name)
        central_depts = Organisation.objects.filter(
            kind=OrgKind.GOVERNMENT_DEPARTMENT, level=c, parent__isnull=True, in_beijing=True
        )
        # Prefer the departments the demo's department users work for, so their logins show the projects.
        staffed = RoleAssignment.objects.filter(role__in=[Role.DEPARTMENT_LEAD, Role.DEPARTMENT_STAFF])
        ministries = list(central_depts.filter(pk__in=staffed.values("org_scope")).order_by("id")[:3])
        others = central_depts.exclude(pk__in=[m.pk for m in ministries]).order_by("-is_demo", "-id")
        ministries += list(others[: 3 - len(ministries)])
        while len(ministries) < 3:
            ministries.append(
                _org(actor, OrgKind.GOVERNMENT_DEPARTMENT, c, "110000", f"示范部委{len(ministries) + 1}{TAG}")
            )
        self.ministries = ministries
        self.agencies = {q: self._agency(q) for q in Qualification.values}

    def _agency(self, qualification: str) -> AssessmentAgency:
        found = AssessmentAgency.objects.filter(organisation=self.agency_org, qualification=qualification).first()
        return found or agency_register(
            actor=self.actor, organisation=self.agency_org, qualification=qualification,
            certificate_no=f"DEMO-{qualification.upper()}-2012", valid_from=D(2012, 1, 1), valid_to=D(2030, 12, 31),
        )  # fmt: skip


def _decide(w: World, project: Project, kind: str, apps: list, ref: str, on: D, *, local_part=None, decide=True):
    req = request_submit(actor=w.actor, project=project, kind=kind, applications=apps, local_part=local_part,
                         submitted_on=on, note="演示 demo")  # fmt: skip
    if decide:
        request_decide(actor=w.actor, request=req, approve=True, decision_ref=ref, expected_version=req.version,
                       decided_on=on + dt.timedelta(days=7))  # fmt: skip
    return req


def _review(w: World, project: Project, review_type: str, on: D) -> None:
    m = meeting_create(actor=w.actor, project=project, review_type=review_type, date=on,
                       invite_on=on - dt.timedelta(days=10))  # fmt: skip
    meeting_conclude(actor=w.actor, meeting=m, opinion="原则同意，按专家意见修改完善。", expected_version=m.version)


def _doc(w: World, project: Project, doc_type: str, **fields) -> None:
    evidence_create(actor=w.actor, project=project, doc_type=doc_type, **fields)


def _move(w: World, project: Project, name: str, note: str = "") -> Project:
    project.refresh_from_db()
    return workflow.transition(actor=w.actor, project=project, name=name, note=note, expected_version=project.version)


def _new(w: World, owner: Organisation, name: str, n: int, **kw) -> tuple[Project, Any, Any]:
    p = project_create(actor=w.actor, owner=owner, name=f"{name}{TAG}", act_date=D(2013, 5, 2), is_demo=True, **kw)
    portal = system_create(actor=w.actor, name=f"{owner.short_name or owner.name}政务服务平台{n}{TAG}", owner=owner,
                           mlps_level=3, current_network="extranet", target_network="extranet",
                           coverage_levels=["central", "provincial"], bandwidth_mbps=100, status="planned", is_demo=True)  # fmt: skip
    secret = system_create(actor=w.actor, name=f"{owner.short_name or owner.name}内部办公系统{n}{TAG}", owner=owner,
                           is_classified=True, secrecy_grade="mimi", current_network="intranet",
                           target_network="intranet", coverage_levels=["central"], bandwidth_mbps=20, status="planned",
                           is_demo=True)  # fmt: skip
    return (
        p,
        project_add_application(actor=w.actor, project=p, system=portal),
        project_add_application(actor=w.actor, project=p, system=secret),
    )


def _needs(w: World, p: Project, portal, secret) -> None:
    _doc(w, p, "needs_analysis_report", ref_no="需求分析报告", date=D(2013, 2, 1))
    _decide(w, p, "secrecy_review", [secret], "国保函〔2013〕12号", D(2013, 3, 1))
    _decide(w, p, "mlps_filing", [portal], "11010113001-00001", D(2013, 3, 1))
    _review(w, p, "needs_deliberation", D(2013, 4, 10))


def _access(w: World, p: Project, portal, secret, *, napss: bool = True) -> None:
    _decide(w, p, "intranet_vetting", [secret], "内网协调办审〔2013〕3号", D(2013, 3, 1))
    _decide(w, p, "intranet_review", [secret], "国保函〔2013〕20号", D(2013, 3, 1), decide=napss)
    _decide(w, p, "extranet_agreement", [portal], "外网协〔2013〕8号", D(2013, 3, 1))


def _proposal(w: World, p: Project, portal, secret, *, napss: bool = True) -> None:
    _doc(w, p, "deployment_migration_plan", plan_stage="proposal", sections=["intranet", "extranet"])
    _access(w, p, portal, secret, napss=napss)
    _review(w, p, "proposal_appraisal", D(2013, 4, 10))
    _doc(w, p, "project_proposal", ref_no="项目建议书", date=D(2013, 4, 20))


def _act_on(w: World, p: Project, day: D) -> None:
    """The date of the next act judged (a review counts once held by then; the packs of that date apply)."""
    p.refresh_from_db()
    project_update(actor=w.actor, project=p, expected_version=p.version, act_date=day)


def _fsr(w: World, p: Project) -> None:
    _doc(w, p, "deployment_migration_plan", plan_stage="fsr", sections=["intranet", "extranet"])
    _review(w, p, "fsr_appraisal", D(2013, 6, 10))
    _doc(w, p, "feasibility_study_report", ref_no="可行性研究报告", date=D(2013, 6, 20))
    _act_on(w, p, D(2013, 6, 25))


def _to_construction(w: World, p: Project, portal, secret) -> None:
    _needs(w, p, portal, secret)
    _move(w, p, "complete_needs_analysis")
    _proposal(w, p, portal, secret)
    _move(w, p, "approve_proposal")
    _fsr(w, p)
    _move(w, p, "approve_feasibility")
    _doc(w, p, "preliminary_design", ref_no="初步设计", date=D(2013, 8, 1))
    _act_on(w, p, D(2013, 8, 5))
    _move(w, p, "approve_design")


def _complete(w: World, p: Project, portal, secret) -> None:
    ag = w.agencies
    _doc(w, p, "fenbao_assessment_report", issuer=w.agency_org, agency=ag["fenbao"], result="pass", date=D(2013, 9, 1),
         applications=[secret])  # fmt: skip
    _doc(w, p, "classified_system_authorization", issuer=w.napss, result="approved", ref_no="国保审〔2013〕5号",
         date=D(2013, 9, 10), applications=[secret])  # fmt: skip
    _act_on(w, p, D(2013, 9, 15))
    _move(w, p, "start_trial_operation")
    _move(w, p, "prepare_acceptance")
    _act_on(w, p, D(2014, 6, 1))
    _doc(w, p, "mlps_assessment_report", issuer=w.agency_org, agency=ag["mlps"], result="pass", date=D(2014, 3, 1),
         applications=[portal])  # fmt: skip
    _doc(w, p, "risk_assessment_report", issuer=w.agency_org, agency=ag["risk"], result="pass", date=D(2014, 3, 2),
         risk_parts=["classified", "non_classified"])  # fmt: skip
    _move(w, p, "apply_for_acceptance")
    _decide(w, p, "mlps_filing", [portal], "11010114001-00002", D(2014, 4, 1))
    acceptance_check_sign(actor=w.actor, project=p, checks=dict.fromkeys(NetworkUseSubCheck.values, True),
                          ref_no="竣工验收网络使用检查表")  # fmt: skip
    _move(w, p, "accept", "竣工验收通过 / accepted")


def load_demo_projects(actor: Any) -> list[Project]:
    """Create the demo projects (idempotent: does nothing when demo projects exist)."""
    if Project.objects.filter(is_demo=True).exists():
        return []
    with transaction.atomic():
        w = World(actor)
        m1, m2, m3 = w.ministries
        made = []
        p, *_ = _new(w, m1, "业务协同平台建设工程（需求分析阶段，缺审查备案）", 1)
        made.append(p)
        p, portal, secret = _new(w, m1, "政务数据共享工程（项目建议书阶段，缺国家保密局审查）", 2)
        _needs(w, p, portal, secret)
        _move(w, p, "complete_needs_analysis")
        _proposal(w, p, portal, secret, napss=False)  # the NAPSS review stays pending in its inbox
        made.append(p)
        p, portal, secret = _new(w, m2, "监管信息系统工程（建设阶段）", 3)
        _to_construction(w, p, portal, secret)
        # article 11: the MLPS assessment is commissioned; the demo agency login sees it as its task
        commission_create(actor=w.actor, project=p, agency=w.agencies["mlps"], assessment_type=Qualification.MLPS,
                          note="演示：等级保护测评委托 / demo MLPS assessment", on=D(2013, 9, 1))  # fmt: skip
        made.append(p)
        p, portal, secret = _new(w, m3, "公共服务平台工程（已竣工验收）", 4)
        _to_construction(w, p, portal, secret)
        _complete(w, p, portal, secret)
        made.append(p)
        p, portal, secret = _new(w, m2, "应急指挥系统工程（可研代建议书）", 5, approval_path="simplified",
                                 simplified_basis="总投资低于3000万元", total_investment_10k_yuan=2800)  # fmt: skip
        _needs(w, p, portal, secret)
        _move(w, p, "complete_needs_analysis_simplified")
        made.append(p)
        made.append(_cobuilt(w, m1))
        # one request overdue on both sides: submitted long ago, never decided
        _decide(
            w, made[0], "mlps_filing", [made[0].applications.order_by("id").first()], "", D(2013, 3, 1), decide=False
        )
    return made


def _cobuilt(w: World, owner: Organisation) -> Project:
    p, portal, secret = _new(w, owner, "教育管理信息化共建工程（共建，地方可研待批）", 6, cobuilt=True,
                             national_approval_ref="发改高技〔2013〕100号",
                             network_use_requirements="地方部分须使用国家电子政务外网，不得新建专网。")  # fmt: skip
    lp = local_part_create(actor=w.actor, project=p, division=Division.objects.get(pk="440000"), owner=w.gd_dept,
                           name=f"广东部分{TAG}")  # fmt: skip
    _needs(w, p, portal, secret)
    _move(w, p, "complete_needs_analysis")
    _proposal(w, p, portal, secret)
    _move(w, p, "approve_proposal")
    _fsr(w, p)
    _doc(w, p, "feasibility_study_report", ref_no="粤可研", date=D(2013, 6, 25), local_part=lp)
    return p  # blocked at G-LOCAL-FSR: central opinion and the local DRC's approval are missing


__all__ = ["Stage", "load_demo_projects"]
