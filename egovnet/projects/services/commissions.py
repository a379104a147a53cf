"""Commissioning an assessment agency and recording its result (article 11, A-11.1; R-11.1–11.3).

The owner department commissions one registered agency qualification for one assessment type; the
agency's users record the conclusion, which becomes the assessment report evidence the gate reads.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from egovnet.core import permissions
from egovnet.core.errors import ServiceError
from egovnet.core.services import create_object, update_object
from egovnet.orgs.choices import OrgKind

from ..choices import CommissionStatus, DocumentResult, DocumentType, Qualification, RiskPart
from ..models import AssessmentAgency, AssessmentCommission, Project
from ..refresh import refresh_project_on_commit
from .evidence import evidence_create

ALREADY_REPORTED = "该测评结果已登记，不能重复登记。 / The result of this assessment is already recorded."
WITHDRAWN = (
    "该测评委托已撤回，不能再登记结果；如需测评请重新委托。"
    " / This commission was withdrawn: no result can be recorded on it; commission the assessment again."
)
NOT_OPEN = (
    "只能撤回尚未登记结果的委托；已登记的结果是项目证据，测评不通过时请重新委托。"
    " / Only a commission without a result can be withdrawn; a recorded result is project evidence — after a"
    " failed assessment, commission a new one."
)
REPORT_TYPE = {
    Qualification.FENBAO: DocumentType.FENBAO_ASSESSMENT_REPORT,
    Qualification.MLPS: DocumentType.MLPS_ASSESSMENT_REPORT,
    Qualification.RISK: DocumentType.RISK_ASSESSMENT_REPORT,
    Qualification.CRYPTO: DocumentType.CRYPTO_ASSESSMENT_REPORT,
}


def _not_qualified(agency: AssessmentAgency, assessment_type: str, day: dt.date) -> str | None:
    """Why ``agency`` may not do ``assessment_type`` on ``day`` (bilingual, article 11), or None."""
    label = Qualification(assessment_type).label
    if agency.organisation.kind != OrgKind.ASSESSMENT_AGENCY:
        return (
            f"“{agency.organisation}”不是登记在册的测评机构（第十一条）。请选择已登记的测评机构。"
            f" / '{agency.organisation}' is not a registered assessment agency (art. 11). Choose a registered agency."
        )
    if agency.qualification != assessment_type:
        return (
            f"该机构登记的资质是“{agency.get_qualification_display()}”，不涵盖“{label}”（第十一条）。"
            f"请委托具备“{label}”资质的机构。 / The agency's registered qualification "
            f"({agency.qualification}) does not cover {assessment_type} (art. 11). Commission an agency "
            f"qualified for {assessment_type}."
        )
    if not agency.valid_on(day):
        return (
            f"该机构的“{agency.get_qualification_display()}”资质有效期为{agency.valid_from}至{agency.valid_to}，"
            f"{day}不在有效期内（第十一条）。请委托资质有效的机构，或待其资质续期登记后再委托。"
            f" / The agency's {agency.qualification} qualification is valid {agency.valid_from} to "
            f"{agency.valid_to}, not on {day} (art. 11). Commission an agency with a valid qualification, "
            f"or wait until its renewal is registered."
        )
    return None


def commission_create(
    *,
    actor: Any,
    project: Project,
    agency: AssessmentAgency,
    assessment_type: str,
    note: str = "",
    on: dt.date | None = None,
) -> AssessmentCommission:
    """The owner department commissions ``agency`` for ``assessment_type`` (refused unless qualified)."""
    permissions.authorize_for_org(actor, "add", AssessmentCommission, project.owner)
    if assessment_type not in Qualification.values:
        raise ValidationError({"assessment_type": f"未知的测评类型 {assessment_type} / unknown assessment type"})
    day = on or timezone.localdate()
    why = _not_qualified(agency, assessment_type, day)
    if why:
        raise ServiceError(why, code="agency_not_qualified", details={"article": 11, "agency": agency.pk})
    return create_object(
        actor=actor,
        model=AssessmentCommission,
        data={
            "project": project,
            "agency": agency,
            "assessment_type": assessment_type,
            "commissioned_on": day,
            "commissioned_by": actor,
            "note": note[:300],
        },  # fmt: skip
        reason=note,
    )


def commission_report(
    *,
    actor: Any,
    commission: AssessmentCommission,
    expected_version: int | None,
    passed: bool,
    ref_no: str,
    date: dt.date,
    issues: str = "",
    risk_parts: list[str] | None = None,
) -> AssessmentCommission:
    """The commissioned agency records its conclusion; it becomes the assessment report evidence.

    ``risk_parts`` (risk assessment only; P-2071): the parts the report covers, empty = both."""
    agency = commission.agency
    permissions.authorize_for_org(actor, "change", AssessmentCommission, agency.organisation)
    _refuse_unless_open(commission.status)
    if not ref_no.strip():
        raise ValidationError({"ref_no": "请填写报告编号。 / Enter the report reference number."})
    if date is None or date > timezone.localdate():
        raise ValidationError({"date": "报告日期缺失或晚于今天。 / The report date is missing or in the future."})
    why = _not_qualified(agency, commission.assessment_type, date)
    if why:
        raise ServiceError(why, code="agency_not_qualified", details={"article": 11})
    parts = list(risk_parts or [])
    if parts and (commission.assessment_type != Qualification.RISK or set(parts) - set(RiskPart.values)):
        raise ValidationError(
            {"risk_parts": "仅风险评估可注明涉密/非涉密部分。 / Only a risk assessment names its parts."}
        )
    result = DocumentResult.PASS if passed else DocumentResult.FAIL
    with transaction.atomic():
        # one transaction: a stale form (version check under the row lock) rolls the report evidence back too
        report = evidence_create(
            actor=actor,
            project=commission.project,
            doc_type=REPORT_TYPE[Qualification(commission.assessment_type)],
            issuer=agency.organisation,
            agency=agency,
            ref_no=ref_no.strip(),
            date=date,
            result=result,
            title=issues[:200],
            risk_parts=parts,
        )
        changes = {"status": CommissionStatus.REPORTED, "result": result, "report_ref": ref_no.strip(),
                   "report_date": date, "issues": issues, "report": report}  # fmt: skip
        commission = update_object(actor=actor, obj=commission, changes=changes,
                                   expected_version=expected_version, after_apply=_still_open)  # fmt: skip
        refresh_project_on_commit(commission.project_id)  # (evidence_create scheduled it too: one refresh)
        return commission


def _still_open(locked: AssessmentCommission, before: dict) -> None:
    """Re-checked under the row lock: a result is recorded once, never on a withdrawn commission."""
    _refuse_unless_open(before.get("status"))


def _refuse_unless_open(status: str | None) -> None:
    if status == CommissionStatus.WITHDRAWN:
        raise ServiceError(WITHDRAWN, code="withdrawn")
    if status != CommissionStatus.COMMISSIONED:
        raise ServiceError(ALREADY_REPORTED, code="reported")


def commission_withdraw(
    *, actor: Any, commission: AssessmentCommission, expected_version: int | None, reason: str
) -> AssessmentCommission:
    """The owner department withdraws a commission that has no result yet (wrong agency, contract ended);
    the agency loses its view of the project through it. A recorded result stays: it is evidence."""
    permissions.authorize_for_org(actor, "add", AssessmentCommission, commission.project.owner)
    if not reason.strip():
        raise ValidationError({"reason": "请说明撤回理由。 / Give the reason for the withdrawal."})
    if commission.status != CommissionStatus.COMMISSIONED:
        raise ServiceError(NOT_OPEN, code="not_open")

    def still_open(locked: AssessmentCommission, before: dict) -> None:
        if before.get("status") != CommissionStatus.COMMISSIONED:
            raise ServiceError(NOT_OPEN, code="not_open")

    changes = {"status": CommissionStatus.WITHDRAWN, "withdrawn_reason": reason.strip()[:300]}
    return update_object(actor=actor, obj=commission, changes=changes, expected_version=expected_version,
                         after_apply=still_open, reason=reason.strip())  # fmt: skip
