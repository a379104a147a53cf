"""Home-page cards of migration (第四条) and O&M funding (第十二条)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egovnet.core import permissions
from egovnet.core.home import Attention

from .choices import ProposalStatus
from .models import OmProposal
from .services import progress


def cards(user: Any) -> list[Attention]:
    nation = progress.nation(user, timezone.localdate())
    out = [
        Attention(_("Applications migrated"), f"{nation['percent']}%", reverse("migration:dashboard"), order=30),
        Attention(_("Overdue migration items"), nation["overdue"], reverse("migration:overdue"),
                  "warn" if nation["overdue"] else "ok", order=31),
    ]
    proposals = permissions.restrict(OmProposal.objects.all(), user, "view").filter(status=ProposalStatus.DRAFT)
    out.append(Attention(_("O&M proposals awaiting review"), proposals.count(), reverse("migration:proposal_list"),
                         order=40))
    return out
