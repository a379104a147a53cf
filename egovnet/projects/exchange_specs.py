"""Export-only registry of the projects list: the list's filters, the list's scope, 中文 headers.

Registered with ``egovnet.exchange`` in ``ProjectsConfig.ready()``. Rows are scoped by
``queries.visible_projects`` (exactly what ``views.project_list`` uses: owner scope plus approving reviewers,
local DRCs/owners, reporting agencies), not by ``restrict`` alone. Projects are created and advanced through
the workflow pages, never imported: the spec is ``importable=False`` and its create/update refuse.
"""

from __future__ import annotations

from typing import Any

from egovnet.core.errors import ServiceError
from egovnet.exchange.importers import Column, RegistrySpec, register
from egovnet.exchange.importers import glossary as g
from egovnet.exchange.importers.registries import _choice
from egovnet.exchange.importers.spec import BOOL, DATE, DECIMAL
from egovnet.orgs.choices import Level

from . import queries
from .choices import ApprovalPath, ProjectStatus, Stage
from .filtersets import ProjectFilterSet
from .models import Project

STAGE_ZH = {
    Stage.NEEDS_ANALYSIS: "需求分析",
    Stage.PROPOSAL: "项目建议书",
    Stage.FEASIBILITY: "可行性研究报告",
    Stage.PRELIMINARY_DESIGN: "初步设计和投资概算",
    Stage.CONSTRUCTION: "建设实施",
    Stage.TRIAL_OPERATION: "试运行",
    Stage.ACCEPTANCE_APPLICATION: "验收申请",
    Stage.COMPLETION_ACCEPTANCE: "竣工验收",
}
STATUS_ZH = {ProjectStatus.ACTIVE: "在建", ProjectStatus.COMPLETED: "已验收", ProjectStatus.WITHDRAWN: "已撤销"}
PATH_ZH = {ApprovalPath.FULL: "完整程序（项目建议书、可研）", ApprovalPath.SIMPLIFIED: "简化程序（以可研代项目建议书）"}


def _refuse(**_: Any) -> Any:
    raise ServiceError(
        "建设项目只能导出，不能导入；请在项目页面中新建和推进。"
        " / Projects are export-only: create and advance them on the project pages.",
        code="export_only",
    )


def _ro(field: str, header: str, **kw: Any) -> Column:
    return Column(field, header, importable=False, **kw)


PROJECTS = RegistrySpec(
    name="projects",
    title="建设项目 Projects",
    model=Project,
    columns=[
        _ro("name", "项目名称 Name"),
        _ro("owner_name", "建设单位 Owner department", export_field="owner__name"),
        _choice("owner__level", "层级 Level", Level.choices, g.LEVEL, importable=False),
        _choice("stage", "阶段 Stage", Stage.choices, STAGE_ZH, importable=False),
        _choice("status", "状态 Status", ProjectStatus.choices, STATUS_ZH, importable=False),
        _choice("approval_path", "审批程序 Approval path", ApprovalPath.choices, PATH_ZH, importable=False),
        _ro("cobuilt", "中央地方共建 Co-built", kind=BOOL),
        _ro("total_investment_10k_yuan", "总投资（万元） Total investment (10k yuan)", kind=DECIMAL),
        _ro("act_date", "批复日期 Act date", kind=DATE),
        _ro("approver_name", "审批部门 Approver", export_field="approver__name"),
    ],
    create=_refuse,
    update=_refuse,
    obj_kw="project",
    owner_field="owner",
    filterset=ProjectFilterSet,
    importable=False,
    scope=queries.visible_projects,
)


def register_specs() -> None:
    register(PROJECTS)
