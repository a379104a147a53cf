"""Services of the projects app: the only way project data changes (UI, API and CLI call these)."""

from .commissions import commission_create, commission_report, commission_withdraw
from .evidence import acceptance_check_sign, evidence_create, evidence_delete
from .project import (
    local_part_create,
    network_component_add,
    project_add_application,
    project_create,
    project_set_deployment,
    project_update,
)
from .reference import agency_register, holiday_set
from .requests import request_decide, request_submit, request_withdraw
from .reviews import invitation_respond, meeting_cancel, meeting_conclude, meeting_create, meeting_reschedule

__all__ = [
    "acceptance_check_sign",
    "agency_register",
    "commission_create",
    "commission_report",
    "commission_withdraw",
    "evidence_create",
    "evidence_delete",
    "holiday_set",
    "invitation_respond",
    "local_part_create",
    "meeting_cancel",
    "meeting_conclude",
    "meeting_create",
    "meeting_reschedule",
    "network_component_add",
    "project_add_application",
    "project_create",
    "project_set_deployment",
    "project_update",
    "request_decide",
    "request_submit",
    "request_withdraw",
]
