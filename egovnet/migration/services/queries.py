"""Read-side queries of the migration app (restricted to the reader's scope)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from egovnet.core import permissions
from egovnet.networks.choices import NetworkFamily
from egovnet.networks.models import Network
from egovnet.policy.packs.ndrc_2012_1986.funding import is_new_without_exception, notice_baseline

from .facts import network_fact


def new_dedicated_networks(user: Any) -> QuerySet:
    """第十二条: dedicated networks established after the notice baseline (pack parameter), newest first."""
    return (
        permissions.restrict(Network.objects.all(), user, "view")
        .filter(family=NetworkFamily.DEDICATED, established_on__gt=notice_baseline(timezone.localdate()))
        .select_related("owner", "om_exception")
        .order_by("-established_on", "id")
    )


def new_network_row(network: Network) -> dict[str, Any]:
    exc = getattr(network, "om_exception", None)
    today = timezone.localdate()
    ineligible = is_new_without_exception(network_fact(network, today), notice_baseline(today))
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
        "om_eligible": not ineligible,
        "rule": "R-12.2",
        "article": "《发改高技〔2012〕1986号》第十二条",
        "finding_zh": "通知后新建业务专网且无有效的经批准例外，不再安排运维经费。" if ineligible else "",
        "finding_en": "Dedicated network established after the notice without a valid approved exception: no O&M funding."
        if ineligible
        else "",
    }
