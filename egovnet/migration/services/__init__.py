"""Services of the migration app: the only write path (UI, API and CLI call these)."""

from .budget import budget_line_create, budget_line_delete, budget_line_update, network_exception_record
from .funding import line_decide, proposal_accept, proposal_generate, proposal_preview
from .plans import (
    item_add,
    item_delete,
    item_record_progress,
    item_update,
    plan_create,
    version_approve,
    version_new_draft,
    version_return,
    version_submit,
    version_update,
)

__all__ = [
    "budget_line_create",
    "budget_line_delete",
    "budget_line_update",
    "item_add",
    "item_delete",
    "item_record_progress",
    "item_update",
    "line_decide",
    "network_exception_record",
    "plan_create",
    "proposal_accept",
    "proposal_generate",
    "proposal_preview",
    "version_approve",
    "version_new_draft",
    "version_return",
    "version_submit",
    "version_update",
]
