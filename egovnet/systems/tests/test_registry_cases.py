"""Application-system pages and API on the shared registry cases (``core.testing``)."""

from __future__ import annotations

from egovnet.core.choices import Role
from egovnet.core.testing.api import RegistryAPICases
from egovnet.core.testing.views import NEW_NAME, Cast, RegistryViewCases
from egovnet.core.tests import factories as f
from egovnet.systems.choices import CurrentNetwork, SystemStatus


def _form(owner, name: str, **over) -> dict:
    return {
        "name": name,
        "owner": f"{owner.pk} {owner.name}",
        "secrecy_grade": "",
        "secrecy_ref": "",
        "mlps_level": "2",
        "current_network": CurrentNetwork.EXTRANET,
        "current_dedicated_network": "",
        "target_network": "extranet",
        "coverage_levels": ["central", "provincial"],
        "bandwidth_mbps": "100",
        "status": SystemStatus.IN_OPERATION,
        **over,
    }


class TestSystemViews(RegistryViewCases):
    app, name = "systems", "system"

    def cast(self) -> Cast:
        f.divisions()
        ministry_a, ministry_b = f.make_org("甲部"), f.make_org("乙部")
        return Cast(
            owner=f.make_user(role=Role.DEPARTMENT_LEAD, org_scope=ministry_a),
            refused=f.make_user(role=Role.VIEWER, org_scope=ministry_a),
            outsider=f.make_user(role=Role.DEPARTMENT_LEAD, org_scope=ministry_b),
            obj=f.make_system("甲部办公系统", owner=ministry_a, current_network=CurrentNetwork.EXTRANET),
        )

    def create_data(self, c: Cast) -> dict:
        return _form(c.obj.owner, self.created_name)

    def edit_data(self, c: Cast, obj) -> dict:
        return _form(obj.owner, NEW_NAME, version=obj.version)


class TestSystemAPI(RegistryAPICases):
    api_url = "/api/systems/systems/"
    cast = TestSystemViews.cast

    def create_payload(self, c: Cast) -> dict:
        return {
            "name": self.created_name,
            "owner": c.obj.owner_id,
            "mlps_level": 2,
            "current_network": CurrentNetwork.EXTRANET,
            "coverage_levels": ["central"],
            "bandwidth_mbps": 20,
        }
