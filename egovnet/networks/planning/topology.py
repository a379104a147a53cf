"""Audited write services for the topology: links, intranet nodes, connections and article-5 profiles.

Every function takes an explicit ``actor``, authorizes against ``roles.yaml`` in the owning organisation's
scope, validates (``full_clean``) and writes one audit entry through ``egovnet.core.services``. Connections
feed R-3.2 (a department with non-classified applications is connected to the extranet): writing one
refreshes the findings of the organisations concerned after commit.
"""

from __future__ import annotations

from typing import Any

from egovnet.core import audit, permissions
from egovnet.core.choices import AuditAction
from egovnet.core.services import create_object, delete_object, update_object
from egovnet.policy.services import refresh_findings_on_commit

from ..models import Connection, IntranetNode, NetworkLink, ProvincialNetwork

# Model -> how to find the organisation whose scope authorizes a write.
_OWNER = {
    NetworkLink: lambda obj: obj.a.owner,
    IntranetNode: lambda obj: obj.network.owner,
    Connection: lambda obj: obj.organisation,
    ProvincialNetwork: lambda obj: obj.network.owner,
}


def _authorize(actor: Any, action: str, obj: Any) -> None:
    permissions.authorize_for_org(actor, action, type(obj), _OWNER[type(obj)](obj))


def _create(model: type, actor: Any, reason: str, data: dict[str, Any]) -> Any:
    obj = model(**data)
    _authorize(actor, "add", obj)
    return create_object(actor=actor, model=model, data=data, reason=reason)


def _update(obj: Any, actor: Any, expected_version: int | None, reason: str, changes: dict[str, Any]) -> Any:
    _authorize(actor, "change", obj)
    if changes:
        probe = type(obj)(**{f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields})
        for name, value in changes.items():
            setattr(probe, name, value)
        _authorize(actor, "change", probe)  # moving a row out of one's scope is refused too
    return update_object(actor=actor, obj=obj, changes=changes, expected_version=expected_version, reason=reason)


def _delete(obj: Any, actor: Any, expected_version: int | None, reason: str) -> None:
    _authorize(actor, "delete", obj)
    delete_object(actor=actor, obj=obj, expected_version=expected_version, reason=reason)


def link_create(*, actor: Any, reason: str = "", **data: Any) -> NetworkLink:
    return _create(NetworkLink, actor, reason, data)


def link_update(
    *, actor: Any, link: NetworkLink, expected_version: int | None, reason: str = "", **changes: Any
) -> NetworkLink:
    return _update(link, actor, expected_version, reason, changes)


def link_delete(*, actor: Any, link: NetworkLink, expected_version: int | None = None, reason: str = "") -> None:
    _delete(link, actor, expected_version, reason)


def intranet_node_create(*, actor: Any, reason: str = "", **data: Any) -> IntranetNode:
    return _create(IntranetNode, actor, reason, data)


def intranet_node_delete(
    *, actor: Any, node: IntranetNode, expected_version: int | None = None, reason: str = ""
) -> None:
    _delete(node, actor, expected_version, reason)


def connection_create(*, actor: Any, reason: str = "", **data: Any) -> Connection:
    return refresh_findings_on_commit(_create(Connection, actor, reason, data))


def connection_update(
    *, actor: Any, connection: Connection, expected_version: int | None, reason: str = "", **changes: Any
) -> Connection:
    """Edit a connection (ending it = setting ``disconnected_on``); both organisations, if it moved."""
    before = Connection(pk=connection.pk, organisation_id=connection.organisation_id)
    updated = _update(connection, actor, expected_version, reason, changes)
    refresh_findings_on_commit(before)
    return refresh_findings_on_commit(updated)


def connection_delete(
    *, actor: Any, connection: Connection, expected_version: int | None = None, reason: str = ""
) -> None:
    _delete(connection, actor, expected_version, reason)
    refresh_findings_on_commit(connection)


def provincial_network_create(*, actor: Any, reason: str = "", **data: Any) -> ProvincialNetwork:
    return _create(ProvincialNetwork, actor, reason, data)


def provincial_network_update(
    *, actor: Any, profile: ProvincialNetwork, expected_version: int | None, reason: str = "", **changes: Any
) -> ProvincialNetwork:
    return _update(profile, actor, expected_version, reason, changes)


def topology_bulk_create(*, actor: Any, objects: list[Any], reason: str = "") -> list[Any]:
    """Create many networks / links / connections at once (imports, demo): each authorized in its owner's
    scope and validated, all written and audited in one transaction (all-or-nothing)."""
    from django.db import transaction

    from ..models import Network

    owner_of = {**_OWNER, Network: lambda obj: obj.owner}
    for obj in objects:
        permissions.authorize_for_org(actor, "add", type(obj), owner_of[type(obj)](obj))
        fks = [f.name for f in obj._meta.concrete_fields if f.is_relation]
        obj.full_clean(exclude=fks, validate_constraints=False)  # FKs are model instances given by the caller
    with transaction.atomic():
        by_model: dict[type, list[Any]] = {}
        for obj in objects:
            by_model.setdefault(type(obj), []).append(obj)
        for model, rows in by_model.items():
            model.objects.bulk_create(rows, batch_size=1000)
        audit.record_many(
            actor=actor,
            entries=[
                audit.entry_for(o, action=AuditAction.CREATE, after=audit.snapshot(o), reason=reason) for o in objects
            ],
        )
        for obj in objects:  # networks and connections feed findings (one refresh per subject, after commit)
            if isinstance(obj, (Network, Connection)):
                refresh_findings_on_commit(obj)
    return objects
