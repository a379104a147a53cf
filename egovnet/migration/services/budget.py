"""Budget line and new-network exception services (第十二条).

A network budget line feeds R-12.2 on its network: writing one refreshes that network's findings (and the
previous network's, if the line moved) after commit.
"""

from __future__ import annotations

from typing import Any

from egovnet.core import permissions
from egovnet.core.services import create_object, delete_object, update_object
from egovnet.policy.choices import SubjectType
from egovnet.policy.services import refresh_on_commit

from ..choices import ExceptionStatus
from ..models import BudgetLine, NetworkException


def budget_line_create(*, actor: Any, reason: str = "", **data: Any) -> BudgetLine:
    permissions.authorize_for_org(actor, "add", BudgetLine, data["department"])
    line = create_object(actor=actor, model=BudgetLine, data=data, reason=reason)
    refresh_on_commit(SubjectType.NETWORK, [line.network_id])
    return line


def budget_line_update(
    *, actor: Any, line: BudgetLine, expected_version: int | None, reason: str = "", **changes: Any
) -> BudgetLine:
    permissions.authorize_for_org(actor, "change", BudgetLine, line.department)
    if "department" in changes and changes["department"] != line.department:
        permissions.authorize_for_org(actor, "change", BudgetLine, changes["department"])
    before = line.network_id
    line = update_object(actor=actor, obj=line, changes=changes, expected_version=expected_version, reason=reason)
    refresh_on_commit(SubjectType.NETWORK, [before, line.network_id])
    return line


def budget_line_delete(*, actor: Any, line: BudgetLine, expected_version: int | None = None, reason: str = "") -> None:
    permissions.authorize_for_org(actor, "delete", BudgetLine, line.department)
    network_id = line.network_id
    delete_object(actor=actor, obj=line, expected_version=expected_version, reason=reason)
    refresh_on_commit(SubjectType.NETWORK, [network_id])


def network_exception_record(*, actor: Any, network: Any, reason: str = "", **data: Any) -> NetworkException:
    """Record (or update) the exception of a post-notice dedicated network; references only."""
    expected_version = data.pop("expected_version", None)
    if data.get("status", ExceptionStatus.REQUESTED) != ExceptionStatus.REQUESTED:
        # Approving, rejecting or expiring is a decision (DRC reviewers), not something a requester does.
        permissions.authorize_for_org(actor, "decide", NetworkException, network.owner)
    existing = NetworkException.objects.filter(network=network).first()
    if existing:
        permissions.authorize_for_org(actor, "change", NetworkException, network.owner)
        return update_object(actor=actor, obj=existing, changes=data, expected_version=expected_version, reason=reason)
    permissions.authorize_for_org(actor, "add", NetworkException, network.owner)
    return create_object(actor=actor, model=NetworkException, data={"network": network, **data}, reason=reason)
