import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egovnet.core.choices import Role
from egovnet.core.errors import ConcurrentEditError
from egovnet.core.models import AuditEntry
from egovnet.orgs.models import Organisation
from egovnet.orgs.services import organisation_create, organisation_delete, organisation_update

pytestmark = pytest.mark.django_db


def create(actor, divisions, name, parent=None, **kw):
    data = {"kind": "government_department", "level": "central", "division": divisions["110000"], **kw}
    return organisation_create(actor=actor, name=name, parent=parent, **data)


def test_paths_follow_the_tree_and_moves_rewrite_subtrees(admin_user_, divisions):
    a = create(admin_user_, divisions, "甲部")
    b = create(admin_user_, divisions, "乙司", parent=a)
    c = create(admin_user_, divisions, "丙处", parent=b)
    d = create(admin_user_, divisions, "丁部")
    assert (b.path, c.path) == (f"/{a.pk}/{b.pk}/", f"/{a.pk}/{b.pk}/{c.pk}/")
    organisation_update(actor=admin_user_, organisation=b, expected_version=b.version, parent=d)
    c.refresh_from_db()
    assert c.path == f"/{d.pk}/{b.pk}/{c.pk}/"


def test_cycle_is_refused_and_nothing_written(admin_user_, divisions):
    a = create(admin_user_, divisions, "甲部")
    b = create(admin_user_, divisions, "乙司", parent=a)
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError) as exc:
        organisation_update(actor=admin_user_, organisation=a, expected_version=a.version, parent=b)
    assert "parent" in exc.value.message_dict
    a.refresh_from_db()
    assert a.parent_id is None and AuditEntry.objects.count() == before


def test_field_validation_names_fields(admin_user_, divisions):
    with pytest.raises(ValidationError) as exc:
        create(admin_user_, divisions, "x" * 201, kind="ministry_of_magic")
    assert {"name", "kind"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:  # a provincial org must sit on a province
        create(admin_user_, divisions, "某省厅", level="provincial", division=divisions["440100"])
    assert "division" in exc.value.message_dict
    assert not Organisation.objects.exists()


def test_stale_version_is_refused(admin_user_, divisions):
    org = create(admin_user_, divisions, "甲部")
    organisation_update(actor=admin_user_, organisation=org, expected_version=1, short_name="甲")
    with pytest.raises(ConcurrentEditError):
        organisation_update(actor=admin_user_, organisation=org, expected_version=1, short_name="乙")
    org.refresh_from_db()
    assert org.short_name == "甲" and org.version == 2


def test_scope_enforced_in_services(admin_user_, divisions, make_user):
    ministry = create(admin_user_, divisions, "某部")
    other = create(admin_user_, divisions, "另一部")
    lead = make_user("lead", (Role.DEPARTMENT_LEAD, ministry, None))
    unit = create(lead, divisions, "某部司局", parent=ministry)
    assert unit.path.startswith(ministry.path)
    with pytest.raises(PermissionDenied):
        create(lead, divisions, "越权单位", parent=other)
    with pytest.raises(PermissionDenied):
        organisation_update(actor=lead, organisation=other, expected_version=1, short_name="x")
    with pytest.raises(PermissionDenied):  # leads may not delete organisations (roles.yaml)
        organisation_delete(actor=lead, organisation=unit)
    organisation_delete(actor=admin_user_, organisation=unit)
    assert AuditEntry.objects.filter(action="delete", object_id=str(unit.pk)).exists()
