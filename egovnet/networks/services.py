"""Network services: the only write path for platforms and dedicated networks."""

from __future__ import annotations

import copy
from typing import Any

from django.db import transaction

from egovnet.core import permissions
from egovnet.core.services import create_object, delete_object, update_object
from egovnet.policy.services import refresh_findings_on_commit

from .models import Network

# The fields the services accept: the admin, the write serializer and imports all use this list.
FIELDS = (
    "name",
    "family",
    "kind",
    "level",
    "division",
    "owner",
    "operator",
    "scope",
    "status",
    "built_on",
    "established_on",
    "annual_om_cost_10k_yuan",
    "attestation_ref",
    "is_demo",
    "notes",
)


def network_create(*, actor: Any, reason: str = "", **data: Any) -> Network:
    permissions.authorize_for_org(actor, "add", Network, data["owner"])
    return refresh_findings_on_commit(create_object(actor=actor, model=Network, data=data, reason=reason))


def network_update(
    *, actor: Any, network: Network, expected_version: int | None, reason: str = "", **changes: Any
) -> Network:
    permissions.authorize_for_org(actor, "change", Network, network.owner)
    if "owner" in changes:
        permissions.authorize_for_org(actor, "change", Network, changes["owner"])
    before = copy.copy(network)  # a new owner or division: the previous owner and province are refreshed too
    updated = update_object(actor=actor, obj=network, changes=changes, expected_version=expected_version, reason=reason)
    refresh_findings_on_commit(before)
    return refresh_findings_on_commit(updated)


def network_delete(*, actor: Any, network: Network, expected_version: int | None = None, reason: str = "") -> None:
    permissions.authorize_for_org(actor, "delete", Network, network.owner)
    with transaction.atomic():  # the refresh (keys taken now) runs after the delete commits
        refresh_findings_on_commit(network)
        delete_object(actor=actor, obj=network, expected_version=expected_version, reason=reason)
