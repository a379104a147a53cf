"""Requests to authorities: submitted by the department, routed by the 同级 resolver, decided in the inbox."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction, Role
from egovnet.core.errors import PermissionDenied, ServiceError
from egovnet.core.services import create_object, lock_for_update

from .. import authorities
from ..calendar import add_working_days
from ..choices import DocumentResult, DocumentType, FilingStage, RequestKind, RequestStatus, Stage
from ..models import AuthorityRequest, Evidence, LocalPart, Project
from ..refresh import refresh_project_on_commit
from .evidence import check_local_part

# Statutory / agreed periods in working days (docs/decisions/0402-deadlines.md).
DEADLINE_WORKING_DAYS = {
    RequestKind.MLPS_FILING: 10,  # 公通字[2007]43号 第十七条: the PSB issues the certificate within 10 working days
    RequestKind.SECRECY_REVIEW: 20,
    RequestKind.INTRANET_VETTING: 20,
    RequestKind.INTRANET_REVIEW: 20,
    RequestKind.EXTRANET_AGREEMENT: 15,
}
# The basis of each period (ADR 0402: only the MLPS filing period is statutory; the others are the documented
# defaults until a source is found).
DEADLINE_BASIS = {
    RequestKind.MLPS_FILING: "10个工作日（公通字[2007]43号 第十七条）",
    RequestKind.SECRECY_REVIEW: "20个工作日（平台默认期限，未见法定期限，ADR 0402）",
    RequestKind.INTRANET_VETTING: "20个工作日（平台默认期限，未见法定期限，ADR 0402）",
    RequestKind.INTRANET_REVIEW: "20个工作日（平台默认期限，未见法定期限，ADR 0402）",
    RequestKind.EXTRANET_AGREEMENT: "15个工作日（平台默认期限，未见法定期限，ADR 0402）",
}
DECIDER_ROLE = {
    RequestKind.SECRECY_REVIEW: Role.SECRECY_OFFICER,
    RequestKind.MLPS_FILING: Role.PSB_OFFICER,
    RequestKind.INTRANET_VETTING: Role.INTRANET_COORD_OFFICER,
    RequestKind.INTRANET_REVIEW: Role.SECRECY_OFFICER,
    RequestKind.EXTRANET_AGREEMENT: Role.EXTRANET_CENTER_OFFICER,
}
EVIDENCE_TYPE = {
    RequestKind.SECRECY_REVIEW: DocumentType.SECRECY_REVIEW_OPINION,
    RequestKind.MLPS_FILING: DocumentType.MLPS_FILING_CERTIFICATE,
    RequestKind.INTRANET_VETTING: DocumentType.INTRANET_ACCESS_VETTING,
    RequestKind.INTRANET_REVIEW: DocumentType.INTRANET_ACCESS_REVIEW,
    RequestKind.EXTRANET_AGREEMENT: DocumentType.EXTRANET_SERVICE_AGREEMENT,
}
APPROVED_RESULT = {RequestKind.MLPS_FILING: DocumentResult.FILED, RequestKind.EXTRANET_AGREEMENT: DocumentResult.SIGNED}
FINAL_FILING_FROM = (Stage.TRIAL_OPERATION, Stage.ACCEPTANCE_APPLICATION, Stage.COMPLETION_ACCEPTANCE)


def request_submit(
    *,
    actor: Any,
    project: Project,
    kind: str,
    applications: list | None = None,
    local_part: LocalPart | None = None,
    note: str = "",
    submitted_on: dt.date | None = None,
) -> AuthorityRequest:
    owner = local_part.owner if local_part else project.owner
    permissions.authorize_for_org(actor, "add", AuthorityRequest, owner)
    if kind not in RequestKind.values:
        raise ValidationError({"kind": f"未知的申请类型 {kind} / unknown request kind"})
    applications = list(applications or [])
    if any(a.project_id != project.pk for a in applications):
        raise ValidationError({"applications": "只能引用本项目的应用。 / Only this project's applications."})
    check_local_part(project, local_part)
    if kind in (RequestKind.SECRECY_REVIEW, RequestKind.MLPS_FILING) and not applications:
        raise ValidationError(
            {"applications": "请选择要审查或备案的应用。 / Choose the applications to review or file."}
        )
    nationwide = any(a.system.cross_region for a in applications)
    competent = authorities.resolve_authority(
        authorities.REQUEST_PURPOSE[RequestKind(kind)], project, local_part=local_part, nationwide=nationwide
    )
    day = submitted_on or timezone.localdate()
    with transaction.atomic():
        req = create_object(
            actor=actor,
            model=AuthorityRequest,
            data={
                "project": project,
                "local_part": local_part,
                "kind": kind,
                "authority": competent.organisation,
                "resolver_explanation": competent.explanation,
                "note": note,
                "submitted_by": actor,
                "submitted_on": day,
                "due_on": add_working_days(day, DEADLINE_WORKING_DAYS[RequestKind(kind)]),
            },  # fmt: skip
        )
        req.applications.set(applications)
    return req


def may_decide(actor: Any, req: AuthorityRequest) -> bool:
    """Only officers of the competent organisation (role for the kind, scope covering it) decide."""
    if actor is None or not actor.is_authenticated:
        return False
    if actor.is_superuser:
        return True
    role = DECIDER_ROLE[RequestKind(req.kind)]
    return any(
        a.role == role
        and permissions.role_allows(a.role, "decide", AuthorityRequest)
        and permissions.covers_org(a, req.authority)
        for a in permissions.assignments(actor)
    )


def request_decide(
    *,
    actor: Any,
    request: AuthorityRequest,
    approve: bool,
    decision_ref: str,
    expected_version: int | None,
    conditions: str = "",
    decided_on: dt.date | None = None,
) -> AuthorityRequest:
    if not may_decide(actor, request):
        raise PermissionDenied(
            f"只有{request.authority}的相关工作人员可以办理此申请。 / Only officers of {request.authority} may decide this request."
        )
    if decided_on and (decided_on > timezone.localdate() or decided_on < request.submitted_on):
        raise ValidationError(
            {
                "decided_on": "决定日期须在申请日期和今天之间。 / The decision date must lie between submission and today."
            }
        )
    if not decision_ref.strip():
        raise ValidationError({"decision_ref": "请填写决定文号。 / Give the decision's reference number."})
    if not approve and not conditions.strip():
        raise ValidationError(
            {"conditions": "不予批准须说明理由（填写在“条件/理由”中）。 / A rejection needs a reason (in conditions)."}
        )
    with transaction.atomic():
        req = lock_for_update(request, expected_version)
        if req.status != RequestStatus.PENDING:
            raise ServiceError(
                f"该申请已办结（{req.get_status_display()}），未作任何更改。 / The request was already decided ({req.status}); nothing changed.",
                code="already_decided",
            )
        before = audit.snapshot(req)
        evidence = _decision_evidence(actor, req, approve, decision_ref, conditions, decided_on or timezone.localdate())
        req.status = RequestStatus.APPROVED if approve else RequestStatus.REJECTED
        req.decided_by, req.decided_at = actor, timezone.now()
        req.decision_ref, req.conditions, req.evidence = decision_ref, conditions, evidence
        req.version += 1
        req.save()
        audit.record(actor=actor, action=AuditAction.DECIDE, obj=req, before=before, after=audit.snapshot(req))
    return req


def _decision_evidence(
    actor: Any, req: AuthorityRequest, approve: bool, ref: str, conditions: str, day: dt.date
) -> Evidence:
    kind = RequestKind(req.kind)
    result = APPROVED_RESULT.get(kind, DocumentResult.APPROVED) if approve else DocumentResult.REJECTED
    doc_type = EVIDENCE_TYPE[kind]
    project = Project.objects.only("stage").get(pk=req.project_id)
    filing = ""
    if kind == RequestKind.MLPS_FILING:
        filing = FilingStage.FINAL if project.stage in FINAL_FILING_FROM else FilingStage.PLANNING
    apps = list(req.applications.select_related("system"))
    from .evidence import is_opaque

    evidence = create_object(
        actor=actor,
        model=Evidence,
        data={
            "project_id": req.project_id,
            "local_part_id": req.local_part_id,
            "doc_type": doc_type,
            "issuer": req.authority,
            "ref_no": ref,
            "date": day,
            "result": result,
            "filing_stage": filing,
            "title": conditions[:200],
            "opaque": is_opaque(doc_type, apps, False),
            "submitted_stage": project.stage,
            "created_by": actor,
        },  # fmt: skip
    )
    evidence.applications.set(apps)
    refresh_project_on_commit(req.project_id)
    return evidence


def request_withdraw(*, actor: Any, request: AuthorityRequest, expected_version: int | None) -> AuthorityRequest:
    owner = request.local_part.owner if request.local_part_id else request.project.owner
    permissions.authorize_for_org(actor, "change", AuthorityRequest, owner)
    with transaction.atomic():
        req = lock_for_update(request, expected_version)
        if req.status != RequestStatus.PENDING:
            raise ServiceError("只能撤回待办的申请。 / Only pending requests can be withdrawn.", code="already_decided")
        before = audit.snapshot(req)
        req.status = RequestStatus.WITHDRAWN
        req.version += 1
        req.save(update_fields=["status", "version", "last_updated"])
        audit.record(actor=actor, action=AuditAction.UPDATE, obj=req, before=before, after=audit.snapshot(req))
    return req
