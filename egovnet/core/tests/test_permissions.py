"""Row-level scope: organisation subtrees, division subtrees, their intersection, and grants."""

import pytest
from django.core.exceptions import PermissionDenied

from egovnet.core import permissions
from egovnet.core.choices import Role
from egovnet.orgs.models import Organisation
from egovnet.systems.models import ApplicationSystem

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(divisions, make_org):
    ministry = make_org("某部")
    unit = make_org("某部信息中心", parent=ministry)
    other = make_org("另一部")
    gd_drc = make_org("广东省发展改革委", kind="development_reform", level="provincial", division="440000")
    gz_dept = make_org("广州市某局", level="prefecture", division="440100")
    th_dept = make_org("天河区某局", level="county", division="440106")
    henan = make_org("河南省某厅", level="provincial", division="410000")
    ministry_gd = make_org("某部广东分支", level="provincial", division="440000", parent=ministry)
    return locals()


def names(qs):
    return sorted(o.name for o in qs)


def test_org_subtree_scope(world, make_user):
    staff = make_user("staff", (Role.DEPARTMENT_STAFF, world["ministry"], None))
    visible = permissions.restrict(Organisation.objects.all(), staff)
    assert names(visible) == sorted(["某部", "某部信息中心", "某部广东分支"])


def test_division_scope_covers_local_orgs_but_never_central_ones(world, make_user, divisions):
    reviewer = make_user("gd", (Role.DRC_REVIEWER, None, divisions["440000"]))
    visible = permissions.restrict(Organisation.objects.all(), reviewer)
    assert names(visible) == sorted(["天河区某局", "广州市某局", "广东省发展改革委", "某部广东分支"])
    prefecture = make_user("gz", (Role.DRC_REVIEWER, None, divisions["440100"]))
    assert names(permissions.restrict(Organisation.objects.all(), prefecture)) == sorted(["天河区某局", "广州市某局"])


def test_org_and_division_scope_intersect(world, make_user, divisions):
    user = make_user("both", (Role.DEPARTMENT_STAFF, world["ministry"], divisions["440000"]))
    assert names(permissions.restrict(Organisation.objects.all(), user)) == ["某部广东分支"]


def test_national_assignment_and_no_assignment(world, make_user):
    national = make_user("nat", Role.VIEWER)
    assert permissions.restrict(Organisation.objects.all(), national).count() == Organisation.objects.count()
    nobody = make_user("nobody")
    assert permissions.restrict(Organisation.objects.all(), nobody).count() == 0


def test_assignments_union(world, make_user, divisions):
    user = make_user("u", (Role.DEPARTMENT_STAFF, world["other"], None), (Role.DRC_REVIEWER, None, divisions["410000"]))
    assert names(permissions.restrict(Organisation.objects.all(), user)) == sorted(["另一部", "河南省某厅"])


def test_action_grants_follow_roles_yaml(world, make_user):
    staff = make_user("staff", (Role.DEPARTMENT_STAFF, world["ministry"], None))
    assert permissions.restrict(ApplicationSystem.objects.all(), staff, "add").query is not None
    assert permissions.can_for_org(staff, "add", ApplicationSystem, world["unit"])
    assert not permissions.can_for_org(staff, "add", ApplicationSystem, world["other"])
    assert not permissions.can_for_org(staff, "delete", ApplicationSystem, world["unit"])  # leads delete
    with pytest.raises(PermissionDenied, match="另一部"):
        permissions.authorize_for_org(staff, "change", ApplicationSystem, world["other"])
    viewer = make_user("viewer", Role.VIEWER)
    assert not permissions.can_for_org(viewer, "change", ApplicationSystem, world["unit"])


def test_anonymous_and_inactive_users_see_nothing(world, make_user):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.restrict(Organisation.objects.all(), AnonymousUser()).count() == 0
    user = make_user("gone", Role.ADMIN)
    user.is_active = False
    assert permissions.restrict(Organisation.objects.all(), user).count() == 0


def test_scope_query_is_a_prefix_match_not_an_id_list(world, make_user):
    import re

    staff = make_user("staff", (Role.DEPARTMENT_STAFF, world["ministry"], None))
    sql = str(permissions.restrict(ApplicationSystem.objects.all(), staff).query).upper()
    assert "LIKE" in sql  # the organisation subtree is a path prefix …
    assert "IN (SELECT" in sql  # … evaluated as a subquery,
    assert not re.search(r"IN \(\d+(, \d+)*\)", sql)  # never a materialised list of ids


def test_grants_reference_known_roles_and_models():
    permissions.validate_grants()


def test_grants_file_refuses_duplicate_keys():
    import yaml

    from egovnet.core.permissions import _UniqueKeyLoader

    with pytest.raises(ValueError, match="duplicate key"):
        yaml.load("viewer:\n  orgs.organisation: [view]\n  orgs.organisation: [view, add]\n", Loader=_UniqueKeyLoader)  # noqa: S506


def test_a_beijing_scope_never_covers_the_central_organisations_located_in_110000(
    world, make_org, make_user, divisions
):
    """Central ministries sit in 110000: a 北京市 officer sees Beijing's own organisations, not them (ADR 0003)."""
    bj_drc = make_org("北京市发展改革委", kind="development_reform", level="provincial", division="110000")
    dongcheng = make_org("东城区某局", level="county", division="110101")
    reviewer = make_user("bj", (Role.DRC_REVIEWER, None, divisions["110000"]))
    assert names(permissions.restrict(Organisation.objects.all(), reviewer)) == sorted([bj_drc.name, dongcheng.name])
    secret = ApplicationSystem.objects.create(
        name="某部涉密系统", owner=world["ministry"], is_classified=True, secrecy_grade="mimi"
    )
    assert not permissions.restrict(ApplicationSystem.objects.filter(pk=secret.pk), reviewer).exists()
    assert not permissions.can_for_org(reviewer, "view", ApplicationSystem, world["ministry"])
    assert permissions.can_for_org(reviewer, "view", ApplicationSystem, bj_drc)
