"""The A-12.1 definition of a "新的部门专用业务信息网络" (new departmental dedicated network)."""

from __future__ import annotations

from egovnet.policy.facts import Application, NetworkComponent

NETWORK_KINDS = ("wan_backbone", "man")
PRIVATE_BASES = ("self_built", "carrier_leased")


def is_new_dedicated_network(
    c: NetworkComponent, apps: dict[str, Application], *, dedicated: bool | None = False
) -> bool:
    """True iff the component is a new (or extended) single-department network outside the unified networks.

    - kind is a WAN backbone or MAN, or access lines that interconnect the department's own sites;
    - dedicated to one department (or one vertical 条线);
    - self-built or carrier-leased (not a VPN in the extranet private zone, not part of the intranet);
    - newly created or extended by the project (extension that adds sites/levels counts as new);
    - not a standalone 绝密 system's network (R-4.4 / A-4.1).

    ``dedicated`` is the value of an unstated ``dedicated_to_single_department`` (None): ``dedication_open`` asks
    whether the component would be one if it served a single department.
    """
    network_like = c.kind in NETWORK_KINDS or (c.kind == "access_lines" and c.interconnects_own_sites)
    served = [apps[a] for a in c.serves if a in apps]
    only_juemi = bool(served) and all(a.classified and a.secrecy_grade == "juemi" for a in served)
    return (
        network_like
        and (c.dedicated_to_single_department if c.dedicated_to_single_department is not None else dedicated)
        and c.built_on in PRIVATE_BASES
        and c.new_or_extended
        and not only_juemi
    )


def dedication_open(c: NetworkComponent, apps: dict[str, Application]) -> bool:
    """The dossier leaves ``dedicated_to_single_department`` unstated on a component that is otherwise a new
    dedicated network: the strict reading (A-12.1) treats it as one and the finding names the field."""
    return c.dedicated_to_single_department is None and is_new_dedicated_network(c, apps, dedicated=True)


def dedication_fix(c: NetworkComponent) -> tuple[str, str]:
    """Remediation naming the fields whose defaults (A-12.1's strict reading) make a component a new dedicated
    network: stated otherwise, they settle the finding."""
    at = f"network_components[{c.id}]"
    return (
        f"如该网络由多个部门共用，注明 {at}.dedicated_to_single_department: false；建在政务外网或内网上的，注明 "
        f"built_on: extranet 或 intranet；非本项目新建或扩建的，注明 new_or_extended: false；否则改用政务外网专用网络区"
        "（VPN）或政务内网（A-12.1）。",
        f"If several departments share this network, state {at}.dedicated_to_single_department: false; if it runs "
        "on the extranet or intranet, state built_on: extranet or intranet; if the project neither builds nor "
        "extends it, state new_or_extended: false; otherwise use an extranet private-zone VPN or the intranet "
        "(A-12.1).",
    )
