"""Read-side queries of the migration app (restricted to the reader's scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from egovnet.core import permissions
from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Network

from ..choices import ExceptionStatus
from ..rules import NOTICE_BASELINE_DATE


def new_dedicated_networks(user: Any) -> QuerySet:
    """第十二条: dedicated networks established after the notice baseline, newest first."""
    return (
        permissions.restrict(Network.objects.all(), user, "view")
        .filter(family=NetworkFamily.DEDICATED, established_on__gt=NOTICE_BASELINE_DATE)
        .select_related("owner", "om_exception")
        .order_by("-established_on", "id")
    )


def new_network_row(network: Network) -> dict[str, Any]:
    exc = getattr(network, "om_exception", None)
    approved = exc is not None and exc.status == ExceptionStatus.APPROVED
    return {
        "id": network.pk,
        "name": network.name,
        "owner": network.owner.name,
        "owner_id": network.owner_id,
        "established_on": network.established_on,
        "status": network.status,
        "exception_status": exc.status if exc else None,
        "exception_reference": exc.reference if exc else "",
        "proposed_by_project_id": exc.proposed_by_project_id if exc else None,
        "om_eligible": approved,
        "rule": "R-12.2",
        "article": "第十二条",
        "finding_zh": "" if approved else "通知后新建业务专网且无经批准的例外，不再安排运维经费。",
        "finding_en": ""
        if approved
        else "Dedicated network established after the notice without an approved exception: no O&M funding.",
    }
