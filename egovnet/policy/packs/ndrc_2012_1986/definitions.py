"""The A-12.1 definition of a "新的部门专用业务信息网络" (new departmental dedicated network)."""

from __future__ import annotations

from egovnet.policy.facts import Application, NetworkComponent

NETWORK_KINDS = ("wan_backbone", "man")
PRIVATE_BASES = ("self_built", "carrier_leased")


def is_new_dedicated_network(c: NetworkComponent, apps: dict[str, Application]) -> bool:
    """True iff the component is a new (or extended) single-department network outside the unified networks.

    - kind is a WAN backbone or MAN, or access lines that interconnect the department's own sites;
    - dedicated to one department (or one vertical 条线);
    - self-built or carrier-leased (not a VPN in the extranet private zone, not part of the intranet);
    - newly created or extended by the project (extension that adds sites/levels counts as new);
    - not a standalone 绝密 system's network (R-4.4 / A-4.1).
    """
    network_like = c.kind in NETWORK_KINDS or (c.kind == "access_lines" and c.interconnects_own_sites)
    served = [apps[a] for a in c.serves if a in apps]
    only_juemi = bool(served) and all(a.classified and a.secrecy_grade == "juemi" for a in served)
    return (
        network_like
        and c.dedicated_to_single_department
        and c.built_on in PRIVATE_BASES
        and c.new_or_extended
        and not only_juemi
    )
