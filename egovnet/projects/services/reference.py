"""Reference data maintained by administrators: assessment agencies and the holidays table."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.errors import PermissionDenied
from egovnet.core.services import create_object
from egovnet.orgs.choices import OrgKind

from ..models import AssessmentAgency, Holiday


def agency_register(
    *, actor: Any, organisation: Any, qualification: str, certificate_no: str, valid_from: dt.date, valid_to: dt.date
) -> AssessmentAgency:
    if not permissions.has_any_grant(actor, "add", AssessmentAgency):
        raise PermissionDenied("只有管理员可以登记测评机构资质。 / Only administrators register agency qualifications.")
    if organisation.kind != OrgKind.ASSESSMENT_AGENCY:
        raise ValidationError({"organisation": "该组织不是测评机构。 / The organisation is not an assessment agency."})
    if valid_to < valid_from:
        raise ValidationError({"valid_to": "有效期截止早于起始。 / Validity ends before it starts."})
    return create_object(
        actor=actor,
        model=AssessmentAgency,
        data={
            "organisation": organisation,
            "qualification": qualification,
            "certificate_no": certificate_no,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },  # fmt: skip
    )


def holiday_set(*, actor: Any, date: dt.date, name: str, is_workday: bool = False) -> Holiday:
    if not permissions.has_any_grant(actor, "add", Holiday):
        raise PermissionDenied("只有管理员可以维护节假日表。 / Only administrators maintain the holidays table.")
    with transaction.atomic():
        before_obj = Holiday.objects.filter(date=date).first()
        before = audit.snapshot(before_obj)
        holiday, _ = Holiday.objects.update_or_create(date=date, defaults={"name": name, "is_workday": is_workday})
        action = AuditAction.UPDATE if before_obj else AuditAction.CREATE
        audit.record(actor=actor, action=action, obj=holiday, before=before, after=audit.snapshot(holiday))
    return holiday
