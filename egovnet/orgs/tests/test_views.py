"""Organisation pages: scope (404 out of scope, 403 forbidden action), forms, optimistic locking, queries."""

import pytest
from django.urls import reverse

from egovnet.core.collation import pinyin_sort_key
from egovnet.core.models import AuditEntry
from egovnet.core.tests import factories as f
from egovnet.core.tests.world import build_world
from egovnet.orgs.choices import Level, OrgKind
from egovnet.orgs.models import Organisation

pytestmark = pytest.mark.django_db

LIST = reverse("orgs:organisation_list")


@pytest.fixture
def world():
    return build_world()


def detail(org):
    return reverse("orgs:organisation_detail", args=[org.pk])


def edit(org):
    return reverse("orgs:organisation_edit", args=[org.pk])


def org_data(org, **overrides):
    data = {
        "name": org.name,
        "short_name": org.short_name,
        "kind": org.kind,
        "level": org.level,
        "division": f"{org.division_id} x",
        "parent": f"{org.parent_id} x" if org.parent_id else "",
        "notes": "",
        "version": org.version,
    }
    data.update(overrides)
    return data


def test_list_shows_only_scope(client, world):
    client.force_login(world.staff_a)
    body = client.get(LIST).content.decode()
    assert "甲部信息中心" in body
    assert "乙部" not in body
    assert "国家发展和改革委员会" not in body


def test_division_scope_never_covers_central_orgs(client, world):
    client.force_login(world.henan_reviewer)
    body = client.get(LIST).content.decode()
    assert "河南省发展和改革委员会" in body
    assert "湖北省" not in body and "甲部" not in body


@pytest.mark.parametrize(
    ("user", "org", "status"),
    [
        ("staff_a", "ministry_a", 200),
        ("staff_a", "unit_a", 200),
        ("staff_a", "ministry_b", 404),
        ("staff_b", "ministry_a", 404),
        ("henan_reviewer", "henan_drc", 200),
        ("henan_reviewer", "hubei_drc", 404),
        ("nobody", "ministry_a", 404),
        ("admin", "ministry_b", 200),
    ],
)
def test_detail_scope_matrix(client, world, user, org, status):
    client.force_login(getattr(world, user))
    assert client.get(detail(getattr(world, org))).status_code == status


@pytest.mark.parametrize(
    ("user", "org", "status"),
    [
        ("lead_a", "ministry_a", 200),  # department_lead may change organisations in scope
        ("staff_a", "ministry_a", 403),  # department_staff may only view organisations
        ("viewer_a", "unit_a", 403),
        ("lead_a", "ministry_b", 404),  # out of scope: invisible
        ("admin", "ministry_b", 200),
    ],
)
def test_edit_scope_matrix(client, world, user, org, status):
    client.force_login(getattr(world, user))
    assert client.get(edit(getattr(world, org))).status_code == status


def test_add_and_delete_buttons_follow_grants(client, world):
    client.force_login(world.staff_a)
    assert reverse("orgs:organisation_add") not in client.get(LIST).content.decode()
    assert edit(world.ministry_a) not in client.get(detail(world.ministry_a)).content.decode()
    assert client.get(reverse("orgs:organisation_add")).status_code == 403
    client.force_login(world.lead_a)
    assert reverse("orgs:organisation_add") in client.get(LIST).content.decode()
    assert edit(world.ministry_a) in client.get(detail(world.ministry_a)).content.decode()
    assert (
        reverse("orgs:organisation_delete", args=[world.ministry_a.pk])
        not in client.get(detail(world.ministry_a)).content.decode()
    )


def test_detail_counts_children_networks_systems(client, world):
    client.force_login(world.staff_a)
    ctx = client.get(detail(world.ministry_a)).context
    assert ctx["children_count"] == 1
    assert ctx["networks_count"] == 1
    assert ctx["systems_count"] == 3


def test_update_through_service_is_audited(client, world):
    client.force_login(world.lead_a)
    response = client.post(edit(world.unit_a), org_data(world.unit_a, name="甲部大数据中心", reason="机构改革"))
    assert response.status_code == 302
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "甲部大数据中心"
    assert world.unit_a.version == 2
    entry = AuditEntry.objects.filter(object_type="orgs.organisation", object_id=str(world.unit_a.pk)).get()
    assert entry.actor_name == "lead-a" and entry.after["name"] == "甲部大数据中心"
    assert entry.reason == "机构改革"


def test_stale_version_is_refused_and_nothing_overwritten(client, world):
    client.force_login(world.lead_a)
    stale = org_data(world.unit_a, name="我的修改")
    Organisation.objects.filter(pk=world.unit_a.pk).update(name="他人的修改", version=2)
    response = client.post(edit(world.unit_a), stale)
    assert response.status_code == 409
    body = response.content.decode()
    assert "已被他人修改" in body and "未保存任何内容" in body
    world.unit_a.refresh_from_db()
    assert world.unit_a.name == "他人的修改"


def test_form_errors_are_shown_per_field(client, world):
    client.force_login(world.lead_a)
    response = client.post(
        edit(world.unit_a), org_data(world.unit_a, name="", division="999999 不存在", kind="nonsense")
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert set(form.errors) >= {"name", "division", "kind"}
    body = response.content.decode()
    assert "未保存任何内容" in body
    assert "不在您的管辖范围内" in body  # division 999999 does not exist


def test_model_validation_error_lands_on_field(client, world):
    client.force_login(world.lead_a)
    data = org_data(world.unit_a, level=Level.PROVINCIAL, division="110101 东城区")  # a county for a provincial org
    response = client.post(edit(world.unit_a), data)
    assert response.status_code == 400
    assert "division" in response.context["form"].errors


def test_parent_cycle_is_a_field_error(client, world):
    client.force_login(world.lead_a)
    response = client.post(edit(world.ministry_a), org_data(world.ministry_a, parent=f"{world.unit_a.pk} x"))
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors


def test_create_child_in_scope_and_refuse_out_of_scope_parent(client, world):
    client.force_login(world.lead_a)
    data = {
        "name": "甲部新司",
        "kind": OrgKind.GOVERNMENT_DEPARTMENT,
        "level": Level.CENTRAL,
        "division": "110000 北京市",
    }
    response = client.post(reverse("orgs:organisation_add"), {**data, "parent": f"{world.ministry_a.pk} 甲部"})
    assert response.status_code == 302
    created = Organisation.objects.get(name="甲部新司")
    assert created.path.startswith(world.ministry_a.path)
    response = client.post(
        reverse("orgs:organisation_add"), {**data, "name": "越权单位", "parent": f"{world.ministry_b.pk} 乙部"}
    )
    assert response.status_code == 400
    assert "parent" in response.context["form"].errors
    assert not Organisation.objects.filter(name="越权单位").exists()


def test_delete_refuses_referenced_and_deletes_leaf(client, world):
    client.force_login(world.admin)
    url = reverse("orgs:organisation_delete", args=[world.ministry_a.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"version": world.ministry_a.version})
    assert response.status_code == 409
    assert Organisation.objects.filter(pk=world.ministry_a.pk).exists()
    leaf = f.make_org("空单位")
    response = client.post(reverse("orgs:organisation_delete", args=[leaf.pk]), {"version": leaf.version})
    assert response.status_code == 302
    assert not Organisation.objects.filter(pk=leaf.pk).exists()


def test_delete_forbidden_without_grant(client, world):
    client.force_login(world.lead_a)
    assert client.get(reverse("orgs:organisation_delete", args=[world.unit_a.pk])).status_code == 403


def test_sort_whitelist_and_direction(client, world):
    client.force_login(world.admin)
    names = [row[0].text for row in client.get(LIST + "?sort=-name").context["rows"]]
    assert names == sorted(names, key=pinyin_sort_key, reverse=True)  # names sort by pinyin
    response = client.get(LIST + "?sort=path")  # not whitelisted: default order
    assert response.status_code == 200
    assert [r[0].text for r in response.context["rows"]] == sorted(names, key=pinyin_sort_key)


def test_filter_and_search(client, world):
    client.force_login(world.admin)
    rows = client.get(LIST + "?kind=development_reform").context["rows"]
    assert len(rows) == 3
    rows = client.get(LIST + "?q=信息中心").context["rows"]
    assert [r[0].text for r in rows] == ["甲部信息中心"]
    rows = client.get(LIST + "?division=410000").context["rows"]
    assert [r[0].text for r in rows] == ["河南省发展和改革委员会"]


def test_htmx_request_returns_table_only(client, world):
    client.force_login(world.admin)
    response = client.get(LIST + "?q=甲部&sort=-name", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="registry-table")
    body = response.content.decode()
    assert "<html" not in body and "甲部信息中心" in body
    # the current sort travels with the table, bound to the filter form, so a later filter keeps it
    assert 'name="sort" value="-name" form="registry-filters"' in body


def test_list_queries_do_not_grow_with_page_size(client, world, django_assert_max_num_queries):
    for i in range(120):
        f.make_org(f"批量单位{i:03}", parent=world.ministry_a)
    client.force_login(world.lead_a)
    with django_assert_max_num_queries(8) as small:
        client.get(LIST + "?page_size=10")
    with django_assert_max_num_queries(len(small.captured_queries)) as large:
        assert len(client.get(LIST + "?page_size=200").context["rows"]) == 122
    assert len(large.captured_queries) == len(small.captured_queries)


def test_page_size_is_capped_and_pages_work(client, world):
    for i in range(60):
        f.make_org(f"分页单位{i:03}")
    client.force_login(world.admin)
    response = client.get(LIST + "?page_size=5000")
    assert response.context["page"].paginator.per_page == 200
    response = client.get(LIST + "?page=2")
    assert response.context["page"].number == 2
    assert response.context["page"].paginator.per_page == 50


def test_lookup_is_scoped_and_limited(client, world):
    for i in range(30):
        f.make_org(f"甲部下属{i:02}", parent=world.ministry_a)
    client.force_login(world.lead_a)
    url = reverse("orgs:organisation_lookup")
    body = client.get(url, {"field": "parent", "parent": "部"}).content.decode()
    assert body.count("<option") == 20
    body = client.get(url, {"field": "parent", "parent": "乙部"}).content.decode()
    assert "<option" not in body


def test_overlong_ids_are_field_errors_not_crashes(client, world):
    client.force_login(world.lead_a)
    huge = "9" * 30
    response = client.post(edit(world.unit_a), org_data(world.unit_a, parent=huge))
    assert response.status_code == 400 and "parent" in response.context["form"].errors
    body = client.get(reverse("orgs:organisation_lookup"), {"field": "parent", "parent": huge}).content.decode()
    assert "<option" not in body
    assert client.get(reverse("networks:network_lookup"), {"field": "x", "x": huge}).status_code == 200


def test_owner_filter_offers_suggestions_by_name(client, world):
    client.force_login(world.staff_a)
    body = client.get(reverse("systems:system_list")).content.decode()
    assert 'list="dl-filter-owner"' in body and 'id="dl-filter-owner"' in body
    options = client.get(reverse("orgs:organisation_lookup"), {"field": "owner", "owner": "甲部", "plain": "1"})
    assert f'value="{world.ministry_a.pk}"' in options.content.decode()
    rows = client.get(reverse("systems:system_list"), {"owner": world.unit_a.pk}).context["rows"]
    assert rows == []
    assert len(client.get(reverse("systems:system_list"), {"owner": world.ministry_a.pk}).context["rows"]) == 3
