"""Organisation services: the only way organisations are created, changed or deleted."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from egovnet.core import permissions
from egovnet.core.services import create_object, delete_object, update_object
from egovnet.geo.models import Division
from egovnet.policy.services import refresh_findings_on_commit

from .models import Organisation

FIELDS = ("name", "short_name", "kind", "level", "division", "parent", "in_beijing", "is_demo", "notes")


def _check_division(data: dict[str, Any]) -> None:
    division = data.get("division")
    if isinstance(division, Division) and division.valid_to is not None:
        raise ValidationError(
            {"division": f"行政区划 {division} 已于 {division.valid_to} 失效 / division is no longer valid"}
        )


def _check_parent(org: Organisation, parent: Organisation | None) -> None:
    if parent is None:
        return
    if org.pk and (parent.pk == org.pk or parent.path.startswith(org.path)):
        raise ValidationError({"parent": "上级组织不能是本组织或其下级（会形成循环） / the parent would make a cycle"})


def _path_for(org: Organisation) -> str:
    return f"{org.parent.path if org.parent_id else '/'}{org.pk}/"


def organisation_create(*, actor: Any, reason: str = "", **data: Any) -> Organisation:
    _check_division(data)
    probe = Organisation(**{k: v for k, v in data.items() if k in FIELDS})
    probe.path = (probe.parent.path if probe.parent_id else "/") + "new/"
    permissions.authorize_for_org(actor, "add", Organisation, probe.parent or probe)
    with transaction.atomic():
        org = create_object(actor=actor, model=Organisation, data=data, reason=reason)
        Organisation.objects.filter(pk=org.pk).update(path=_path_for(org))
        org.path = _path_for(org)
    return refresh_findings_on_commit(org)


def organisation_update(
    *, actor: Any, organisation: Organisation, expected_version: int | None, reason: str = "", **changes: Any
) -> Organisation:
    permissions.authorize_for_org(actor, "change", Organisation, organisation)
    _check_division(changes)
    if "parent" in changes:
        _check_parent(organisation, changes["parent"])
        if changes["parent"] is not None:
            permissions.authorize_for_org(actor, "change", Organisation, changes["parent"])

    def move_subtree(org: Organisation, before: dict) -> None:
        old_path, new_path = org.path, _path_for(org)
        if old_path == new_path:
            return
        org.path = new_path
        for child in Organisation.objects.filter(path__startswith=old_path).exclude(pk=org.pk).only("pk", "path"):
            Organisation.objects.filter(pk=child.pk).update(path=new_path + child.path[len(old_path) :])

    return refresh_findings_on_commit(
        update_object(
            actor=actor,
            obj=organisation,
            changes=changes,
            expected_version=expected_version,
            reason=reason,
            after_apply=move_subtree,
        )
    )


def organisation_delete(
    *, actor: Any, organisation: Organisation, expected_version: int | None = None, reason: str = ""
) -> None:
    permissions.authorize_for_org(actor, "delete", Organisation, organisation)
    delete_object(actor=actor, obj=organisation, expected_version=expected_version, reason=reason)
