"""Organisation pages and API on the shared registry cases (``core.testing``): a department lead adds and
edits units under its ministry; only a national administrator deletes an organisation."""

from __future__ import annotations

from egovnet.core.choices import Role
from egovnet.core.testing.api import RegistryAPICases
from egovnet.core.testing.views import NEW_NAME, Cast, RegistryViewCases
from egovnet.core.tests import factories as f
from egovnet.orgs.choices import Level, OrgKind


def _form(parent, name: str, **over) -> dict:
    return {
        "name": name,
        "short_name": "",
        "kind": OrgKind.GOVERNMENT_DEPARTMENT,
        "level": Level.CENTRAL,
        "division": "110000 x",
        "parent": f"{parent.pk} x",
        "notes": "",
        **over,
    }


class TestOrganisationViews(RegistryViewCases):
    app, name = "orgs", "organisation"

    def cast(self) -> Cast:
        f.divisions()
        ministry_a, ministry_b = f.make_org("甲部"), f.make_org("乙部")
        return Cast(
            owner=f.make_user(role=Role.DEPARTMENT_LEAD, org_scope=ministry_a),
            refused=f.make_user(role=Role.VIEWER, org_scope=ministry_a),
            outsider=f.make_user(role=Role.DEPARTMENT_LEAD, org_scope=ministry_b),
            obj=f.make_org("甲部测试处", parent=ministry_a),
            deleter=f.make_user(role=Role.ADMIN),
        )

    def create_data(self, c: Cast) -> dict:
        return _form(c.obj.parent, self.created_name)

    def edit_data(self, c: Cast, obj) -> dict:
        return _form(obj.parent, NEW_NAME, version=obj.version)


class TestOrganisationAPI(RegistryAPICases):
    api_url = "/api/orgs/organisations/"
    cast = TestOrganisationViews.cast

    def create_payload(self, c: Cast) -> dict:
        return {
            "name": self.created_name,
            "kind": OrgKind.GOVERNMENT_DEPARTMENT,
            "level": Level.CENTRAL,
            "division": "110000",
            "parent": c.obj.parent_id,
        }
