"""Evidence services: typed documents, classified references, files, the signed network-use check."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import PermissionDenied, ServiceError
from egovnet.core.services import create_object, delete_object

from ..choices import ALWAYS_OPAQUE_TYPES, DocumentResult, DocumentType, NetworkUseSubCheck, Qualification
from ..models import Evidence, Project
from ..refresh import refresh_project_on_commit
from .files import check_upload

FIELDS = (
    "title", "issuer", "ref_no", "date", "result", "valid_to", "filing_stage", "plan_stage", "sections",
    "references", "addresses_network_use", "approves", "in_lieu_of_proposal", "agency", "risk_parts", "local_part",
)  # fmt: skip
AGENCY_TYPES = {
    DocumentType.FENBAO_ASSESSMENT_REPORT: Qualification.FENBAO,
    DocumentType.MLPS_ASSESSMENT_REPORT: Qualification.MLPS,
    DocumentType.RISK_ASSESSMENT_REPORT: Qualification.RISK,
    DocumentType.CRYPTO_ASSESSMENT_REPORT: Qualification.CRYPTO,
}
CLASSIFIED_UPLOAD_REFUSED = (
    "涉密材料只登记文号、出具机关、日期和结论，不得上传文件：本平台是非涉密信息系统，不能存储国家秘密"
    "（《保守国家秘密法》；context.md §4.5）。请删除附件后仅登记引用信息，原件按保密规定线下核验。"
    " / Classified material is recorded as a reference only (issuer, number, date, result): this platform is a "
    "non-classified system and must never hold state secrets (State Secrets Law; context.md §4.5). "
    "Remove the file and record the reference; the original is verified offline."
)


def check_local_part(project: Project, local_part: Any) -> None:
    if local_part is not None and local_part.project_id != project.pk:
        raise ValidationError({"local_part": "地方部分不属于本项目。 / The local part belongs to another project."})


def _authorize(actor: Any, project: Project, issuer: Any, local_part: Any) -> None:
    """Departments record evidence on their projects; an issuer (agency, authority) on what it issued."""
    candidates = [project.owner] + [o for o in (issuer, getattr(local_part, "owner", None)) if o is not None]
    if not any(permissions.can_for_org(actor, "add", Evidence, org) for org in candidates):
        permissions.authorize_for_org(actor, "add", Evidence, project.owner)


def is_opaque(doc_type: str, applications: list, classified: bool) -> bool:
    if classified or doc_type in ALWAYS_OPAQUE_TYPES:
        return True
    return doc_type == DocumentType.MLPS_GRADING_REPORT and any(a.system.is_classified for a in applications)


def _check_agency(doc_type: str, agency: Any) -> None:
    want = AGENCY_TYPES.get(doc_type)
    if want is None:
        return
    if agency is None:
        raise ValidationError(
            {
                "agency": "测评/评估报告须注明登记在册的测评机构（第十一条）。 / Name the registered assessment agency (art. 11)."
            }
        )
    if agency.qualification != want:
        raise ValidationError(
            {
                "agency": f"该机构的资质是“{agency.get_qualification_display()}”，不能出具此类报告（第十一条）。 / The agency's qualification ({agency.qualification}) does not cover this report (art. 11)."
            }
        )


def evidence_create(
    *,
    actor: Any,
    project: Project,
    doc_type: str,
    applications: list | None = None,
    upload: Any = None,
    classified: bool = False,
    reason: str = "",
    **fields: Any,
) -> Evidence:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise ValidationError({k: "未知字段 / unknown field" for k in unknown})
    applications = list(applications or [])
    _authorize(actor, project, fields.get("issuer"), fields.get("local_part"))
    if doc_type not in DocumentType.values:
        raise ValidationError({"doc_type": f"未知的文件类型 {doc_type} / unknown document type"})
    if doc_type == DocumentType.NETWORK_USE_ACCEPTANCE_CHECK:
        raise ServiceError(
            "网络使用检查须由验收机关签署（acceptance_check_sign）。 / The network-use check is signed by the acceptance authority.",
            code="use_sign",
        )
    if any(a.project_id != project.pk for a in applications):
        raise ValidationError({"applications": "只能引用本项目的应用。 / Only this project's applications."})
    check_local_part(project, fields.get("local_part"))
    opaque = is_opaque(doc_type, applications, classified)
    if opaque and upload is not None:
        raise ServiceError(CLASSIFIED_UPLOAD_REFUSED, code="classified_upload_refused")
    _check_agency(doc_type, fields.get("agency"))
    checked = check_upload(upload) if upload is not None else None
    with transaction.atomic():
        data = {"project": project, "doc_type": doc_type, "opaque": opaque, "submitted_stage": project.stage,
                "created_by": actor if getattr(actor, "pk", None) else None, **fields}  # fmt: skip
        if checked:
            path = f"evidence/{project.pk}/{checked.sha256}"
            if not default_storage.exists(path):
                path = default_storage.save(path, ContentFile(checked.content))
            data.update(file_path=path, file_sha256=checked.sha256, file_size=checked.size,
                        file_content_type=checked.content_type, file_name=checked.name)  # fmt: skip
        evidence = create_object(actor=actor, model=Evidence, data=data, reason=reason)
        if applications:
            evidence.applications.set(applications)
        refresh_project_on_commit(project)
    return evidence


def evidence_delete(*, actor: Any, evidence: Evidence, expected_version: int | None, reason: str = "") -> None:
    permissions.authorize_for_org(actor, "delete", Evidence, evidence.project.owner)
    used = evidence.project.transitions.values_list("evidence_used", flat=True)  # JSON ``contains``: not on SQLite
    if any(f"doc-{evidence.pk}" in (ids or ()) for ids in used):
        raise ServiceError(
            "已用于通过关口的证据不能删除。 / Evidence used to pass a gate cannot be deleted.", code="in_use"
        )
    project_id = evidence.project_id
    delete_object(actor=actor, obj=evidence, expected_version=expected_version, reason=reason)
    refresh_project_on_commit(project_id)


def acceptance_check_sign(
    *, actor: Any, project: Project, checks: dict[str, bool], ref_no: str, note: str = ""
) -> Evidence:
    """The separate, signed network-use item of completion acceptance (article 11¶2, A-11.4)."""
    org = project.approver
    if org is None or not permissions.can_for_org(actor, "decide", Evidence, org):
        raise PermissionDenied(
            "网络使用检查须由项目审批（验收）机关签署。 / Only the approving (accepting) authority signs the network-use check."
        )
    missing = [c for c in NetworkUseSubCheck.values if c not in checks]
    if missing:
        raise ValidationError({"checks": f"缺少子项：{', '.join(missing)} / missing sub-checks"})
    all_ok = all(bool(checks[c]) for c in NetworkUseSubCheck.values)
    with transaction.atomic():
        evidence = create_object(
            actor=actor,
            model=Evidence,
            data={
                "project": project,
                "doc_type": DocumentType.NETWORK_USE_ACCEPTANCE_CHECK,
                "issuer": org,
                "ref_no": ref_no,
                "date": timezone.localdate(),
                "checks": {c: bool(checks[c]) for c in NetworkUseSubCheck.values},
                "result": DocumentResult.PASS if all_ok else DocumentResult.FAIL,
                "signed_by": actor,
                "signed_at": timezone.now(),
                "submitted_stage": project.stage,
                "title": note[:200],
            },  # fmt: skip
            reason=note,
        )
        audit.record(
            actor=actor, action=AuditAction.DECIDE, obj=evidence, after=audit.snapshot(evidence), reason="signed"
        )
        refresh_project_on_commit(project)
    return evidence


LOCAL_APPROVABLE = (DocumentType.FEASIBILITY_STUDY_REPORT, DocumentType.PRELIMINARY_DESIGN)


def may_approve_local_part(actor: Any, local_part: Any) -> bool:
    """Article 10: the local part's DRC approves it — a DRC reviewer whose scope covers that DRC."""
    from egovnet.core.choices import Role

    org = local_part.local_drc
    if actor is None or org is None or not actor.is_authenticated or not actor.is_active:
        return False
    if actor.is_superuser:
        return True
    return any(
        a.role == Role.DRC_REVIEWER
        and permissions.role_allows(a.role, "add", Evidence)
        and permissions.covers_org(a, org)
        for a in permissions.assignments(actor)
    )


def local_part_approve(
    *, actor: Any, local_part: Any, approves: str, approve: bool, ref_no: str, date: Any, reason: str = ""
) -> Evidence:
    """The local DRC's approval (or refusal) of a local part's FSR or design (article 10, R-10.3), recorded as
    its ``local_drc_approval`` evidence citing the national approval, through :func:`evidence_create`."""
    if not may_approve_local_part(actor, local_part):
        raise PermissionDenied(
            f"地方部分由{local_part.local_drc}的发展改革部门审核人员批复（第十条）。"
            f" / Only DRC reviewers of {local_part.local_drc} approve this local part (art. 10)."
        )
    if approves not in LOCAL_APPROVABLE:
        raise ValidationError({"approves": "只能批复地方可研或初步设计。 / Approve the local FSR or design only."})
    if not ref_no.strip():
        raise ValidationError({"ref_no": "请填写批复文号。 / Give the approval's reference number."})
    if not approve and not reason.strip():
        raise ValidationError({"reason": "不予批复须说明理由。 / A refusal needs a reason."})
    project = local_part.project
    national = [project.national_approval_ref] if project.national_approval_ref else []
    return evidence_create(
        actor=actor, project=project, doc_type=DocumentType.LOCAL_DRC_APPROVAL, issuer=local_part.local_drc,
        local_part=local_part, approves=approves, references=national, ref_no=ref_no, date=date,
        result=DocumentResult.APPROVED if approve else DocumentResult.REJECTED, title=reason[:200], reason=reason,
    )  # fmt: skip
