"""Thin adapter: the engine's jurisdiction resolver (同级) mapped onto the organisation registry.

The resolver (``egovnet.policy.engine.jurisdiction``) decides kind, level and division of the
competent authority and explains why; this module finds that organisation in ``orgs.Organisation``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.functions import Length

from egovnet.core.errors import ServiceError
from egovnet.orgs.models import Organisation
from egovnet.policy.divisions import csv_directory
from egovnet.policy.engine.jurisdiction import resolve

from .choices import InviteeBody, RequestKind
from .models import LocalPart, Project

# Request kind → resolver purpose.
REQUEST_PURPOSE = {
    RequestKind.SECRECY_REVIEW: "secrecy_review",
    RequestKind.MLPS_FILING: "mlps_filing",
    RequestKind.INTRANET_VETTING: "intranet_access_vetting",
    RequestKind.INTRANET_REVIEW: "intranet_access_review",
    RequestKind.EXTRANET_AGREEMENT: "extranet_agreement",
}
INVITEE_PURPOSE = {
    InviteeBody.SECRECY_ADMINISTRATION: "expert_secrecy_administration",
    InviteeBody.PUBLIC_SECURITY: "expert_public_security",
    InviteeBody.INTRANET_OPERATOR: "expert_intranet_operator",
    InviteeBody.EXTRANET_OPERATOR: "expert_extranet_operator",
}
_WIDTH = {"provincial": 2, "prefecture": 4, "county": 6}


@dataclass(frozen=True)
class Competent:
    organisation: Organisation
    explanation: str  # 简体中文 / English, with the clause and whether a competence floor applied


def _owner_facts(project: Project, local_part: LocalPart | None) -> tuple[str, str, bool]:
    owner = local_part.owner if local_part else project.owner
    return owner.level, owner.division_id or "", owner.in_beijing


def resolve_authority(
    purpose: str, project: Project, *, local_part: LocalPart | None = None, nationwide: bool = False
) -> Competent:
    """The organisation competent for ``purpose``; a local part uses its local same-level bodies (A-10.2)."""
    level, division, in_beijing = _owner_facts(project, local_part)
    found = resolve(
        purpose,
        owner_level=level,
        division=division,
        in_beijing=in_beijing,
        nationwide=nationwide,
        directory=csv_directory(),
    )
    org = _match(found.kind, found.level, found.division)
    floor = "（已适用受理层级下限 / competence floor applied）" if found.floor_applied else ""
    explanation = f"{found.explanation_zh}{floor} / {found.explanation_en} [{found.basis_clause}]"
    if org is None:
        raise ServiceError(
            f"登记簿中没有找到主管机关“{found.name}”（类型 {found.kind}，层级 {found.level}，区划 {found.division or '全国'}）。"
            f"请管理员先在组织机构登记簿中登记该机关。{found.explanation_zh}"
            f" / The competent authority {found.name} ({found.kind}, {found.level}, {found.division or 'national'}) "
            f"is not in the organisation registry; an administrator must register it first. {found.explanation_en}",
            code="authority_missing",
            details={"authority": {"kind": found.kind, "level": found.level, "division": found.division}},
        )
    return Competent(org, explanation)


def _match(kind: str, level: str, division: str) -> Organisation | None:
    qs = Organisation.objects.filter(kind=kind, level=level)
    if level != "central" and division:
        qs = qs.filter(division__code__startswith=division[: _WIDTH[level]])
    # The top of a subtree (an office's parent) is the competent body; ties broken by path length then id.
    return qs.order_by(Length("path"), "id").first()
