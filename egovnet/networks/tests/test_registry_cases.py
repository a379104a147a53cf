"""Network pages and API on the shared registry cases (``core.testing``)."""

from __future__ import annotations

from egovnet.core.choices import Role
from egovnet.core.testing.api import RegistryAPICases
from egovnet.core.testing.views import NEW_NAME, Cast, RegistryViewCases
from egovnet.core.tests import factories as f
from egovnet.networks.choices import ComponentKind, NetworkFamily, NetworkScope, NetworkStatus
from egovnet.orgs.choices import Level


def _form(owner, name: str, **over) -> dict:
    return {
        "name": name,
        "family": NetworkFamily.DEDICATED,
        "kind": ComponentKind.LAN,
        "level": Level.CENTRAL,
        "division": "",
        "owner": f"{owner.pk} {owner.name}",
        "operator": "",
        "scope": NetworkScope.NATIONAL,
        "status": NetworkStatus.ACTIVE,
        "built_on": "self_built",
        "established_on": "",
        "annual_om_cost_10k_yuan": "",
        "attestation_ref": "",
        "notes": "",
        **over,
    }


class TestNetworkViews(RegistryViewCases):
    app, name = "networks", "network"

    def cast(self) -> Cast:
        f.divisions()
        ministry_a, ministry_b = f.make_org("甲部"), f.make_org("乙部")
        self.owner_org = ministry_a
        return Cast(
            owner=f.make_user(role=Role.DEPARTMENT_LEAD, org_scope=ministry_a),
            refused=f.make_user(role=Role.VIEWER, org_scope=ministry_a),
            outsider=f.make_user(role=Role.DEPARTMENT_LEAD, org_scope=ministry_b),
            obj=f.make_network("甲部局域网", owner=ministry_a, family=NetworkFamily.DEDICATED, kind=ComponentKind.LAN),
        )

    def create_data(self, c: Cast) -> dict:
        return _form(c.obj.owner, self.created_name)

    def edit_data(self, c: Cast, obj) -> dict:
        return _form(obj.owner, NEW_NAME, version=obj.version)


class TestNetworkAPI(RegistryAPICases):
    api_url = "/api/networks/networks/"
    cast = TestNetworkViews.cast

    def create_payload(self, c: Cast) -> dict:
        return {
            "name": self.created_name,
            "family": NetworkFamily.DEDICATED,
            "kind": ComponentKind.LAN,
            "level": Level.CENTRAL,
            "owner": c.obj.owner_id,
            "scope": NetworkScope.NATIONAL,
            "status": NetworkStatus.ACTIVE,
            "built_on": "self_built",
        }
