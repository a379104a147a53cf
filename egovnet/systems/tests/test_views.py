"""System pages: scope matrix, clearance redaction in list/detail/search/sort/filter, edit rules."""

import pytest
from django.urls import reverse

from egovnet.core.tests import factories as f
from egovnet.core.tests.world import JIMI_NAME, SECRET_NAME, build_world
from egovnet.systems.choices import CurrentNetwork, SecrecyGrade, SystemStatus
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db

LIST = reverse("systems:system_list")
ADD = reverse("systems:system_add")


@pytest.fixture
def world():
    return build_world()


def detail(s):
    return reverse("systems:system_detail", args=[s.pk])


def edit(s):
    return reverse("systems:system_edit", args=[s.pk])


def form_data(owner, **overrides):
    data = {
        "name": "新业务系统",
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
    }
    data.update(overrides)
    return data


def names(response):
    return [row[0].text for row in response.context["rows"]]


def test_list_redacts_hidden_names_and_grades(client, world):
    client.force_login(world.staff_a)
    response = client.get(LIST)
    body = response.content.decode()
    assert SECRET_NAME not in body and JIMI_NAME not in body
    assert names(response).count(REDACTED_NAME) == 2
    grades = [row[3].text for row in response.context["rows"]]
    assert "秘密" not in grades and "机密" not in grades
    assert "乙部业务系统" not in body


def test_cleared_reader_sees_grades_up_to_clearance(client, world):
    client.force_login(world.mimi_staff_a)
    shown = names(client.get(LIST))
    assert SECRET_NAME in shown and JIMI_NAME not in shown and REDACTED_NAME in shown
    client.force_login(world.cleared_staff_a)
    shown = names(client.get(LIST))
    assert SECRET_NAME in shown and JIMI_NAME in shown


def test_search_by_hidden_name_finds_nothing(client, world):
    client.force_login(world.staff_a)
    assert names(client.get(LIST, {"q": "内部测试"})) == []
    assert names(client.get(LIST, {"q": SECRET_NAME})) == []
    client.force_login(world.cleared_staff_a)
    assert len(names(client.get(LIST, {"q": "内部测试"}))) == 2


def test_grade_filter_cannot_reveal_hidden_grades(client, world):
    client.force_login(world.staff_a)
    assert names(client.get(LIST, {"secrecy_grade": SecrecyGrade.JIMI})) == []
    client.force_login(world.cleared_staff_a)
    assert names(client.get(LIST, {"secrecy_grade": SecrecyGrade.JIMI})) == [JIMI_NAME]


def test_sort_by_name_does_not_leak_hidden_order(client, world):
    f.make_system("啊啊最前面的秘密系统", owner=world.ministry_a, is_classified=True, secrecy_grade=SecrecyGrade.MIMI)
    client.force_login(world.staff_a)
    for sort in ("name", "-name"):
        shown = names(client.get(LIST, {"sort": sort}))
        hidden_positions = [i for i, n in enumerate(shown) if n == REDACTED_NAME]
        # Hidden rows sort together as if their name were empty: first ascending, last descending.
        expected = [0, 1, 2] if sort == "name" else [len(shown) - 3, len(shown) - 2, len(shown) - 1]
        assert hidden_positions == expected


@pytest.mark.parametrize(
    ("user", "system", "detail_status", "edit_status"),
    [
        ("staff_a", "sys_a", 200, 200),
        ("staff_a", "sys_a_jimi", 200, 403),  # in scope, grade above clearance: readable redacted, never editable
        ("cleared_staff_a", "sys_a_jimi", 200, 200),
        ("mimi_staff_a", "sys_a_mimi", 200, 200),
        ("mimi_staff_a", "sys_a_jimi", 200, 403),
        ("viewer_a", "sys_a", 200, 403),
        ("staff_a", "sys_b", 404, 404),
        ("staff_b", "sys_a_mimi", 404, 404),
        ("henan_reviewer", "sys_henan", 200, 403),
        ("henan_reviewer", "sys_a", 404, 404),
        ("nobody", "sys_a", 404, 404),
    ],
)
def test_scope_and_clearance_matrix(client, world, user, system, detail_status, edit_status):
    client.force_login(getattr(world, user))
    target = getattr(world, system)
    assert client.get(detail(target)).status_code == detail_status
    assert client.get(edit(target)).status_code == edit_status


def test_hidden_detail_is_redacted_without_edit_button(client, world):
    client.force_login(world.staff_a)
    body = client.get(detail(world.sys_a_jimi)).content.decode()
    assert JIMI_NAME not in body and REDACTED_NAME in body
    assert edit(world.sys_a_jimi) not in body
    assert "机密" not in body.split("<main", 1)[1].split("</dl>")[0].replace("涉密", "")


def test_uncleared_post_to_hidden_system_is_refused(client, world):
    client.force_login(world.staff_a)
    response = client.post(edit(world.sys_a_jimi), form_data(world.ministry_a, name="改名", version=1))
    assert response.status_code == 403
    world.sys_a_jimi.refresh_from_db()
    assert world.sys_a_jimi.name == JIMI_NAME


def test_create_non_classified(client, world):
    client.force_login(world.staff_a)
    response = client.post(ADD, form_data(world.ministry_a))
    assert response.status_code == 302, response.context["form"].errors
    created = ApplicationSystem.objects.get(name="新业务系统")
    assert created.coverage_levels == ["central", "provincial"] and created.mlps_level == 2


def test_grade_choices_follow_clearance(client, world):
    client.force_login(world.mimi_staff_a)
    choices = [c for c, _ in client.get(ADD).context["form"].fields["secrecy_grade"].choices]
    assert choices == ["", SecrecyGrade.MIMI]
    response = client.post(
        ADD, form_data(world.ministry_a, is_classified="on", secrecy_grade=SecrecyGrade.JIMI, mlps_level="")
    )
    assert response.status_code == 400
    assert "secrecy_grade" in response.context["form"].errors


def test_model_rules_shown_as_field_errors(client, world):
    client.force_login(world.cleared_staff_a)
    response = client.post(ADD, form_data(world.ministry_a, is_classified="on", secrecy_grade=""))
    assert response.status_code == 400
    assert "secrecy_grade" in response.context["form"].errors
    response = client.post(ADD, form_data(world.ministry_a, is_classified="on", secrecy_grade=SecrecyGrade.MIMI))
    assert response.status_code == 400
    assert "mlps_level" in response.context["form"].errors  # the model rule, raised inside the service
    response = client.post(ADD, form_data(world.ministry_a, coverage_levels=["galaxy"]))
    assert "coverage_levels" in response.context["form"].errors  # unknown choice: refused by the form
    response = client.post(ADD, form_data(world.ministry_a, mlps_level="9"))
    assert "mlps_level" in response.context["form"].errors  # 1–5: refused by the model rule in the service
    assert not ApplicationSystem.objects.filter(name="新业务系统").exists()


def test_out_of_scope_owner_refused(client, world):
    client.force_login(world.staff_a)
    response = client.post(ADD, form_data(world.ministry_b))
    assert response.status_code == 400 and "owner" in response.context["form"].errors


def test_stale_version_on_edit(client, world):
    client.force_login(world.staff_a)
    data = form_data(world.ministry_a, name="我的修改", mlps_level="3", version=world.sys_a.version)
    ApplicationSystem.objects.filter(pk=world.sys_a.pk).update(name="他人的修改", version=2)
    response = client.post(edit(world.sys_a), data)
    assert response.status_code == 409
    assert "已被他人修改" in response.content.decode()
    world.sys_a.refresh_from_db()
    assert world.sys_a.name == "他人的修改"


def test_edit_form_requires_version(client, world):
    client.force_login(world.staff_a)
    response = client.post(edit(world.sys_a), form_data(world.ministry_a))
    assert response.status_code == 400 and "version" in response.context["form"].errors


def test_delete_by_lead_and_refused_for_staff(client, world):
    client.force_login(world.staff_a)
    assert client.get(reverse("systems:system_delete", args=[world.sys_a.pk])).status_code == 403
    client.force_login(world.lead_a)
    response = client.post(reverse("systems:system_delete", args=[world.sys_a.pk]), {"version": world.sys_a.version})
    assert response.status_code == 302
    assert not ApplicationSystem.objects.filter(pk=world.sys_a.pk).exists()


def test_list_queries_do_not_grow_with_page_size(client, world, django_assert_max_num_queries):
    for i in range(60):
        f.make_system(
            f"批量系统{i:03}",
            owner=world.unit_a,
            current_network=CurrentNetwork.DEDICATED,
            current_dedicated_network=world.net_a,
        )
    client.force_login(world.staff_a)
    with django_assert_max_num_queries(8) as small:
        client.get(LIST + "?page_size=5&sort=name")
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(LIST + "?page_size=200&sort=name").context["rows"]) == 63
