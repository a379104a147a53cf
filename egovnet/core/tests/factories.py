"""Small, generic factories for tests: a few divisions, organisations, users with roles, networks, systems.

They write through the ORM (not the services) so that tests can set up any state quickly; tests of
the services themselves must call the services. Every helper takes keyword arguments with sensible
defaults, and counters keep names unique.
"""

from __future__ import annotations

import itertools
from typing import Any

from django.contrib.auth import get_user_model

from egovnet.core.choices import Clearance
from egovnet.core.models import RoleAssignment
from egovnet.geo.choices import DivisionLevel
from egovnet.geo.models import Division
from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Network
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

PASSWORD = "test-pass-123"
_seq = itertools.count(1)

# A handful of real GB/T 2260 divisions covering the special cases tests usually need.
DIVISIONS = [
    ("110000", "北京市", DivisionLevel.PROVINCE, None),
    ("110101", "东城区", DivisionLevel.COUNTY, "110000"),
    ("410000", "河南省", DivisionLevel.PROVINCE, None),
    ("410100", "郑州市", DivisionLevel.PREFECTURE, "410000"),
    ("410102", "中原区", DivisionLevel.COUNTY, "410100"),
    ("420000", "湖北省", DivisionLevel.PROVINCE, None),
    ("420100", "武汉市", DivisionLevel.PREFECTURE, "420000"),
    ("420102", "江岸区", DivisionLevel.COUNTY, "420100"),
]


def make_division(code: str, name: str, level: str, parent_code: str | None = None, **extra: Any) -> Division:
    prefecture = code[:4] + "00" if level == DivisionLevel.COUNTY and parent_code and parent_code[2:] != "0000" else ""
    if level == DivisionLevel.PREFECTURE:
        prefecture = code
    division, _ = Division.objects.update_or_create(
        code=code,
        defaults={
            "name": name,
            "level": level,
            "parent_id": parent_code,
            "province_code": code[:2] + "0000",
            "prefecture_code": prefecture,
            **extra,
        },
    )
    return division


def divisions() -> dict[str, Division]:
    """Create the small division set (idempotent); returns them by code."""
    return {code: make_division(code, name, level, parent) for code, name, level, parent in DIVISIONS}


def make_org(
    name: str | None = None,
    *,
    kind: str = OrgKind.GOVERNMENT_DEPARTMENT,
    level: str = Level.CENTRAL,
    division: Division | str = "110000",
    parent: Organisation | None = None,
    **extra: Any,
) -> Organisation:
    if isinstance(division, str):
        division = Division.objects.get(pk=division)
    org = Organisation.objects.create(
        name=name or f"测试单位{next(_seq)}", kind=kind, level=level, division=division, parent=parent, **extra
    )
    org.path = f"{parent.path if parent else '/'}{org.pk}/"
    Organisation.objects.filter(pk=org.pk).update(path=org.path)
    return org


def make_user(
    username: str | None = None,
    *,
    role: str | None = None,
    org_scope: Organisation | None = None,
    division_scope: Division | None = None,
    clearance: int = Clearance.NONE,
    organisation: Organisation | None = None,
    **extra: Any,
) -> Any:
    user = get_user_model().objects.create_user(
        username=username or f"user{next(_seq)}",
        password=PASSWORD,
        clearance=clearance,
        organisation=organisation or org_scope,
        **extra,
    )
    if role:
        RoleAssignment.objects.create(user=user, role=role, org_scope=org_scope, division_scope=division_scope)
    return user


def make_network(
    name: str | None = None, *, owner: Organisation, family: str = NetworkFamily.EXTRANET, **extra: Any
) -> Network:
    extra.setdefault("level", owner.level)
    if extra["level"] != Level.CENTRAL:
        extra.setdefault("division", owner.division)
    return Network.objects.create(name=name or f"测试网络{next(_seq)}", owner=owner, family=family, **extra)


def make_system(name: str | None = None, *, owner: Organisation, **extra: Any) -> ApplicationSystem:
    return ApplicationSystem.objects.create(name=name or f"测试系统{next(_seq)}", owner=owner, **extra)
