"""Project-wide pytest fixtures: a small real subset of divisions, organisations and scoped users."""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from egovnet.core.choices import Clearance, Role
from egovnet.core.models import RoleAssignment, User
from egovnet.geo.models import Division
from egovnet.geo.services import DEFAULT_FILE, _row_values

# A subset covering the special cases: a municipality's district, a county directly under a province,
# a prefecture without counties (东莞), 金门县, ordinary prefectures and counties.
SAMPLE_CODES = ["110101", "440106", "441900", "419001", "410102", "350527", "420111", "330102"]


def _rows_by_code() -> dict[str, dict[str, str]]:
    with DEFAULT_FILE.open(encoding="utf-8") as fh:
        return {r["code"]: r for r in csv.DictReader(fh)}


def create_divisions(codes: list[str]) -> dict[str, Division]:
    """Create the given divisions and all their ancestors from the shipped code list."""
    rows = _rows_by_code()
    wanted: set[str] = set()
    for code in codes:
        while code:
            wanted.add(code)
            code = rows[code]["parent_code"]
    order = {"province": 0, "prefecture": 1, "county": 2}
    made = {}
    for code in sorted(wanted, key=lambda c: (order[rows[c]["level"]], c)):
        made[code] = Division.objects.create(code=code, **_row_values(rows[code]))
    return made


@pytest.fixture(autouse=True)
def _audit_checkpoints(settings, tmp_path):
    """Each test anchors its audit chain in its own folder (the database is rolled back; files are not)."""
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit-checkpoints"


@pytest.fixture
def divisions(db) -> dict[str, Division]:
    return create_divisions(SAMPLE_CODES)


@pytest.fixture
def make_org(db) -> Callable[..., Any]:
    from egovnet.orgs.models import Organisation

    def make(
        name: str,
        *,
        kind: str = "government_department",
        level: str = "central",
        division: str = "110000",
        parent: Organisation | None = None,
        in_beijing: bool | None = None,
    ) -> Organisation:
        org = Organisation.objects.create(
            name=name,
            kind=kind,
            level=level,
            division_id=division,
            parent=parent,
            in_beijing=(level == "central") if in_beijing is None else in_beijing,
        )
        org.path = f"{parent.path if parent else '/'}{org.pk}/"
        org.save(update_fields=["path"])
        return org

    return make


@pytest.fixture
def make_user(db) -> Callable[..., User]:
    def make(
        username: str,
        *roles: tuple[str, Any, Any] | str,
        clearance: int = Clearance.NONE,
        organisation: Any = None,
        superuser: bool = False,
    ) -> User:
        user = User.objects.create_user(
            username=username,
            password="pw-" + username,
            clearance=clearance,
            organisation=organisation,
            is_superuser=superuser,
            is_staff=superuser,
        )
        for spec in roles:
            role, org_scope, division_scope = (spec, None, None) if isinstance(spec, str) else spec
            RoleAssignment.objects.create(user=user, role=role, org_scope=org_scope, division_scope=division_scope)
        return user

    return make


@pytest.fixture
def admin_user_(make_user) -> User:
    return make_user("root", Role.ADMIN, clearance=Clearance.JIMI, superuser=True)


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo dataset loaded once for a whole test module (a load takes seconds), inside a transaction
    rolled back after the module's last test; each test runs in its own savepoint within it.
    Yields what ``load_demo()`` returned (True: loaded now)."""
    from egovnet.demo.loader import load_demo

    with django_db_blocker.unblock(), transaction.atomic():
        loaded = load_demo()
        yield loaded
        transaction.set_rollback(True)
