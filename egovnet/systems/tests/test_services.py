import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egovnet.core.choices import Clearance, Role
from egovnet.systems import queries
from egovnet.systems.services import system_create, system_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def ministry(make_org, divisions):
    return make_org("某部")


def test_classification_consistency(admin_user_, ministry):
    with pytest.raises(ValidationError) as exc:
        system_create(actor=admin_user_, name="a", owner=ministry, is_classified=True, mlps_level=3)
    assert {"secrecy_grade", "mlps_level"} <= set(exc.value.message_dict)
    with pytest.raises(ValidationError) as exc:
        system_create(actor=admin_user_, name="b", owner=ministry, secrecy_grade="mimi", coverage_levels=["moon"])
    assert {"secrecy_grade", "coverage_levels"} <= set(exc.value.message_dict)


def test_redaction_by_clearance(admin_user_, ministry, make_user):
    system_create(actor=admin_user_, name="公开门户", owner=ministry, mlps_level=3)
    system_create(actor=admin_user_, name="秘密办公系统", owner=ministry, is_classified=True, secrecy_grade="mimi")
    hidden = system_create(
        actor=admin_user_, name="机密案件系统", owner=ministry, is_classified=True, secrecy_grade="jimi"
    )
    reader = make_user("r", (Role.DEPARTMENT_STAFF, ministry, None), clearance=Clearance.MIMI)
    rows = {s.pk: s for s in queries.visible_systems(reader)}
    assert rows[hidden.pk].display_name == "" and rows[hidden.pk].display_grade == ""
    assert sorted(s.display_name for s in rows.values() if s.name_visible) == ["公开门户", "秘密办公系统"]
    # Searching for a hidden name finds nothing; a cleared reader finds it.
    assert not queries.visible_systems(reader).filter(display_name__icontains="案件").exists()
    assert queries.visible_systems(admin_user_).filter(display_name__icontains="案件").count() == 1
    # Without the clearance the system can be neither edited nor registered.
    with pytest.raises(PermissionDenied):
        system_update(actor=reader, system=hidden, expected_version=1, bandwidth_mbps=10)
    with pytest.raises(PermissionDenied):
        system_create(actor=reader, name="x", owner=ministry, is_classified=True, secrecy_grade="jimi")
    assert queries.shown_name(reader, hidden) == queries.REDACTED_NAME


def test_juemi_names_are_shown_to_nobody(admin_user_, ministry):
    s = system_create(actor=admin_user_, name="绝密系统", owner=ministry, is_classified=True, secrecy_grade="juemi")
    assert not queries.may_see(admin_user_, s)
