"""The subjects a network or a connection feeds (registered from ``NetworksConfig.ready``, ADR 0360).

A network feeds itself (R-4.1, R-12.2), its owner department and its province (R-3.1, R-5.x); a connection
feeds its organisation (R-3.2).
"""

from __future__ import annotations

from typing import Any

from egovnet.policy.choices import SubjectType
from egovnet.policy.subjects import province_of


def network_feeds(network: Any) -> list[tuple[str, list[Any]]]:
    out = [(SubjectType.NETWORK, [network.pk]), (SubjectType.ORGANISATION, [network.owner_id])]
    if network.division_id:
        out.append((SubjectType.PROVINCE, [province_of(network.division_id)]))
    return out


def connection_feeds(connection: Any) -> list[tuple[str, list[Any]]]:
    return [(SubjectType.ORGANISATION, [connection.organisation_id])]
