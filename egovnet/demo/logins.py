"""The demo logins printed by ``egovnet demo``."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model

from egovnet.core.choices import Clearance, Role
from egovnet.geo.models import Division

from . import catalog
from .loader import DEMO_PASSWORD

ROLE_ZH = {
    Role.DEPARTMENT_STAFF: "部门工作人员",
    Role.DEPARTMENT_LEAD: "部门负责人",
    Role.DRC_REVIEWER: "发展改革部门审核人员",
    Role.PSB_OFFICER: "公安机关等保备案人员",
    Role.SECRECY_OFFICER: "保密行政管理部门人员",
    Role.INTRANET_COORD_OFFICER: "内网协调办人员",
    Role.EXTRANET_CENTER_OFFICER: "外网管理中心人员",
    Role.FINANCE_OFFICER: "财政部门人员",
    Role.ASSESSMENT_AGENCY: "评估机构",
    Role.EXPERT: "评审专家",
    Role.AUDITOR: "审计人员",
    Role.VIEWER: "只读用户",
    Role.ADMIN: "系统管理员",
}
CLEARANCE_ZH = {Clearance.NONE: "无 none", Clearance.MIMI: "秘密 mimi", Clearance.JIMI: "机密 jimi"}


def _scope(spec: catalog.UserSpec, names: dict[str, str], divisions: dict[str, str]) -> str:
    parts = []
    if spec.org_scope:
        parts.append(f"{names.get(spec.org_scope, spec.org_scope)} 及下级")
    if spec.division_scope:
        parts.append(f"{divisions.get(spec.division_scope, spec.division_scope)} 行政区划内（不含中央）")
    return " ∩ ".join(parts) or "全国 national"


def demo_logins() -> list[str]:
    """One line per demo user: "username / password — 角色 role, 范围 scope, 涉密资格 clearance"."""
    specs = catalog.user_specs()
    present = set(
        get_user_model().objects.filter(username__in=[s.username for s in specs]).values_list("username", flat=True)
    )
    names = {s.key: s.name for s in catalog.central_orgs()}
    divisions = dict(
        Division.objects.filter(code__in=[s.division_scope for s in specs if s.division_scope]).values_list(
            "code", "name"
        )
    )
    lines = []
    for s in specs:
        if s.username not in present:
            continue
        role = f"{ROLE_ZH[Role(s.role)]} {s.role}"
        admin = "，超级用户 superuser" if s.superuser else ""
        lines.append(
            f"{s.username} / {DEMO_PASSWORD} — 角色 {role}{admin}, 范围 {_scope(s, names, divisions)}, "
            f"涉密资格 {CLEARANCE_ZH[Clearance(s.clearance)]}"
        )
    return lines


def login_hints() -> list[str]:
    """The demo logins under the login form, in demo mode only (registered with ``core.registry``)."""
    return demo_logins() if settings.MODE == "demo" else []
