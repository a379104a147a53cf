"""Application-system API: redaction everywhere, stats, writes through the service, bad input."""

from __future__ import annotations

import json

import pytest

from egovnet.core.audit import verify_chain
from egovnet.core.models import AuditEntry
from egovnet.core.testing.api import client_for
from egovnet.core.tests.api_factories import build_world
from egovnet.systems.models import ApplicationSystem
from egovnet.systems.queries import REDACTED_NAME

pytestmark = pytest.mark.django_db
URL = "/api/systems/systems/"
HIDDEN_NAMES = ("防汛指挥秘密系统", "水利工程机密调度系统")


@pytest.fixture
def world():
    return build_world()


def text(response) -> str:
    return response.content.decode("utf-8")


def by_id(response) -> dict[int, dict]:
    return {row["id"]: row for row in response.json()["results"]}


def test_list_and_detail_redact_for_uncleared_staff(world):
    client = client_for(world.users["department_staff"])
    response = client.get(URL)
    rows = by_id(response)
    assert set(rows) == {world.systems[k].pk for k in ("ministry_sys", "ministry_mimi", "ministry_jimi")}
    for key in ("ministry_mimi", "ministry_jimi"):
        row = rows[world.systems[key].pk]
        assert row["name"] == REDACTED_NAME and row["redacted"] is True
        assert row["secrecy_grade"] is None and row["secrecy_ref"] is None and row["is_classified"] is True
    assert rows[world.systems["ministry_sys"].pk]["redacted"] is False
    detail = client.get(f"{URL}{world.systems['ministry_mimi'].pk}/")
    assert detail.status_code == 200 and detail.json()["name"] == REDACTED_NAME
    for name in HIDDEN_NAMES:
        assert name not in text(response) and name not in text(detail)
    assert "保密局" not in text(response)


def test_clearance_reveals_up_to_its_grade(world):
    rows = by_id(client_for(world.users["department_lead"]).get(URL))
    mimi, jimi = rows[world.systems["ministry_mimi"].pk], rows[world.systems["ministry_jimi"].pk]
    assert (mimi["name"], mimi["secrecy_grade"], mimi["redacted"]) == ("防汛指挥秘密系统", "mimi", False)
    assert (jimi["name"], jimi["secrecy_grade"], jimi["redacted"]) == (REDACTED_NAME, None, True)
    admin_rows = by_id(client_for(world.users["admin"]).get(URL, {"page_size": 100}))
    assert admin_rows[world.systems["ministry_jimi"].pk]["secrecy_grade"] == "jimi"


@pytest.mark.parametrize(
    ("role", "params", "expected"),
    [
        ("department_staff", {"q": "防汛"}, set()),
        ("department_staff", {"q": "秘密"}, set()),
        ("department_lead", {"q": "防汛"}, {"ministry_mimi"}),
        ("department_lead", {"q": "机密"}, set()),
        ("department_staff", {"secrecy_grade": "mimi"}, set()),
        ("department_lead", {"secrecy_grade": "mimi"}, {"ministry_mimi"}),
        ("department_lead", {"secrecy_grade": "jimi"}, set()),
        ("admin", {"secrecy_grade": "jimi"}, {"ministry_jimi"}),
        ("department_staff", {"is_classified": "true"}, {"ministry_mimi", "ministry_jimi"}),
        ("admin", {"division": "410000"}, {"henan_sys", "zhengzhou_sys"}),
        ("admin", {"owner": "__guangdong_dept"}, {"guangdong_sys"}),
    ],
)
def test_search_and_filters_never_match_hidden_rows(world, role, params, expected):
    params = {k: (world.orgs[v[2:]].pk if str(v).startswith("__") else v) for k, v in params.items()}
    rows = by_id(client_for(world.users[role]).get(URL, {**params, "page_size": 100}))
    assert set(rows) == {world.systems[k].pk for k in expected}


def test_ordering_by_name_uses_display_name(world):
    response = client_for(world.users["department_staff"]).get(URL, {"ordering": "name"})
    names = [r["name"] for r in response.json()["results"]]
    # Hidden rows sort as an empty name (first), so their order reveals nothing about the real names.
    assert names[:2] == [REDACTED_NAME, REDACTED_NAME] and names[2] == "水情信息系统"
    ids = [r["id"] for r in response.json()["results"][:2]]
    assert ids == sorted(ids)


@pytest.mark.parametrize(
    ("role", "by_grade", "hidden"),
    [("department_staff", {}, 2), ("department_lead", {"mimi": 1}, 1), ("admin", {"mimi": 1, "jimi": 1}, 0)],
)
def test_stats_count_only_visible_grades(world, role, by_grade, hidden):
    body = client_for(world.users[role]).get(f"{URL}stats/").json()
    assert body["by_grade"] == by_grade and body["hidden_grade"] == hidden
    assert body["classified"]["yes"] == 2
    assert sum(body["by_current_network"].values()) == body["total"]


def test_stats_respect_scope_and_filters(world):
    body = client_for(world.users["drc_reviewer"]).get(f"{URL}stats/").json()
    assert body["total"] == 2 and body["classified"] == {"yes": 0, "no": 2}
    body = client_for(world.users["admin"]).get(f"{URL}stats/", {"division": "440000"}).json()
    assert body["total"] == 1


def test_uncleared_user_cannot_change_or_delete_hidden_system(world):
    staff, lead = client_for(world.users["department_staff"]), client_for(world.users["department_lead"])
    mimi, jimi = world.systems["ministry_mimi"], world.systems["ministry_jimi"]
    before = AuditEntry.objects.count()
    assert staff.patch(f"{URL}{mimi.pk}/", {"bandwidth_mbps": 5, "version": 1}, format="json").status_code == 403
    assert lead.delete(f"{URL}{jimi.pk}/").status_code == 403
    assert AuditEntry.objects.count() == before
    assert lead.patch(f"{URL}{mimi.pk}/", {"bandwidth_mbps": 5, "version": 1}, format="json").status_code == 200
    assert lead.delete(f"{URL}{mimi.pk}/").status_code == 204
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "delete" and "防汛" not in entry.object_repr
    assert verify_chain() is None


def test_uncleared_user_cannot_register_classified_system(world):
    payload = {"name": "新涉密系统", "owner": world.orgs["ministry"].pk, "is_classified": True, "secrecy_grade": "mimi"}
    response = client_for(world.users["department_staff"]).post(URL, payload, format="json")
    assert response.status_code == 403
    assert client_for(world.users["department_lead"]).post(URL, payload, format="json").status_code == 201


def test_create_update_delete_round_trip(world):
    client = client_for(world.users["department_lead"])
    created = client.post(
        URL,
        {
            "name": "水利统计直报系统",
            "owner": world.orgs["ministry_unit"].pk,
            "mlps_level": 2,
            "current_network": "extranet",
            "coverage_levels": ["central", "provincial"],
            "bandwidth_mbps": 20,
        },
        format="json",
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    assert created.json()["owner"]["id"] == world.orgs["ministry_unit"].pk
    updated = client.patch(f"{URL}{pk}/", {"target_network": "extranet", "version": 1}, format="json")
    assert updated.status_code == 200 and updated.json()["target_network"] == "extranet"
    assert client.patch(f"{URL}{pk}/", {"public_facing": True, "version": 1}, format="json").status_code == 409
    assert client.delete(f"{URL}{pk}/", HTTP_IF_MATCH="1").status_code == 409  # stale delete refused too
    assert client.delete(f"{URL}{pk}/", HTTP_IF_MATCH="2").status_code == 204
    actions = list(
        AuditEntry.objects.filter(object_id=str(pk), object_type="systems.applicationsystem")
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "delete"]
    assert verify_chain() is None


BASE = {"name": "测试系统", "mlps_level": 2}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"is_classified": True, "secrecy_grade": "mimi", "mlps_level": 3}, "mlps_level"),
        ({"is_classified": True, "mlps_level": None}, "secrecy_grade"),
        ({"is_classified": True, "secrecy_grade": "top_secret", "mlps_level": None}, "secrecy_grade"),
        ({"secrecy_grade": "mimi"}, "secrecy_grade"),  # a grade on a non-classified system
        ({"mlps_level": 6}, "mlps_level"),
        ({"mlps_level": "high"}, "mlps_level"),
        ({"coverage_levels": ["galactic"]}, "coverage_levels"),
        ({"coverage_levels": "central"}, "coverage_levels"),
        ({"bandwidth_mbps": "fast"}, "bandwidth_mbps"),
        ({"bandwidth_mbps": -1}, "bandwidth_mbps"),
        ({"name": "名" * 201}, "name"),
        ({"name": ""}, "name"),
        ({"current_network": "carrier_pigeon"}, "current_network"),
        ({"target_network": "moon"}, "target_network"),
        ({"current_dedicated_network": "__ministry_net"}, "current_dedicated_network"),
        ({"owner": "__guangdong_dept"}, "owner"),
        ({"owner": None}, "owner"),
        ({"public_facing": "sometimes"}, "public_facing"),
    ],
)
def test_bad_input_is_400_naming_the_field(world, change, field):
    data = {**BASE, "owner": world.orgs["ministry"].pk, **change}
    for key, value in data.items():
        if isinstance(value, str) and value.startswith("__"):
            ref = value[2:]
            data[key] = (world.orgs.get(ref) or world.networks.get(ref)).pk
    before = (ApplicationSystem.objects.count(), AuditEntry.objects.count())
    response = client_for(world.users["department_lead"]).post(URL, data, format="json")
    assert response.status_code == 400, response.json()
    assert field in response.json(), response.json()
    assert (ApplicationSystem.objects.count(), AuditEntry.objects.count()) == before


def test_patch_that_breaks_a_cross_field_rule_changes_nothing(world):
    system = world.systems["ministry_mimi"]
    client = client_for(world.users["department_lead"])
    response = client.patch(f"{URL}{system.pk}/", {"mlps_level": 2, "version": 1}, format="json")
    assert response.status_code == 400 and "mlps_level" in response.json()
    system.refresh_from_db()
    assert system.mlps_level is None and system.version == 1


def test_audit_api_redacts_classified_snapshots(world):
    auditor = client_for(world.users["auditor"])
    response = auditor.get("/api/core/audit/", {"object_type": "systems.applicationsystem", "page_size": 100})
    assert response.status_code == 200
    rows = {r["object_id"]: r for r in response.json()["results"]}
    mimi = rows[str(world.systems["ministry_mimi"].pk)]
    assert mimi["redacted"] is True and mimi["after"]["name"] == REDACTED_NAME
    assert mimi["after"]["secrecy_grade"] is None and mimi["after"]["secrecy_ref"] is None
    assert rows[str(world.systems["ministry_sys"].pk)]["after"]["name"] == "水情信息系统"
    body = text(response)
    for name in HIDDEN_NAMES:
        assert name not in body
    detail = auditor.get(f"/api/core/audit/{mimi['seq']}/")
    assert detail.json()["after"]["name"] == REDACTED_NAME
    admin_rows = client_for(world.users["admin"]).get("/api/core/audit/", {"page_size": 100}).json()["results"]
    assert any(r["after"] and r["after"].get("name") == "水利工程机密调度系统" for r in admin_rows)
    assert json.dumps(admin_rows, ensure_ascii=False).count(REDACTED_NAME) == 0


def test_audit_redacts_entries_of_a_system_classified_later(world):
    from egovnet.systems import services

    root = world.users["root"]

    system = services.system_create(actor=root, name="水库群联合调度系统", owner=world.orgs["ministry"], mlps_level=3)
    services.system_update(
        actor=root, system=system, expected_version=1, is_classified=True, secrecy_grade="jimi", mlps_level=None
    )
    for reader in ("auditor", "admin"):
        response = client_for(world.users[reader]).get(
            "/api/core/audit/", {"object_type": "systems.applicationsystem", "object_id": system.pk}
        )
        rows = response.json()["results"]
        assert [r["action"] for r in rows] == ["update", "create"]
        if reader == "auditor":  # no clearance: the old create entry must not leak the (now classified) name
            assert all(r["redacted"] for r in rows) and "水库群" not in text(response)
            assert rows[1]["object_repr"] == REDACTED_NAME and rows[1]["after"]["name"] == REDACTED_NAME
        else:  # 机密-cleared admin sees it
            assert rows[1]["after"]["name"] == "水库群联合调度系统" and not rows[1]["redacted"]
